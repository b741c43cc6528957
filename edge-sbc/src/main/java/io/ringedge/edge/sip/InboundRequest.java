package io.ringedge.edge.sip;

import io.ringedge.edge.sip.ws.Flow;

import javax.sip.RequestEvent;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A request as the edge sees it: the jain-sip event plus where it came from.
 *
 * @param event   the jain-sip event; {@code event.getServerTransaction()} is null unless the stack
 *                matched an existing transaction, so handlers create one when they answer statefully
 * @param ingress the listener it arrived on
 * @param source  the packet's source address (not the Via), what connection admission checks
 * @param flow    the WebSocket flow it came over, for WS/WSS
 */
public record InboundRequest(RequestEvent event, Ingress ingress, InetSocketAddress source, Optional<Flow> flow) {

    public Request request() {
        return event.getRequest();
    }

    public SipProvider provider() {
        return (SipProvider) event.getSource();
    }

    public String method() {
        return event.getRequest().getMethod();
    }
}
