package io.ringedge.runtime.observe;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeterRegistryTest {

    @Test
    void countersAndGaugesReadBackThroughTheTextFormat() {
        MeterRegistry registry = new MeterRegistry();
        Counter calls = registry.counter("calls_total", "Calls", "cause");
        Counter plain = registry.counter("plain_total", "No labels");
        AtomicLong depth = new AtomicLong(7);
        registry.gauge("depth", "Queue depth", depth::get);
        registry.counter("kept_elsewhere_total", "Counted by someone else", () -> 42L);
        calls.increment("busy");
        calls.increment("busy");
        calls.increment("no_answer");

        Exposition e = Exposition.parse(registry.scrape());

        assertEquals(Map.of("calls_total", "counter", "plain_total", "counter", "depth", "gauge",
                "kept_elsewhere_total", "counter"), e.types());
        assertEquals(2.0, e.value("calls_total", Map.of("cause", "busy")));
        assertEquals(1.0, e.value("calls_total", Map.of("cause", "no_answer")));
        assertEquals(0.0, e.value("plain_total"), "a counter without labels is there before its first increment");
        assertEquals(7.0, e.value("depth"));
        assertEquals(42.0, e.value("kept_elsewhere_total"));
        depth.set(3);
        assertEquals(3.0, Exposition.parse(registry.scrape()).value("depth"), "gauges are read at each scrape");
        assertEquals("Queue depth", e.helps().get("depth"));
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        MeterRegistry registry = new MeterRegistry();
        Counter c = registry.counter("odd_total", "Help with \\ and\na new line", "v");
        String nasty = "quote \" backslash \\ newline \n end";
        c.increment(nasty);

        String text = registry.scrape();
        Exposition e = Exposition.parse(text);

        assertEquals(1.0, e.value("odd_total", Map.of("v", nasty)));
        assertEquals("Help with \\ and\na new line", e.helps().get("odd_total"));
        assertTrue(text.contains("odd_total{v=\"quote \\\" backslash \\\\ newline \\n end\"} 1\n"), text);
    }

    @Test
    void specialValuesAreWrittenAsPrometheusReadsThem() {
        MeterRegistry registry = new MeterRegistry();
        registry.gauge("nan", "n", () -> Double.NaN);
        registry.gauge("inf", "i", () -> Double.POSITIVE_INFINITY);
        registry.gauge("half", "h", () -> 0.5);
        String text = registry.scrape();
        assertTrue(text.contains("nan NaN\n") && text.contains("inf +Inf\n") && text.contains("half 0.5\n"), text);
        assertEquals(0.5, Exposition.parse(text).value("half"));
    }

    @Test
    void badNamesAndLabelsAreRefused() {
        MeterRegistry registry = new MeterRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.counter("calls", "no _total suffix"));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("1bad", "x", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("x_total", "x", "bad-label"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("y_total", "x", "__reserved"));
        registry.counter("dup_total", "x");
        assertThrows(IllegalArgumentException.class, () -> registry.counter("dup_total", "x"));
        Counter c = registry.counter("two_total", "x", "a", "b");
        assertThrows(IllegalArgumentException.class, () -> c.increment("only-one"));
    }

    @Test
    void registriesAreIndependent() {
        MeterRegistry one = new MeterRegistry();
        MeterRegistry two = new MeterRegistry();
        one.counter("same_total", "x").increment();
        two.counter("same_total", "x");
        assertEquals(1.0, Exposition.parse(one.scrape()).value("same_total"));
        assertEquals(0.0, Exposition.parse(two.scrape()).value("same_total"));
    }
}
