package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallConfig;
import io.ringedge.edge.call.CallContext;
import io.ringedge.edge.call.CallInput;
import io.ringedge.edge.call.InboundCallMachine;
import io.ringedge.edge.call.InboundCalls;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.MessageBody;
import io.ringedge.edge.call.Party;
import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.sip.CallSignalling;
import io.ringedge.edge.sip.EdgeSipStack;
import io.ringedge.edge.sip.InboundRequest;
import io.ringedge.edge.sip.Responder;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowTable;
import io.ringedge.events.CallEnded;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.EventPublisher;
import io.ringedge.locator.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;


/**
 * The B2BUA adapter: jain-sip events in, {@link CallInput}s to the call they belong to; the
 * call's {@link CallSession} carries out what its state machine decides. Holds no lock: the
 * registry is concurrent and each call runs on its own serial executor.
 */
public final class B2bua implements CallSignalling, InboundCalls {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);

    /** What a relayed call has instead of a tenant and user: the holding edge knows them. */
    private static final String RELAYED = "relayed";

    private final String nodeId;
    private final CallRuntime runtime;
    private final FlowDeviceReach flows;
    private final Responder responder;

    B2bua(String nodeId, CallRuntime runtime, FlowDeviceReach flows, Responder responder) {
        this.nodeId = nodeId;
        this.runtime = runtime;
        this.flows = flows;
        this.responder = responder;
    }

    /**
     * The edge's call side, wired by hand in {@code main}; fits {@code Edge.CallSide} as
     * {@code (stack, flows, responder) -> B2bua.create(nodeId, stack, flows, responder, ...)}.
     *
     * @param edgeNodes another edge's internal SIP URI by node id ({@code EdgeNodeRegistry::lookup})
     * @param workers   threads the calls borrow, one call at a time each (virtual threads suit: a
     *                  media anchor or directory lookup may block for milliseconds); owned by the caller
     * @param timers    fires ring and ACK timers; owned by the caller
     */
    public static B2bua create(String nodeId, EdgeSipStack stack, FlowTable flows, Responder responder,
                               DeviceDirectory directory, Function<String, Optional<String>> edgeNodes,
                               EventPublisher publisher, MediaAnchor media, CallConfig config, Clock clock,
                               Executor workers, ScheduledExecutorService timers) {
        SipMessages sip = new SipMessages(stack.messages(), stack.headers(), stack.addresses());
        FlowDeviceReach reach = new FlowDeviceReach(nodeId, stack, flows, directory, edgeNodes);
        CallRuntime runtime = new CallRuntime(new InboundCallMachine(config), clock, workers, timers, publisher, media,
                sip, reach, new CallRegistry(), CallRuntime.DEFAULT_LINGER);
        B2bua b2bua = new B2bua(nodeId, runtime, reach, responder);
        flows.onClose(b2bua::flowClosed);
        return b2bua;
    }

    @Override
    public void offer(InboundRequest invite, Admission.Routed route, CallSlot slot) {
        Optional<PbxLeg> pbx = accept(invite);
        if (pbx.isEmpty()) {
            slot.release();
            return;
        }
        CallContext call = new CallContext(UUID.randomUUID().toString(), route.connection().tenantId(),
                route.connection().id(), route.did(), route.userId(), caller(invite.request()), nodeId,
                pbx.get().offer(), runtime.clock().instant());
        hold(new CallSession(call, runtime, pbx.get(), slot), pbx.get());
    }

    /**
     * Another edge holds a call for a device whose WebSocket is {@code target} here. This edge
     * takes the INVITE as an inbound call with that one device already located, so CANCEL, ACK,
     * BYE and the device's answers cross it as they cross the holding edge.
     */
    @Override
    public void relay(InboundRequest invite, Flow target) {
        if (!(invite.request().getRequestURI() instanceof SipURI device)) {
            responder.reply(invite, 416, "Unsupported URI Scheme");
            return;
        }
        Optional<PbxLeg> edge = accept(invite);
        if (edge.isEmpty()) {
            return;
        }
        String flowId = target.id().value();
        CallContext call = new CallContext(UUID.randomUUID().toString(), RELAYED, RELAYED,
                dialled(invite.request()), RELAYED, caller(invite.request()), nodeId, edge.get().offer(),
                runtime.clock().instant());
        CallSession session = new CallSession(call, runtime.relaying(flows.toFlow(target, device)), edge.get(), CallSlot.NONE);
        hold(session, edge.get());
        session.post(new CallInput.Located(new DevicesLocated(call.callId(), RELAYED, RELAYED, call.caller(),
                List.of(new AttachedDevice(flowId, nodeId, flowId, device.toString())), List.of())));
    }

    /** Takes the INVITE statefully, or answers it when it cannot be. */
    private Optional<PbxLeg> accept(InboundRequest invite) {
        if (runtime.registry().leg(sipCallId(invite.request())).isPresent()) {
            // RFC 3261 §8.2.2.2: a new initial INVITE with the Call-ID of a call in progress is a
            // merged request (it forked upstream and came back by another path)
            responder.reply(invite, 482, "Loop Detected");
            return Optional.empty();
        }
        try {
            return Optional.of(PbxLeg.accept(runtime.sip(), invite.provider(), invite.request(),
                    invite.event().getServerTransaction()));
        } catch (TransactionAlreadyExistsException e) {
            return Optional.empty(); // a retransmission that overtook its own transaction: the first copy is served
        } catch (SipException e) {
            LOG.warn("cannot take INVITE from {}: {}", invite.source(), e.getMessage());
            responder.reply(invite, 500, "Server Internal Error");
            return Optional.empty();
        }
    }

    /** Findable before its CallOffered can be seen, so the DevicesLocated it causes finds the call. */
    private void hold(CallSession session, PbxLeg leg) {
        runtime.registry().add(session, leg.sipCallId());
        session.start();
    }

    @Override
    public void ack(InboundRequest ack) {
        runtime.registry().leg(sipCallId(ack.request()))
                .filter(leg -> leg.fork().isEmpty())
                .ifPresent(leg -> leg.session().post(new CallInput.PbxAck(SipMessages.sdpOf(ack.request()))));
    }

    @Override
    public void cancel(InboundRequest cancel) {
        Optional<CallRegistry.Leg> leg = runtime.registry().leg(sipCallId(cancel.request()))
                .filter(l -> l.fork().isEmpty());
        if (leg.isEmpty()) {
            // RFC 3261 §9.2: a CANCEL that matches no transaction
            responder.reply(cancel, 481, "Call/Transaction Does Not Exist");
            return;
        }
        withTransaction(cancel, leg.get(), CallInput.PbxCancel::new);
    }

    @Override
    public void bye(InboundRequest bye) {
        Optional<CallRegistry.Leg> leg = runtime.registry().leg(sipCallId(bye.request()));
        if (leg.isEmpty()) {
            responder.reply(bye, 481, "Call/Transaction Does Not Exist");
            return;
        }
        if (leg.get().fork().isPresent()) {
            var fork = leg.get().fork().get();
            withTransaction(bye, leg.get(), ref -> new CallInput.DeviceBye(fork, ref));
        } else {
            withTransaction(bye, leg.get(), CallInput.PbxBye::new);
        }
    }

    /** Mid-call requests (re-INVITE, UPDATE, INFO ...): the call's state machine decides (see MidCallRules). */
    @Override
    public void inDialog(InboundRequest request) {
        Optional<CallRegistry.Leg> leg = runtime.registry().leg(sipCallId(request.request()));
        if (leg.isEmpty()) {
            responder.reply(request, 481, "Call/Transaction Does Not Exist");
            return;
        }
        Party from = leg.get().fork().map(Party::device).orElse(Party.pbx());
        Optional<MessageBody> body = SipMessages.bodyOf(request.request());
        withTransaction(request, leg.get(), ref -> new CallInput.MidCallRequest(from, ref, request.method(), body));
    }

    @Override
    public void response(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null) {
            // No transaction of ours: a device's 2xx retransmitted after its INVITE transaction ended
            // (RFC 3261 §17.1.1.2), which jain-sip ACKs again once our ACK has gone and which reached
            // us first only because that ACK is still on its way; or a response to nothing we sent.
            // Neither is news for the call, and a retransmitted answer must not be anchored again.
            return;
        }
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (transaction.getApplicationData() instanceof Relayed relayed) {
            if (response.getStatusCode() >= 200 && cseq != null) {
                runtime.registry().leg(sipCallId(response)).ifPresent(leg -> leg.session().post(
                        new CallInput.MidCallAnswered(relayed.to(), relayed.request(), relayed.method(),
                                cseq.getSeqNumber(), response.getStatusCode(), reason(response),
                                SipMessages.bodyOf(response))));
            }
            return;
        }
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod()) || !DeviceLeg.initialInvite(cseq.getSeqNumber())) {
            return; // answers to our CANCEL, BYE
        }
        runtime.registry().leg(sipCallId(response)).ifPresent(leg -> leg.fork().ifPresent(fork -> {
            int status = response.getStatusCode();
            CallInput input = switch (status / 100) {
                case 1 -> new CallInput.ForkProvisional(fork, status);
                case 2 -> new CallInput.ForkAnswered(fork, SipMessages.sdpOf(response));
                default -> new CallInput.ForkFailed(fork, status);
            };
            leg.session().postFromFork(fork, status < 300 ? dialogTarget(response) : Optional.empty(), input);
        }));
    }

    /** An INVITE to a device that got no final response: RFC 3261 §17.1.1.2, the fork failed with 408. */
    @Override
    public void timeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        Request request = transaction.getRequest();
        if (transaction.getApplicationData() instanceof Relayed relayed) {
            // RFC 3261 §8.1.3.1: no response is a 408
            CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
            runtime.registry().leg(sipCallId(request)).ifPresent(leg -> leg.session().post(
                    new CallInput.MidCallAnswered(relayed.to(), relayed.request(), relayed.method(),
                            cseq.getSeqNumber(), 408, "Request Timeout", Optional.empty())));
            return;
        }
        if (!Request.INVITE.equals(request.getMethod())) {
            return;
        }
        runtime.registry().leg(sipCallId(request)).ifPresent(leg -> leg.fork().ifPresent(
                fork -> leg.session().post(new CallInput.ForkFailed(fork, 408))));
    }

    @Override
    public void transactionTerminated(TransactionTerminatedEvent event) {
        // calls end by their state machine; jain-sip frees its own transactions
    }

    @Override
    public void dialogTerminated(DialogTerminatedEvent event) {
        // as above, for dialogs
    }

    @Override
    public void devicesLocated(DevicesLocated devices) {
        runtime.registry().call(devices.callId()).ifPresent(s -> s.post(new CallInput.Located(devices)));
    }

    @Override
    public void deviceAvailable(String callId, AttachedDevice device) {
        runtime.registry().call(callId).ifPresent(s -> s.post(new CallInput.DeviceAvailable(device)));
    }

    /**
     * The media of a call died under it (its worker session failed, or its worker is gone): the
     * call ends both legs with {@code cause}. Unknown calls (already retired) are ignored.
     */
    public void mediaFailed(String callId, CallEnded.EndCause cause, String detail) {
        runtime.registry().call(callId).ifPresent(s -> s.post(new CallInput.MediaFailed(cause, detail)));
    }

    /** A device's WebSocket closed; the calls with a fork over it learn their device is gone. */
    public void flowClosed(Flow flow) {
        for (CallSession session : runtime.registry().onFlow(flow.id().value())) {
            session.postFlowClosed(flow.id().value());
        }
    }

    /** Whether this edge holds the call (ended ones included until they retire). */
    public boolean holds(String callId) {
        return runtime.registry().call(callId).isPresent();
    }

    /** Calls this edge holds right now, ended ones included until they retire. */
    public int heldCalls() {
        return runtime.registry().size();
    }

    private void withTransaction(InboundRequest in, CallRegistry.Leg leg,
                                 Function<io.ringedge.edge.call.RequestRef, CallInput> input) {
        ServerTransaction transaction = in.event().getServerTransaction();
        try {
            if (transaction == null) {
                transaction = in.provider().getNewServerTransaction(in.request());
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // retransmission: the transaction already created answers it
        } catch (SipException e) {
            LOG.warn("cannot take {} for call {}: {}", in.method(), leg.session().callId(), e.getMessage());
            return;
        }
        leg.session().postRequest(transaction, input);
    }

    private static String reason(Response response) {
        String phrase = response.getReasonPhrase();
        return phrase == null || phrase.isBlank() ? "Status " + response.getStatusCode() : phrase;
    }

    /** The device's Contact, which becomes the dialog's remote target (RFC 3261 §12.1.2). */
    private static Optional<SipURI> dialogTarget(Response response) {
        ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
        return contact != null && contact.getAddress().getURI() instanceof SipURI target
                ? Optional.of(target) : Optional.empty();
    }

    private static Caller caller(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String name = from.getAddress().getDisplayName();
        String number = from.getAddress().getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
        return new Caller(name == null ? "" : name, number);
    }

    private static String dialled(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to.getAddress().getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
    }

    private static String sipCallId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
