package io.ringedge.edge.sip;

import gov.nist.javax.sip.message.SIPMessage;
import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.sip.RejectCounters.Reason;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowId;
import io.ringedge.edge.sip.ws.FlowTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The stack's single {@link SipListener}: screens every request, then dispatches it by method and
 * ingress to one of the two seams — {@link RegistrationHandler} for REGISTER from devices,
 * {@link CallSignalling} for call requests and for every response, timeout and termination.
 *
 * <p>What is answered here, before any seam sees the request:
 * <ul>
 *   <li>size over {@code edge.sip.max-message-size}: 513 (RFC 3261 §21.5.14);</li>
 *   <li>no Content-Length on a stream transport: 400 (RFC 3261 §18.3, §20.14);</li>
 *   <li>a method nobody implements: 501 (§8.2.1); a known one outside a dialog that the edge does not
 *       serve: 405 with Allow (§8.2.1);</li>
 *   <li>initial INVITE from a PBX: 403 when no connection admits the source (default deny), 404
 *       when no route takes the DID — the call side never sees either;</li>
 *   <li>OPTIONS: 200 with Allow (§11.2) to admitted PBXs, devices and edges; 403 to other sources;</li>
 *   <li>REGISTER anywhere but WS/WSS: 403 — PBXs do not register to the edge;</li>
 *   <li>initial INVITE from a device: 403 — device-originated calls are not served yet;</li>
 *   <li>INVITE from another edge naming a flow that is gone: 430 Flow Failed (RFC 5626 §11.6).</li>
 * </ul>
 */
public final class SipDispatcher implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    /** Known to SIP but not served by this edge outside a dialog (405, not 501). */
    private static final Set<String> KNOWN = Set.of("PRACK", "UPDATE", "INFO", "MESSAGE", "SUBSCRIBE", "NOTIFY",
            "REFER", "PUBLISH");
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER";

    private final EdgeSipStack stack;
    private final FlowTable flows;
    private final ConnectionTable connections;
    private final ConnectionGate gate;
    private final RegistrationHandler registrar;
    private final CallSignalling calls;
    private final RejectCounters counters;
    private final Responder responder;
    private final int maxMessageSize;

    public SipDispatcher(EdgeSipStack stack, FlowTable flows, ConnectionTable connections, ConnectionGate gate,
                         RegistrationHandler registrar, CallSignalling calls, RejectCounters counters, int maxMessageSize) {
        this.stack = stack;
        this.flows = flows;
        this.connections = connections;
        this.gate = gate;
        this.registrar = registrar;
        this.calls = calls;
        this.counters = counters;
        this.responder = new Responder(stack.messages());
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            // A handler bug must cost one request, never the listener thread.
            LOG.error("request {} failed", event.getRequest().getMethod(), e);
        }
    }

    private void dispatch(RequestEvent event) {
        Optional<Ingress> ingress = stack.ingressOf(event.getSource());
        if (ingress.isEmpty()) {
            LOG.error("request on an unknown provider {}", event.getSource());
            return;
        }
        SIPMessage message = (SIPMessage) event.getRequest();
        InetSocketAddress source = new InetSocketAddress(message.getPeerPacketSourceAddress(),
                message.getPeerPacketSourcePort());
        Optional<Flow> flow = ingress.get().peer() == Ingress.Peer.DEVICE
                ? flows.find(ingress.get().transport(), source) : Optional.empty();
        InboundRequest in = new InboundRequest(event, ingress.get(), source, flow);
        if (screen(in, message)) {
            route(in);
        }
    }

    /** False when the request was answered (or dropped) for its form alone. */
    private boolean screen(InboundRequest in, SIPMessage message) {
        switch (message.getApplicationData()) {
            case MessageDefect.Unparseable u -> {
                // counted by the parser, which only lets it through on stream transports
                responder.reply(in, 400, "Bad Request (" + printable(u.reason()) + ")");
                return false;
            }
            case MessageDefect.MissingContentLength m when in.ingress().isStream() -> {
                counters.increment(Reason.MISSING_CONTENT_LENGTH);
                responder.reply(in, 400, "Content-Length Required On Stream Transports");
                return false;
            }
            case null, default -> {
            }
        }
        int body = message.getRawContent() == null ? 0 : message.getRawContent().length;
        if (message.getSize() + body > maxMessageSize) {
            counters.increment(Reason.OVERSIZE);
            responder.reply(in, 513, "Message Too Large (limit " + maxMessageSize + " bytes)");
            return false;
        }
        return true;
    }

    /** A reason phrase is TEXT-UTF8 on one line (RFC 3261 §25.1); parser messages may hold anything. */
    private static String printable(String text) {
        String s = text.replaceAll("[^\\x20-\\x7E]", " ").strip();
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    private void route(InboundRequest in) {
        boolean inDialog = ((ToHeader) in.request().getHeader(ToHeader.NAME)).getTag() != null;
        switch (in.method()) {
            case Request.REGISTER -> register(in);
            case Request.INVITE -> {
                if (inDialog) {
                    calls.inDialog(in);
                } else {
                    invite(in);
                }
            }
            case Request.ACK -> calls.ack(in);
            case Request.CANCEL -> calls.cancel(in);
            case Request.BYE -> calls.bye(in);
            case Request.OPTIONS -> options(in);
            default -> {
                if (!KNOWN.contains(in.method())) {
                    counters.increment(Reason.UNKNOWN_METHOD);
                    responder.reply(in, 501, "Not Implemented", allow());
                } else if (inDialog) {
                    calls.inDialog(in);
                } else {
                    responder.reply(in, 405, "Method Not Allowed", allow());
                }
            }
        }
    }

    private void register(InboundRequest in) {
        if (in.ingress().peer() == Ingress.Peer.DEVICE) {
            registrar.register(in);
        } else {
            responder.reply(in, 403, "REGISTER Only From Devices Over WebSocket");
        }
    }

    private void invite(InboundRequest in) {
        switch (in.ingress().peer()) {
            case PBX -> {
                String did = in.request().getRequestURI() instanceof SipURI uri && uri.getUser() != null
                        ? uri.getUser() : "";
                switch (connections.admit(in.source().getAddress(), did)) {
                    case Admission.Forbidden f -> {
                        counters.increment(Reason.FORBIDDEN_SOURCE);
                        LOG.info("INVITE from unadmitted source {} refused", in.source());
                        responder.reply(in, 403, "Forbidden");
                    }
                    case Admission.UnknownDid u -> {
                        counters.increment(Reason.UNKNOWN_DID);
                        responder.reply(in, 404, "Not Found");
                    }
                    case Admission.Routed r -> enter(in, r);
                }
            }
            case EDGE -> relay(in);
            case DEVICE -> responder.reply(in, 403, "Calls From Devices Not Supported");
        }
    }

    /**
     * An edge too far behind, or a connection over its call limits, gets 503 before any routing
     * work (RFC 3261 §21.5.4). Overload and the per-second limit carry Retry-After: both clear within
     * moments. A full concurrent-call limit may last minutes, and a PBX honouring Retry-After would
     * stop using this edge meanwhile instead of trying its next route, so it has none.
     */
    private void enter(InboundRequest in, Admission.Routed route) {
        switch (gate.enter(route.connection())) {
            case ConnectionGate.Entry.Admitted(CallSlot slot) -> calls.offer(in, route, slot);
            case ConnectionGate.Entry.Refused(ConnectionGate.Limit limit, String reason) -> {
                LOG.debug("INVITE refused: {}", reason);
                switch (limit) {
                    case EDGE_OVERLOAD -> {
                        counters.increment(Reason.OVERLOAD);
                        responder.replyRetryAfter(in, 503, "Overloaded", 1);
                    }
                    case CALLS_PER_SECOND -> {
                        counters.increment(Reason.CALL_RATE_LIMIT);
                        responder.replyRetryAfter(in, 503, "Call Rate Limit Reached", 1);
                    }
                    case CONCURRENT_CALLS -> {
                        counters.increment(Reason.CONCURRENT_CALL_LIMIT);
                        responder.reply(in, 503, "Concurrent Call Limit Reached");
                    }
                }
            }
        }
    }

    /** RFC 5626 §5.3: the flow token rides in the top Route, which names this edge. */
    private void relay(InboundRequest in) {
        RouteHeader route = (RouteHeader) in.request().getHeader(RouteHeader.NAME);
        String token = route != null && route.getAddress().getURI() instanceof SipURI uri
                ? uri.getParameter(io.ringedge.edge.cluster.FlowRoute.FLOW_PARAM) : null;
        if (token == null) {
            responder.reply(in, 400, "Edge INVITE Without Flow Token");
            return;
        }
        Optional<Flow> target;
        try {
            target = flows.find(new FlowId(token));
        } catch (IllegalArgumentException e) {
            target = Optional.empty();
        }
        if (target.isEmpty()) {
            responder.reply(in, 430, "Flow Failed");
            return;
        }
        calls.relay(in, target.get());
    }

    private void options(InboundRequest in) {
        if (in.ingress().peer() == Ingress.Peer.PBX
                && connections.connections().stream().noneMatch(c -> c.admits(in.source().getAddress()))) {
            counters.increment(Reason.FORBIDDEN_SOURCE);
            responder.reply(in, 403, "Forbidden");
            return;
        }
        responder.reply(in, 200, "OK", allow());
    }

    private java.util.List<javax.sip.header.Header> allow() {
        try {
            return java.util.List.of(stack.headers().createAllowHeader(ALLOW));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("constant Allow header", e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        calls.response(event);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        calls.timeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        calls.transactionTerminated(event);
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        calls.dialogTerminated(event);
    }
}
