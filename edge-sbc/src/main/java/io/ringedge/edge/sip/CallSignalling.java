package io.ringedge.edge.sip;

import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.sip.ws.Flow;

import javax.sip.DialogTerminatedEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * The call side of the dispatch seam: what the B2BUA adapter (package {@code io.ringedge.edge.call})
 * implements. {@link SipDispatcher} calls it only with requests that passed every edge check
 * (connection admission, DID routing, size and framing), so the adapter never sees a forbidden call.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Calls come on jain-sip threads, concurrently ({@code REENTRANT_LISTENER=true}): the adapter
 *       serialises the events of one call itself (STYLE.md: one call, one thread at a time).</li>
 *   <li>The stack runs with {@code AUTOMATIC_DIALOG_SUPPORT=off}: the adapter creates server
 *       transactions ({@code provider.getNewServerTransaction}) and dialogs
 *       ({@code provider.getNewDialog}) itself, on both legs.</li>
 *   <li>To reach a device, create the client transaction with
 *       {@link EdgeSipStack#clientTransaction(io.ringedge.edge.sip.ws.Flow, javax.sip.message.Request)}
 *       (the binding's flow, its Contact as Request-URI): it pins the Request-URI to the flow, so the
 *       stack's router uses that WebSocket, for in-dialog requests too. Pin the device's dialog target
 *       ({@code FlowTable.pin}) as well if its 200 OK Contact differs.</li>
 *   <li>Responses, timeouts and terminations of every transaction, both legs, arrive here.</li>
 * </ul>
 */
public interface CallSignalling {

    /**
     * An initial INVITE from a PBX, admitted by {@code route.connection()} within its call limits
     * and routed to a user. The call releases {@code slot} when it ends (or at once if it never starts).
     */
    void offer(InboundRequest invite, Admission.Routed route, CallSlot slot);

    /**
     * An initial INVITE from another edge (internal listener) for a device whose WebSocket is
     * {@code target} on this edge: RFC 5626 §5.3 flow token in the top Route's {@code flow} parameter.
     */
    void relay(InboundRequest invite, Flow target);

    void ack(InboundRequest ack);

    void cancel(InboundRequest cancel);

    void bye(InboundRequest bye);

    /** Any other request inside a dialog (To tag present): re-INVITE, UPDATE, INFO, PRACK, ... */
    void inDialog(InboundRequest request);

    void response(ResponseEvent event);

    void timeout(TimeoutEvent event);

    void transactionTerminated(TransactionTerminatedEvent event);

    void dialogTerminated(DialogTerminatedEvent event);
}
