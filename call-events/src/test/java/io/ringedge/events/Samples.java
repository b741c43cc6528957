package io.ringedge.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One instance of every event type, with every field set. */
final class Samples {

    /** The device-locator's shape: CallOffered in, DevicesLocated out, everything else ignored. */
    static final EventFunction LOCATOR = envelope -> CompletableFuture.completedFuture(switch (envelope.data()) {
        case CallOffered offered -> List.<RingedgeEvent>of(new DevicesLocated(offered.callId(), offered.tenantId(),
                offered.userId(), Caller.UNKNOWN,
                List.of(new DevicesLocated.AttachedDevice("dev-of-" + offered.userId(), "edge-1", "flow-1", "")), List.of()));
        default -> List.of();
    });

    private Samples() {
    }

    static List<RingedgeEvent> everyType(String callId) {
        return List.of(
                new CallOffered(callId, "tenant-1", "conn-1", "+15551230001", "user-1",
                        new Caller("Alice \"A\" Ä", "+15550001111"), "edge-1"),
                new DevicesLocated(callId, "tenant-1", "user-1", Caller.UNKNOWN,
                        List.of(new DevicesLocated.AttachedDevice("dev-1", "edge-2", "flow-9", "")),
                        List.of(new DevicesLocated.AsleepDevice("dev-2", new PushHandle("apns", "tok", "TEAM.app.voip")))),
                new PushSent(callId, "dev-2", "apns", "5e9d3a4c-0000-4000-8000-000000000001", 42),
                new PushFailed(callId, "dev-3", "fcm", "Unregistered: UNREGISTERED", true),
                new DeviceAttached(callId, "dev-2", "edge-3", java.time.Instant.parse("2026-11-21T11:40:00.123456789Z")),
                new InviteDelivered(callId, "dev-2"),
                new CallRinging(callId, "dev-1"),
                new CallAnswered(callId, "dev-1"),
                new CallCancelled(callId),
                new CallEnded(callId, CallEnded.EndCause.CALLEE_HANGUP, 200, 1234, 56789),
                new DeviceRegistered("dev-1", "tenant-1", "user-1", "edge-2", 600),
                new DeviceUnregistered("dev-1", "tenant-1", "user-1", DeviceUnregistered.Reason.CONNECTION_CLOSED));
    }

    /** The timeline of one answered call, in the order the edge publishes it. */
    static List<CallEvent> answeredCall(String callId) {
        return List.of(
                new CallOffered(callId, "t", "c", "+1555", "u", new Caller("", "+1666"), "edge-1"),
                new DevicesLocated(callId, "t", "u", Caller.UNKNOWN, List.of(new DevicesLocated.AttachedDevice("d", "edge-1", "f", "")), List.of()),
                new CallRinging(callId, "d"),
                new CallAnswered(callId, "d"),
                new CallEnded(callId, CallEnded.EndCause.CALLER_HANGUP, 200, 10, 20));
    }
}
