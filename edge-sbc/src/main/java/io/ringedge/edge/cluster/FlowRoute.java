package io.ringedge.edge.cluster;

import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import java.text.ParseException;

/**
 * The Route that carries a call to a device attached to another edge: that edge's internal URI
 * (from {@link EdgeNodeRegistry}) as a loose route with the device's flow token, RFC 5626 §5.3
 * style. The receiving edge's dispatcher reads the {@code flow} parameter.
 */
public final class FlowRoute {

    public static final String FLOW_PARAM = "flow";

    private FlowRoute() {
    }

    public static RouteHeader to(String edgeInternalUri, String flowId, AddressFactory addresses,
                                 HeaderFactory headers) throws ParseException {
        SipURI uri = (SipURI) addresses.createURI(edgeInternalUri);
        uri.setLrParam();
        uri.setParameter(FLOW_PARAM, flowId);
        return headers.createRouteHeader(addresses.createAddress(uri));
    }
}
