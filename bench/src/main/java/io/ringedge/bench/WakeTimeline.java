package io.ringedge.bench;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The wake steps of one call as they are on Kafka, each at its event's envelope time (the
 * microsecond-precise moment its producer published it; every producer runs on this machine's
 * clock). The first event of each kind counts; later ones (a redelivery) are only counted.
 */
final class WakeTimeline {

    private final String callId;
    private Instant offered;
    private Instant located;
    private boolean awake;
    private Instant pushSent;
    private String provider;
    private long providerMillis;
    private int pushesSent;
    private int pushesFailed;
    private Instant registerReceived;
    private Instant attached;
    private int attaches;
    private Instant inviteDelivered;
    private int invites;
    private boolean answered;
    private int endStatus;

    WakeTimeline(String callId) {
        this.callId = callId;
    }

    void add(EventEnvelope<? extends CallEvent> envelope) {
        Instant t = envelope.time();
        switch (envelope.data()) {
            case CallOffered o -> offered = first(offered, t);
            case DevicesLocated l -> {
                if (located == null) {
                    located = t;
                    awake = !l.attached().isEmpty();
                }
            }
            case PushSent p -> {
                if (pushesSent++ == 0) {
                    pushSent = t;
                    provider = p.provider();
                    providerMillis = p.latencyMillis();
                }
            }
            case PushFailed f -> pushesFailed++;
            case DeviceAttached a -> {
                if (attaches++ == 0) {
                    attached = t;
                    registerReceived = a.registerReceived();
                }
            }
            case InviteDelivered d -> {
                if (invites++ == 0) {
                    inviteDelivered = t;
                }
            }
            case CallAnswered a -> answered = true;
            case CallEnded e -> endStatus = e.sipStatus();
            case CallRinging r -> { }
            case CallCancelled c -> { }
        }
    }

    private static Instant first(Instant seen, Instant t) {
        return seen == null ? t : seen;
    }

    String callId() {
        return callId;
    }

    Optional<Instant> offered() {
        return Optional.ofNullable(offered);
    }

    /**
     * The locator found the phone still attached (its WebSocket from the call before open): the
     * edge rings it over that flow, so this call does not take the wake path the benchmark measures.
     */
    boolean awake() {
        return awake;
    }

    /** The first interval: the edge took the PBX's INVITE → the push service heard the provider accept. */
    Optional<Duration> inviteToPushAccepted() {
        return between(offered, pushSent);
    }

    /** The second interval: the edge took the woken phone's REGISTER → the holding edge sent the INVITE. */
    Optional<Duration> registerToInviteSent() {
        return between(registerReceived, inviteDelivered);
    }

    Optional<Duration> offeredToLocated() {
        return between(offered, located);
    }

    Optional<Duration> locatedToPushAccepted() {
        return between(located, pushSent);
    }

    /** The push service's own measure of the provider round trip (PushSent.latencyMillis, whole ms). */
    Optional<Duration> providerRoundTrip() {
        return pushSent == null ? Optional.empty() : Optional.of(Duration.ofMillis(providerMillis));
    }

    Optional<Duration> registerToAttached() {
        return between(registerReceived, attached);
    }

    Optional<Duration> attachedToInviteSent() {
        return between(attached, inviteDelivered);
    }

    Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    int pushesSent() {
        return pushesSent;
    }

    int pushesFailed() {
        return pushesFailed;
    }

    int attaches() {
        return attaches;
    }

    int invites() {
        return invites;
    }

    boolean answered() {
        return answered;
    }

    /** The SIP status the call ended with (200 for an answered call), 0 while it has not ended. */
    int endStatus() {
        return endStatus;
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }
}
