package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.CancelFork;
import io.ringedge.edge.call.CallEffect.InviteFork;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallInput.DeviceAvailable;
import io.ringedge.edge.call.CallInput.DeviceBye;
import io.ringedge.edge.call.CallInput.ForkAnswered;
import io.ringedge.edge.call.CallInput.ForkFailed;
import io.ringedge.edge.call.CallInput.ForkProvisional;
import io.ringedge.edge.call.CallInput.Located;
import io.ringedge.edge.call.CallInput.PbxAck;
import io.ringedge.edge.call.CallInput.PbxBye;
import io.ringedge.edge.call.CallInput.PbxCancel;
import io.ringedge.edge.call.CallInput.TimerFired;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallOffered;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static io.ringedge.edge.call.CallFixtures.A;
import static io.ringedge.edge.call.CallFixtures.B;
import static io.ringedge.edge.call.CallFixtures.C;
import static io.ringedge.edge.call.CallFixtures.CALL;
import static io.ringedge.edge.call.CallFixtures.CALL_ID;
import static io.ringedge.edge.call.CallFixtures.DEVICE_ANSWER;
import static io.ringedge.edge.call.CallFixtures.Z;
import static io.ringedge.edge.call.CallFixtures.located;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random walks of arbitrary, often nonsensical, input sequences (late, duplicated,
 * reordered, for unknown forks). None may throw, and every walk keeps the rules the PBX and the
 * devices rely on.
 */
class InboundCallInvariantTest {

    private static final long SEED = 20261121L;
    private static final int WALKS = 3000;
    private static final int STEPS = 40;
    private static final List<AttachedDevice> DEVICES = List.of(A, B, C, Z);
    private static final int[] FAILURES = {408, 480, 486, 487, 488, 500, 503, 603};

    @Test
    void randomWalksKeepTheInvariants() {
        Random random = new Random(SEED);
        for (int walk = 0; walk < WALKS; walk++) {
            CallDriver call = CallDriver.start(CallConfig.DEFAULTS, CALL);
            List<CallInput> fed = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                CallInput input = randomInput(random);
                fed.add(input);
                call.advance(Duration.ofMillis(random.nextInt(5000)));
                call.feed(input);
            }
            check(call, fed, walk);
        }
    }

    private static void check(CallDriver call, List<CallInput> fed, int walk) {
        String where = "walk " + walk + ": " + fed;
        List<CallEffect> effects = call.effects();
        assertEquals(RespondToPbx.of(100, "Trying"), effects.get(0), where);
        assertInstanceOf(CallOffered.class, call.published().get(0), where);

        // the PBX's INVITE gets one 180 at most and exactly one final response once the call ended
        List<Integer> statuses = call.pbxStatuses();
        assertTrue(statuses.stream().filter(s -> s == 180).count() <= 1, "one 180 at most: " + where);
        List<Integer> finals = statuses.stream().filter(s -> s >= 200).toList();
        assertTrue(finals.size() <= 1, "one final response at most " + statuses + ": " + where);
        assertEquals(finals.size(), statuses.isEmpty() ? 0 : statuses.get(statuses.size() - 1) >= 200 ? 1 : 0,
                "nothing follows the final response: " + where);

        // CallEnded is published once, last, and carries the status the PBX saw
        List<CallEvent> events = call.published();
        List<CallEvent> ends = events.stream().filter(CallEnded.class::isInstance).toList();
        assertTrue(ends.size() <= 1, "one CallEnded at most: " + where);
        assertEquals(call.state() instanceof CallState.Ended, !ends.isEmpty(), "Ended iff CallEnded: " + where);
        assertTrue(finals.stream().allMatch(s -> s == 200) || !ends.isEmpty(),
                "a failure response ends the call: " + where);
        if (!ends.isEmpty()) {
            CallEnded ended = (CallEnded) ends.get(0);
            assertEquals(events.get(events.size() - 1), ended, "CallEnded is last: " + where);
            assertEquals(finals.get(0).intValue(), ended.sipStatus(), where);
            assertInstanceOf(CallState.Ended.class, call.state(), where);
        }

        // one fork per device; CANCEL only after a provisional (RFC 3261 §9.1), each fork ACKed
        // and cancelled at most once
        Set<String> invited = new HashSet<>();
        Set<ForkId> provisionalSeen = new HashSet<>();
        Set<ForkId> cancelled = new HashSet<>();
        Set<ForkId> acked = new HashSet<>();
        for (CallEffect effect : effects) {
            switch (effect) {
                case InviteFork i -> assertTrue(invited.add(i.device().deviceId()), "second INVITE " + i + ": " + where);
                case CancelFork c -> assertTrue(cancelled.add(c.fork()), "second CANCEL " + c + ": " + where);
                case AckFork a -> assertTrue(acked.add(a.fork()), "second ACK " + a + ": " + where);
                default -> {
                }
            }
        }
        for (CallInput input : fed) {
            if (input instanceof ForkProvisional p) {
                provisionalSeen.add(p.fork());
            }
        }
        assertTrue(provisionalSeen.containsAll(cancelled), "CANCEL before any provisional: " + where);
        assertTrue(events.stream().allMatch(e -> e.callId().equals(CALL_ID)), where);
    }

    private static CallInput randomInput(Random random) {
        ForkId fork = new ForkId(CALL_ID + "/f" + (1 + random.nextInt(4)));
        AttachedDevice device = DEVICES.get(random.nextInt(DEVICES.size()));
        RequestRef request = new RequestRef("r" + random.nextInt(1000));
        return switch (random.nextInt(15)) {
            case 0 -> new Located(located(DEVICES.subList(0, random.nextInt(3)).toArray(AttachedDevice[]::new)));
            case 1 -> new DeviceAvailable(device);
            case 2, 3 -> new ForkProvisional(fork, random.nextBoolean() ? 180 : 100);
            case 4 -> new ForkAnswered(fork, Optional.of(DEVICE_ANSWER));
            case 5 -> new ForkFailed(fork, FAILURES[random.nextInt(FAILURES.length)]);
            case 6 -> new PbxAck(Optional.empty());
            case 7 -> new PbxCancel(request);
            case 8 -> new PbxBye(request);
            case 9 -> new DeviceBye(fork, request);
            case 10 -> new CallInput.DeviceLost(fork);
            case 12 -> new CallInput.ForkMediaRefused(fork, random.nextBoolean() ? 488 : 503, "refused");
            case 13 -> new CallInput.ForkAnswerRefused(fork, "answer refused");
            case 14 -> new CallInput.MediaFailed(CallEnded.EndCause.MEDIA_WORKER_LOST, "gone");
            default -> new TimerFired(random.nextBoolean() ? CallTimer.RING : CallTimer.ACK);
        };
    }
}
