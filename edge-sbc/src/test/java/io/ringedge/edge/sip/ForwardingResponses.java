package io.ringedge.edge.sip;

import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.sip.ws.Flow;

import javax.sip.DialogTerminatedEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import java.util.Queue;

/** Test call side that passes requests to a delegate and collects responses to the edge's own requests. */
final class ForwardingResponses implements CallSignalling {

    private final CallSignalling delegate;
    private final Queue<ResponseEvent> responses;

    ForwardingResponses(CallSignalling delegate, Queue<ResponseEvent> responses) {
        this.delegate = delegate;
        this.responses = responses;
    }

    @Override
    public void offer(InboundRequest invite, Admission.Routed route, CallSlot slot) {
        delegate.offer(invite, route, slot);
    }

    @Override
    public void relay(InboundRequest invite, Flow target) {
        delegate.relay(invite, target);
    }

    @Override
    public void ack(InboundRequest ack) {
        delegate.ack(ack);
    }

    @Override
    public void cancel(InboundRequest cancel) {
        delegate.cancel(cancel);
    }

    @Override
    public void bye(InboundRequest bye) {
        delegate.bye(bye);
    }

    @Override
    public void inDialog(InboundRequest request) {
        delegate.inDialog(request);
    }

    @Override
    public void response(ResponseEvent event) {
        responses.add(event);
    }

    @Override
    public void timeout(TimeoutEvent event) {
    }

    @Override
    public void transactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void dialogTerminated(DialogTerminatedEvent event) {
    }
}
