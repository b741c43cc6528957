package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.ThreadAffinityExecutor;
import gov.nist.javax.sip.ThreadAffinityIdentifier;
import gov.nist.javax.sip.stack.QueuedMessageDispatchBase;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processes the messages of one call in the order they arrived, and different calls in parallel.
 *
 * <p>jain-sip 1.3.0-91 parses each message from a stream transport (TCP, TLS, WS, WSS) and hands
 * it to {@code getSelfRoutingThreadpoolExecutor()}. That executor keeps a task on one thread only
 * when the task names an affinity ({@link ThreadAffinityIdentifier}), and the NIO parser's dispatch
 * task does not: the 180 and the 200 a phone sends back to back could run on two threads and the
 * 200 overtake the 180 (the benchmark saw PBXs get 200 without 180). The task carries the
 * message's Call-ID in a field; this executor reads it and gives jain-sip's own affinity lanes the
 * key it was missing. Tasks without a Call-ID run wherever jain-sip would have run them.
 */
final class CallIdAffinityExecutor extends ThreadAffinityExecutor {

    private static final Map<Class<?>, Optional<Field>> CALL_ID_FIELDS = new ConcurrentHashMap<>();

    CallIdAffinityExecutor(int threads) {
        super(threads);
    }

    @Override
    public void execute(Runnable task) {
        super.execute(task instanceof QueuedMessageDispatchBase dispatch
                ? callId(dispatch).<Runnable>map(id -> new SameCall(dispatch, id)).orElse(task)
                : task);
    }

    static Optional<String> callId(Runnable task) {
        return CALL_ID_FIELDS.computeIfAbsent(task.getClass(), CallIdAffinityExecutor::callIdField)
                .map(field -> {
                    try {
                        return (String) field.get(task);
                    } catch (IllegalAccessException e) {
                        return null;
                    }
                })
                .filter(id -> !id.isBlank());
    }

    private static Optional<Field> callIdField(Class<?> type) {
        try {
            Field field = type.getDeclaredField("callId");
            if (field.getType() != String.class) {
                return Optional.empty();
            }
            field.setAccessible(true);
            return Optional.of(field);
        } catch (NoSuchFieldException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The dispatch task with the affinity jain-sip reads; still a dispatch (queue-time accounting). */
    private record SameCall(QueuedMessageDispatchBase dispatch, String callId)
            implements QueuedMessageDispatchBase, ThreadAffinityIdentifier {

        @Override
        public void run() {
            dispatch.run();
        }

        @Override
        public long getReceptionTime() {
            return dispatch.getReceptionTime();
        }

        /** Non-negative: jain-sip takes {@code Math.abs(hash) % lanes}, negative for MIN_VALUE. */
        @Override
        public Object getThreadHash() {
            return callId.hashCode() & Integer.MAX_VALUE;
        }
    }
}
