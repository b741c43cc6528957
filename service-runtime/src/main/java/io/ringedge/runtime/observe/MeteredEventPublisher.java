package io.ringedge.runtime.observe;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.RingedgeEvent;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a process publishes, then passes it on. The events are the record of every call
 * step, so the call, registration and push meters come from them without a hook in the SIP or
 * push code. Each process counts its own events (the edge its calls and registrations, the push
 * service its pushes); Prometheus sums over the fleet.
 */
public final class MeteredEventPublisher implements EventPublisher {

    /** Causes that end a call nobody talked on for a reason other than the caller giving up. */
    static final Set<CallEnded.EndCause> FAILURE_CAUSES = EnumSet.of(CallEnded.EndCause.BUSY,
            CallEnded.EndCause.DECLINED, CallEnded.EndCause.NO_ANSWER, CallEnded.EndCause.NO_DEVICES,
            CallEnded.EndCause.FAILED, CallEnded.EndCause.MEDIA_REJECTED, CallEnded.EndCause.NO_MEDIA_WORKER);
    /** RFC 8599 pn-provider values; a device may send anything, and a label must stay bounded. */
    static final Set<String> KNOWN_PROVIDERS = Set.of("apns", "fcm", "webpush");

    private final EventPublisher delegate;
    private final Counter published;
    private final Counter offered;
    private final Counter answered;
    private final Counter ended;
    private final Counter failed;
    private final Counter registrations;
    private final Counter unregistrations;
    private final Counter pushes;
    private final AtomicLong active = new AtomicLong();

    public MeteredEventPublisher(EventPublisher delegate, MeterRegistry registry) {
        this.delegate = delegate;
        published = registry.counter("ringedge_events_published_total",
                "Events this process published, by event type", "type");
        offered = registry.counter("ringedge_calls_offered_total", "Calls offered by a PBX and accepted by this edge");
        answered = registry.counter("ringedge_calls_answered_total", "Calls a device answered");
        ended = registry.counter("ringedge_calls_ended_total",
                "Calls ended, by cause and the SIP status the PBX was sent (0: none)", "cause", "sip_status");
        failed = registry.counter("ringedge_calls_failed_total",
                "Calls that ended unanswered for a reason other than the caller cancelling, by cause", "cause");
        registry.gauge("ringedge_calls_active", "Calls offered on this edge and not ended yet", active::get);
        registrations = registry.counter("ringedge_registrations_total",
                "Device REGISTERs accepted (new bindings and refreshes)");
        unregistrations = registry.counter("ringedge_unregistrations_total",
                "Device bindings removed, by reason", "reason");
        pushes = registry.counter("ringedge_pushes_total",
                "Wake-up pushes by provider and result (sent, failed, token_removed)", "provider", "result");
    }

    @Override
    public void publish(RingedgeEvent event) {
        count(event);
        delegate.publish(event);
    }

    private void count(RingedgeEvent event) {
        published.increment(event.getClass().getSimpleName());
        switch (event) {
            case CallOffered o -> {
                offered.increment();
                active.incrementAndGet();
            }
            case CallAnswered a -> answered.increment();
            case CallEnded e -> {
                ended.increment(e.cause().name().toLowerCase(Locale.ROOT), sipStatus(e.sipStatus()));
                if (FAILURE_CAUSES.contains(e.cause())) {
                    failed.increment(e.cause().name().toLowerCase(Locale.ROOT));
                }
                // never below zero: an edge restarted mid-call ends calls it did not offer
                active.updateAndGet(n -> Math.max(0, n - 1));
            }
            case DeviceRegistered r -> registrations.increment();
            case DeviceUnregistered u -> unregistrations.increment(u.reason().name().toLowerCase(Locale.ROOT));
            case PushSent s -> pushes.increment(provider(s.provider()), "sent");
            case PushFailed f -> pushes.increment(provider(f.provider()), f.handleRemoved() ? "token_removed" : "failed");
            case DevicesLocated d -> { }
            case CallRinging r -> { }
            case CallCancelled c -> { }
            case DeviceAttached a -> { }
            case InviteDelivered d -> { }
        }
    }

    private static String provider(String provider) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        return KNOWN_PROVIDERS.contains(p) ? p : "other";
    }

    private static String sipStatus(int status) {
        return status == 0 || (status >= 100 && status <= 699) ? Integer.toString(status) : "other";
    }
}
