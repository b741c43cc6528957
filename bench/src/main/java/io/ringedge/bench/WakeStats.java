package io.ringedge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wake path of one step, from the calls' timelines on Kafka and the phones' own log: counts,
 * and percentiles of each interval in milliseconds (microsecond precision).
 *
 * @param calls     calls the edge offered during the step ({@code CallOffered})
 * @param pushes    pushes the providers accepted ({@code PushSent})
 * @param failed    pushes that failed ({@code PushFailed})
 * @param attaches  woken phones the edge admitted with their attach token ({@code DeviceAttached})
 * @param invites   INVITEs the holding edge sent to a woken phone ({@code InviteDelivered})
 * @param answered  calls a phone answered ({@code CallAnswered})
 * @param awake     calls the locator found the phone still attached for (its WebSocket from the
 *                  call before still open): not the wake path, so reported apart
 * @param asleep    calls the locator found the phone asleep for: the wake path
 * @param asleepAnswered calls of {@code asleep} a woken phone answered
 * @param intervals by name, in report order; the first two are the targets
 */
record WakeStats(int calls, int pushes, int failed, int attaches, int invites, int answered, int awake, int asleep,
                 int asleepAnswered, Map<String, Percentiles> intervals) {

    static final String INVITE_TO_PUSH = "INVITE received → push accepted";
    static final String REGISTER_TO_INVITE = "REGISTER received → INVITE sent";
    /** Issue 3's bars, milliseconds. */
    static final double INVITE_TO_PUSH_P99_TARGET_MS = 25;
    static final double REGISTER_TO_INVITE_P99_TARGET_MS = 10;

    static WakeStats of(Collection<WakeTimeline> calls, Map<String, PhoneWake> phones) {
        Map<String, Percentiles> intervals = new LinkedHashMap<>();
        intervals.put(INVITE_TO_PUSH, of(calls, WakeTimeline::inviteToPushAccepted));
        intervals.put(REGISTER_TO_INVITE, of(calls, WakeTimeline::registerToInviteSent));
        for (String provider : List.of("fcm", "apns")) {
            intervals.put(INVITE_TO_PUSH + " (" + provider + ")", of(calls.stream()
                    .filter(c -> c.provider().filter(provider::equals).isPresent()).toList(), WakeTimeline::inviteToPushAccepted));
        }
        intervals.put("CallOffered → DevicesLocated (locator, 2 Kafka hops)", of(calls, WakeTimeline::offeredToLocated));
        intervals.put("DevicesLocated → PushSent (push service + provider)", of(calls, WakeTimeline::locatedToPushAccepted));
        intervals.put("provider round trip (PushSent.latencyMillis, whole ms)", of(calls, WakeTimeline::providerRoundTrip));
        intervals.put("REGISTER received → DeviceAttached (tokens, bind, 200)", of(calls, WakeTimeline::registerToAttached));
        intervals.put("DeviceAttached → INVITE sent (pub/sub, claim, fork)", of(calls, WakeTimeline::attachedToInviteSent));
        List<Double> phoneSide = new ArrayList<>();
        for (WakeTimeline call : calls) {
            Optional.ofNullable(phones.get(call.callId())).flatMap(PhoneWake::registerToInvite)
                    .ifPresent(d -> phoneSide.add(millis(d)));
        }
        intervals.put("phone: REGISTER sent → INVITE received", Percentiles.of(phoneSide));
        return new WakeStats(calls.size(), sum(calls, WakeTimeline::pushesSent), sum(calls, WakeTimeline::pushesFailed),
                sum(calls, WakeTimeline::attaches), sum(calls, WakeTimeline::invites),
                (int) calls.stream().filter(WakeTimeline::answered).count(),
                (int) calls.stream().filter(WakeTimeline::awake).count(),
                (int) calls.stream().filter(c -> c.offeredToLocated().isPresent() && !c.awake()).count(),
                (int) calls.stream().filter(c -> c.offeredToLocated().isPresent() && !c.awake() && c.answered()).count(),
                intervals);
    }

    /** Share of the calls to asleep phones that a woken phone answered. */
    double asleepAnsweredRatio() {
        return asleep == 0 ? 0 : (double) asleepAnswered / asleep;
    }

    Percentiles inviteToPush() {
        return intervals.get(INVITE_TO_PUSH);
    }

    Percentiles registerToInvite() {
        return intervals.get(REGISTER_TO_INVITE);
    }

    private static Percentiles of(Collection<WakeTimeline> calls, Function<WakeTimeline, Optional<Duration>> interval) {
        return Percentiles.of(calls.stream().map(interval).flatMap(Optional::stream).map(WakeStats::millis).toList());
    }

    private static int sum(Collection<WakeTimeline> calls, java.util.function.ToIntFunction<WakeTimeline> count) {
        return calls.stream().mapToInt(count).sum();
    }

    static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }
}
