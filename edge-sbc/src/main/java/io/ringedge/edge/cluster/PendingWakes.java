package io.ringedge.edge.cluster;

import io.ringedge.edge.call.InboundCalls;
import io.ringedge.edge.sip.registrar.AttachGate;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.locator.PendingCall;
import io.ringedge.locator.PendingCalls;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Calls waiting for woken devices, across edges. The edge holding a call records it as pending
 * ({@link PendingCalls}) when devices are asleep; the edge where a woken device attaches finds the
 * holding edge there and tells it ({@link AttachChannel}); the holding edge claims (call, device)
 * exactly once and hands the device to the call, which forks to it, or, if the call is already
 * decided, sends it an INVITE and CANCEL so its incoming-call UI closes.
 *
 * <p>The record lives until the ring timeout ends and is not released when the call settles: a
 * device attaching after a cancel must still be found and withdrawn. Its attach token (lifetime
 * {@code push.ring-timeout}) expires before that, and before the call is forgotten (32 s after it
 * settles), as long as {@code push.ring-timeout} is at most {@code edge.call.ring-timeout-seconds}
 * and 32 s.
 */
public final class PendingWakes implements AttachGate.Signal {

    private static final Logger LOG = LoggerFactory.getLogger(PendingWakes.class);

    private final String nodeId;
    private final PendingCalls pending;
    private final Supplier<? extends InboundCalls> calls;
    private final Consumer<Runnable> work;
    private final Clock clock;
    private final Duration ringTimeout;
    private volatile AttachChannel channel;

    /**
     * @param calls this edge's calls (built after this, when the SIP stack exists)
     * @param work  where claims run: off the pub/sub I/O thread, since a claim is a Redis round trip
     */
    public PendingWakes(String nodeId, PendingCalls pending, Supplier<? extends InboundCalls> calls,
                        Consumer<Runnable> work, Clock clock, Duration ringTimeout) {
        this.nodeId = nodeId;
        this.pending = pending;
        this.calls = calls;
        this.work = work;
        this.clock = clock;
        this.ringTimeout = ringTimeout;
    }

    /** Subscribes this edge to attach messages; until then it can hold calls but not hear attaches. */
    public AttachChannel listen(RedisLink.Settings redis) {
        channel = AttachChannel.start(redis, nodeId, attached -> work.accept(() -> claim(attached)));
        return channel;
    }

    /** Holding edge: the locator answered for a call held here; if some devices sleep, wait for them. */
    public void located(DevicesLocated devices) {
        if (devices.asleep().isEmpty()) {
            return;
        }
        Set<String> attached = devices.attached().stream().map(AttachedDevice::deviceId).collect(Collectors.toSet());
        // A redelivered DevicesLocated holds nothing new: hold() is idempotent. Not waited for: this
        // is the edge's one event consumer, and the next call's DevicesLocated must not queue behind
        // this call's round trip. A woken device attaches a push round trip later, long after Redis ran it.
        pending.hold(new PendingCall(devices.callId(), devices.tenantId(), devices.userId(), nodeId, attached,
                clock.instant().plus(ringTimeout))).whenComplete((held, failure) -> {
                    if (failure != null) {
                        // the call still rings its attached devices; a woken one cannot be handed to it
                        LOG.warn("call {}: cannot record it as waiting for woken devices {}: {}", devices.callId(),
                                devices.asleep().stream().map(DevicesLocated.AsleepDevice::deviceId).toList(),
                                failure.toString());
                    }
                });
    }

    /**
     * Attaching edge (the registrar accepted an attach token): tell the edge holding the call,
     * over {@link AttachChannel} when that is another edge (only after {@link #listen}).
     */
    @Override
    public void attached(DeviceAttached device, String flowId, String contact) {
        try {
            tellHoldingEdge(device, flowId, contact);
        } catch (RuntimeException e) {
            // Redis away: the device stays registered and the call rings its other devices; the
            // REGISTER already got its 200, and this SIP thread must not fail with it.
            LOG.warn("cannot announce device {} for call {}: {}", device.deviceId(), device.callId(), e.toString());
        }
    }

    private void tellHoldingEdge(DeviceAttached device, String flowId, String contact) {
        AttachChannel.Attached message = new AttachChannel.Attached(device.callId(), device.deviceId(),
                device.edgeNode(), flowId, contact);
        switch (pending.attach(device.callId(), device.deviceId(), nodeId)) {
            case PendingCalls.Attach.HeldHere(PendingCalls.Claim claim) when claim == PendingCalls.Claim.NO_SUCH_CALL ->
                    LOG.info("device {} attached for call {}, which is no longer pending", device.deviceId(),
                            device.callId());
            // held here: claimed already, and no round trip through Redis pub/sub
            case PendingCalls.Attach.HeldHere(PendingCalls.Claim claim) ->
                    heldCalls(message).ifPresent(held -> handOver(held, message, claim));
            case PendingCalls.Attach.HeldElsewhere(String holdingEdge) -> {
                if (!channel.send(holdingEdge, message)) {
                    LOG.warn("edge {} holding call {} does not listen: device {} not delivered",
                            holdingEdge, device.callId(), device.deviceId());
                }
            }
        }
    }

    /** Holding edge, told by another edge: of any number of attach messages for (call, device), one reaches the call. */
    void claim(AttachChannel.Attached attached) {
        heldCalls(attached).ifPresent(held -> handOver(held, attached, pending.claim(attached.callId(),
                attached.deviceId())));
    }

    /** This edge's calls; none while it is still starting, so an attach then is for a call of its previous run. */
    private Optional<InboundCalls> heldCalls(AttachChannel.Attached attached) {
        InboundCalls held = calls.get();
        if (held == null) {
            LOG.info("attach for call {} before this edge holds calls", attached.callId());
        }
        return Optional.ofNullable(held);
    }

    private static void handOver(InboundCalls held, AttachChannel.Attached attached, PendingCalls.Claim claim) {
        switch (claim) {
            case CLAIMED, NO_SUCH_CALL ->
                // NO_SUCH_CALL: the record expired between the attaching edge's look and this claim;
                // the call, if this edge still holds it, withdraws the INVITE itself.
                    held.deviceAvailable(attached.callId(),
                            new AttachedDevice(attached.deviceId(), attached.edgeNode(), attached.flowId(),
                                    attached.contact()));
            case ALREADY_CLAIMED -> LOG.debug("call {} device {} already claimed", attached.callId(), attached.deviceId());
        }
    }
}
