package io.ringedge.runtime.observe;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * A monotonically increasing count, one per combination of label values. Increments are cheap
 * and lock-free: SIP threads call them for every event they publish.
 */
public final class Counter implements Meter {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
        if (labelNames.isEmpty()) {
            // a counter without labels is exposed as 0 before its first increment
            values.put(List.of(), new LongAdder());
        }
    }

    /** Adds one for these label values, given in the order the label names were declared. */
    public void increment(String... labelValues) {
        values.computeIfAbsent(key(labelValues), k -> new LongAdder()).increment();
    }

    /** The count for these label values (0 if never incremented). */
    public long value(String... labelValues) {
        LongAdder adder = values.get(key(labelValues));
        return adder == null ? 0 : adder.sum();
    }

    private List<String> key(String[] labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + ": expected labels " + labelNames + ", got "
                    + Arrays.toString(labelValues));
        }
        for (String v : labelValues) {
            if (v == null) {
                throw new IllegalArgumentException(name + ": label values must not be null");
            }
        }
        return List.of(labelValues);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public String type() {
        return "counter";
    }

    @Override
    public void samples(BiConsumer<Map<String, String>, Double> sink) {
        values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
                .forEach(e -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    for (int i = 0; i < labelNames.size(); i++) {
                        labels.put(labelNames.get(i), e.getKey().get(i));
                    }
                    sink.accept(labels, (double) e.getValue().sum());
                });
    }
}
