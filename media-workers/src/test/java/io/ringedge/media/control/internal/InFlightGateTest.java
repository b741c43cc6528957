package io.ringedge.media.control.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightGateTest {

    private final InFlightGate gate = new InFlightGate(2);
    private final List<CompletableFuture<String>> exchanges = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    private final List<String> startOrder = new ArrayList<>();

    private CompletableFuture<String> submit() {
        return submit("request", false);
    }

    private CompletableFuture<String> submit(String name, boolean first) {
        CompletableFuture<String> result = new CompletableFuture<>();
        gate.submit(result, () -> {
            started.incrementAndGet();
            startOrder.add(name);
            CompletableFuture<String> exchange = new CompletableFuture<>();
            exchanges.add(exchange);
            return exchange;
        }, first);
        return result;
    }

    @Test
    void aRequestPastTheLimitWaitsForOneToFinish_andGetsItsOwnAnswer() {
        CompletableFuture<String> first = submit();
        CompletableFuture<String> second = submit();
        CompletableFuture<String> third = submit();
        assertEquals(2, started.get(), "two in flight, the third waits");
        assertEquals(2, gate.inFlight());

        exchanges.get(0).complete("one");
        assertEquals("one", first.join());
        assertEquals(3, started.get(), "the freed slot went to the waiting request");
        exchanges.get(2).complete("three");
        assertEquals("three", third.join());
        exchanges.get(1).completeExceptionally(new IllegalStateException("refused"));
        assertTrue(second.isCompletedExceptionally());
        assertEquals(0, gate.inFlight());
    }

    @Test
    void aWaitingRequestWhoseCallerGaveUpIsNeverSent() {
        submit();
        submit();
        CompletableFuture<String> impatient = submit();
        impatient.cancel(false); // its caller's timeout
        exchanges.get(0).complete("one");
        assertEquals(2, started.get());
        assertEquals(1, gate.inFlight(), "the abandoned request gave its slot straight back");
        CompletableFuture<String> next = submit();
        assertEquals(3, started.get());
        assertFalse(next.isDone());
    }

    @Test
    void aRequestSubmittedFirstOvertakesTheWaitingOnes() {
        submit("create-1", false);
        submit("create-2", false);
        submit("create-3", false);
        submit("delete", true);
        exchanges.get(0).complete("one");
        exchanges.get(1).complete("two");
        assertEquals(List.of("create-1", "create-2", "delete", "create-3"), startOrder);
    }

    @Test
    void anExchangeThatThrowsFreesItsSlot() {
        CompletableFuture<String> result = new CompletableFuture<>();
        gate.submit(result, () -> {
            throw new IllegalArgumentException("bad URI");
        }, false);
        assertTrue(result.isCompletedExceptionally());
        assertEquals(0, gate.inFlight());
        assertThrows(IllegalArgumentException.class, () -> new InFlightGate(0));
    }
}
