package io.ringedge.edge.sip;

import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.sip.ws.Flow;

import javax.sip.DialogTerminatedEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Test-only call side: records what the dispatcher hands over and answers offers with a fixed
 * status, so a test sees the request crossed the seam. The real adapter lives on branch call-fsm.
 */
public final class RecordingCallSignalling implements CallSignalling {

    /** {@code slot}: the test ends the call's hold on its connection's limit by releasing it. */
    public record Offer(InboundRequest invite, Admission.Routed route, CallSlot slot) {
    }

    public record Relay(InboundRequest invite, Flow target) {
    }

    public final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
    public final BlockingQueue<Relay> relays = new LinkedBlockingQueue<>();
    public final BlockingQueue<InboundRequest> others = new LinkedBlockingQueue<>();
    private final Responder responder;
    private final int answer;

    public RecordingCallSignalling(Responder responder, int answer) {
        this.responder = responder;
        this.answer = answer;
    }

    @Override
    public void offer(InboundRequest invite, Admission.Routed route, CallSlot slot) {
        offers.add(new Offer(invite, route, slot));
        responder.reply(invite, answer, null);
    }

    @Override
    public void relay(InboundRequest invite, Flow target) {
        relays.add(new Relay(invite, target));
        responder.reply(invite, answer, null);
    }

    @Override
    public void ack(InboundRequest ack) {
        others.add(ack);
    }

    @Override
    public void cancel(InboundRequest cancel) {
        others.add(cancel);
    }

    @Override
    public void bye(InboundRequest bye) {
        others.add(bye);
    }

    @Override
    public void inDialog(InboundRequest request) {
        others.add(request);
    }

    @Override
    public void response(ResponseEvent event) {
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
