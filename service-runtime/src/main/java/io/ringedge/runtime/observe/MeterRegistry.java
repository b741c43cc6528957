package io.ringedge.runtime.observe;

import io.ringedge.runtime.observe.internal.PrometheusText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The meters of one process, scraped as Prometheus text. An instance is created by whoever runs
 * the process and handed to what it starts: no static registry, so the tests, the standalone JVM
 * and a single service each see exactly their own meters.
 *
 * <p>Our own small registry rather than Helidon metrics: Helidon's {@code io.helidon.metrics.api}
 * defaults to a global registry and brings Micrometer along, while the services need only
 * counters and gauges in the text exposition format, which fits in two small classes.
 */
public final class MeterRegistry {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Meter> meters = new LinkedHashMap<>();

    /** A counter with the given label names; its name must end in {@code _total}. */
    public Counter counter(String name, String help, String... labelNames) {
        checkCounterName(name);
        checkLabelNames(name, labelNames);
        Counter counter = new Counter(name, help, List.of(labelNames));
        register(counter);
        return counter;
    }

    /** A counter whose value is kept elsewhere (e.g. events a publisher dropped); read at each scrape. */
    public void counter(String name, String help, LongSupplier value) {
        checkCounterName(name);
        register(new Meter.Sampled(name, help, "counter", value::getAsLong));
    }

    /**
     * A labelled counter whose values are kept elsewhere, read at each scrape: {@code values} maps
     * each combination of label values (in the order of {@code labelNames}) to its count.
     */
    public void counter(String name, String help, List<String> labelNames,
                        Supplier<? extends Map<List<String>, ? extends Number>> values) {
        checkCounterName(name);
        checkLabelNames(name, labelNames.toArray(String[]::new));
        register(new Meter.SampledFamily(name, help, "counter", List.copyOf(labelNames), values));
    }

    /** A labelled gauge read at each scrape, as {@link #counter(String, String, List, Supplier)}. */
    public void gauge(String name, String help, List<String> labelNames,
                      Supplier<? extends Map<List<String>, ? extends Number>> values) {
        checkName(name);
        checkLabelNames(name, labelNames.toArray(String[]::new));
        register(new Meter.SampledFamily(name, help, "gauge", List.copyOf(labelNames), values));
    }

    /** A gauge read at each scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        checkName(name);
        register(new Meter.Sampled(name, help, "gauge", value));
    }

    /** Every meter in the Prometheus text exposition format, version 0.0.4. */
    public String scrape() {
        List<Meter> snapshot;
        synchronized (meters) {
            snapshot = new ArrayList<>(meters.values());
        }
        StringBuilder out = new StringBuilder();
        for (Meter meter : snapshot) {
            PrometheusText.header(out, meter.name(), meter.help(), meter.type());
            meter.samples((labels, value) -> PrometheusText.sample(out, meter.name(), labels, value));
        }
        return out.toString();
    }

    private void register(Meter meter) {
        synchronized (meters) {
            if (meters.putIfAbsent(meter.name(), meter) != null) {
                throw new IllegalArgumentException(meter.name() + ": already registered");
            }
        }
    }

    private static void checkLabelNames(String name, String[] labelNames) {
        for (String label : labelNames) {
            if (label == null || !LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException(name + ": invalid label name '" + label + "'");
            }
        }
    }

    private static void checkCounterName(String name) {
        checkName(name);
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException(name + ": a counter's name ends in _total");
        }
    }

    private static void checkName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
    }
}
