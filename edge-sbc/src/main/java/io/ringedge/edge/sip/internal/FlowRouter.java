package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowTable;

import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import java.util.ListIterator;
import java.util.Optional;

/**
 * Named in {@code javax.sip.ROUTER_PATH}. A request whose Request-URI is pinned to a WebSocket flow
 * goes to that connection's remote address over its transport, where jain-sip finds the open
 * socket; everything else follows RFC 3261 §8.1.2 via jain-sip's default router.
 */
public final class FlowRouter implements Router {

    private final DefaultRouter standard;
    private volatile FlowTable flows;

    public FlowRouter(SipStack stack, String outboundProxy) {
        this.standard = new DefaultRouter(stack, outboundProxy);
    }

    public void attach(FlowTable table) {
        this.flows = table;
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        FlowTable table = flows;
        if (table != null && request.getRequestURI() instanceof SipURI target) {
            Optional<Flow> flow = table.pinnedFlow(target);
            if (flow.isPresent()) {
                var remote = flow.get().remote();
                return new HopImpl(remote.getAddress().getHostAddress(), remote.getPort(), flow.get().transport());
            }
        }
        return standard.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return standard.getOutboundProxy();
    }

    @Override
    @Deprecated
    public ListIterator<?> getNextHops(Request request) {
        return standard.getNextHops(request);
    }
}
