package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallEffect.StartTimer;
import io.ringedge.edge.call.CallEffect.StopTimer;
import io.ringedge.events.CallEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one call through the machine the way the adapter does, with a stepped clock: timers the
 * machine starts fire when {@link #advance} passes their due time, unless stopped first.
 */
final class CallDriver {

    private final InboundCallMachine machine;
    private final Map<CallTimer, Instant> timers = new EnumMap<>(CallTimer.class);
    private final List<CallEffect> all = new ArrayList<>();
    private int drained;
    private CallState state;
    private Instant now;

    private CallDriver(CallConfig config, CallContext call) {
        machine = new InboundCallMachine(config);
        now = call.receivedAt();
        apply(machine.start(call));
    }

    static CallDriver start(CallConfig config, CallContext call) {
        return new CallDriver(config, call);
    }

    CallDriver feed(CallInput input) {
        apply(machine.next(state, input, now));
        return this;
    }

    /** Moves the clock on, firing each timer that falls due on the way, earliest first. */
    CallDriver advance(Duration duration) {
        Instant until = now.plus(duration);
        while (true) {
            Optional<Map.Entry<CallTimer, Instant>> due = timers.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(until))
                    .min(Map.Entry.comparingByValue());
            if (due.isEmpty()) {
                break;
            }
            now = due.get().getValue();
            timers.remove(due.get().getKey());
            feed(new CallInput.TimerFired(due.get().getKey()));
        }
        now = until;
        return this;
    }

    /** Effects since the last call of this method. */
    List<CallEffect> drain() {
        List<CallEffect> fresh = List.copyOf(all.subList(drained, all.size()));
        drained = all.size();
        return fresh;
    }

    List<CallEvent> published() {
        return all.stream().filter(Publish.class::isInstance).map(e -> ((Publish) e).event()).toList();
    }

    /** Every status the PBX got on its INVITE, in order. */
    List<Integer> pbxStatuses() {
        return all.stream().<Integer>mapMulti((effect, out) -> {
            switch (effect) {
                case RespondToPbx r -> out.accept(r.status());
                case CallEffect.AnswerPbx a -> out.accept(200);
                case CallEffect.RefusePbx r -> out.accept(r.status());
                default -> {
                }
            }
        }).toList();
    }

    List<CallEffect> effects() {
        return List.copyOf(all);
    }

    CallState state() {
        return state;
    }

    private void apply(Transition t) {
        state = t.state();
        for (CallEffect effect : t.effects()) {
            all.add(effect);
            switch (effect) {
                case StartTimer s -> timers.put(s.timer(), now.plus(s.after()));
                case StopTimer s -> timers.remove(s.timer());
                default -> {
                }
            }
        }
    }
}
