package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.InboundCallMachine;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.SdpPassThrough;
import io.ringedge.events.EventPublisher;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call of this edge shares.
 *
 * @param workers   threads the calls' serial executors borrow (virtual threads in production)
 * @param timers    fires the calls' timers; the firing is posted to the call, never run here
 * @param linger    how long an ended call stays findable after its last leg settled, so
 *                  retransmissions and crossing requests are still answered by it
 */
record CallRuntime(InboundCallMachine machine, Clock clock, Executor workers,
                   ScheduledExecutorService timers, EventPublisher publisher, MediaAnchor media, SipMessages sip,
                   DeviceReach reach, CallRegistry registry, Duration linger) {

    /** 64*T1: by then every retransmission of the call's last transactions is over (RFC 3261 §17). */
    static final Duration DEFAULT_LINGER = Duration.ofSeconds(32);

    CallRuntime {
        if (clock == null || workers == null || timers == null || publisher == null || media == null || sip == null
                || reach == null || registry == null || linger == null || machine == null) {
            throw new IllegalArgumentException("every part of the call runtime is required");
        }
    }

    /**
     * The runtime of a call relayed for another edge to a device flow here: it reaches that one
     * flow, publishes nothing and anchors no media, since the holding edge owns the call's
     * timeline and its media.
     */
    CallRuntime relaying(DeviceReach flow) {
        return new CallRuntime(machine, clock, workers, timers, event -> {
        }, new SdpPassThrough(), sip, flow, registry, linger);
    }
}
