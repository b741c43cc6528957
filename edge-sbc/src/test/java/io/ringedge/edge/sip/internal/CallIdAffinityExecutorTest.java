package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.QueuedMessageDispatchBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallIdAffinityExecutorTest {

    /** Shaped like jain-sip's NioPipelineParser.Dispatch: a queued dispatch with a callId field. */
    static final class Dispatch implements QueuedMessageDispatchBase {
        final String callId;
        private final Runnable work;

        Dispatch(String callId, Runnable work) {
            this.callId = callId;
            this.work = work;
        }

        @Override
        public void run() {
            work.run();
        }

        @Override
        public long getReceptionTime() {
            return 0;
        }
    }

    @Test
    void messagesOfOneCallRunInArrivalOrderWhileCallsSpreadOverThreads() throws InterruptedException {
        CallIdAffinityExecutor executor = new CallIdAffinityExecutor(4);
        int calls = 41; // coprime with the lanes: round-robin alone would not keep a call on one lane
        int messagesPerCall = 50;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(calls * messagesPerCall);
        try {
            for (int m = 0; m < messagesPerCall; m++) {
                for (int c = 0; c < calls; c++) {
                    String callId = "call-" + c + "@pbx.example";
                    int sequence = m;
                    executor.execute(new Dispatch(callId, () -> {
                        // uneven work, so that a thread per message would reorder them
                        LockSupport.parkNanos((sequence * 7919L + callId.hashCode()) % 50_000);
                        seen.computeIfAbsent(callId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(sequence);
                        threads.add(Thread.currentThread().getName());
                        done.countDown();
                    }));
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "every message processed");
        } finally {
            executor.shutdown();
        }
        List<Integer> inOrder = java.util.stream.IntStream.range(0, messagesPerCall).boxed().toList();
        seen.forEach((callId, order) -> assertEquals(inOrder, order, "order of " + callId));
        assertEquals(calls, seen.size());
        assertTrue(threads.size() > 1, "calls are spread over the lanes: " + threads);
    }

    @Test
    void theCallIdIsReadFromTheDispatchAndIgnoredWhereThereIsNone() {
        assertEquals("abc@host", CallIdAffinityExecutor.callId(new Dispatch("abc@host", () -> { })).orElseThrow());
        assertTrue(CallIdAffinityExecutor.callId(new Dispatch(" ", () -> { })).isEmpty());
        assertTrue(CallIdAffinityExecutor.callId(() -> { }).isEmpty());
    }
}
