package io.ringedge.runtime.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** One named metric family as the registry exposes it. */
sealed interface Meter permits Counter, Meter.Sampled, Meter.SampledFamily {

    String name();

    String help();

    /** {@code counter} or {@code gauge}, as written on the {@code # TYPE} line. */
    String type();

    /** Hands every sample (label name → value, and its value) to {@code sink}. */
    void samples(BiConsumer<Map<String, String>, Double> sink);

    /** A metric without labels whose value lives elsewhere and is read at each scrape. */
    record Sampled(String name, String help, String type, DoubleSupplier value) implements Meter {
        @Override
        public void samples(BiConsumer<Map<String, String>, Double> sink) {
            sink.accept(Map.of(), value.getAsDouble());
        }
    }

    /**
     * A labelled metric whose values live elsewhere: at each scrape {@code values} answers every
     * combination of label values (in the order of {@code labelNames}) with its value.
     */
    record SampledFamily(String name, String help, String type, List<String> labelNames,
                         Supplier<? extends Map<List<String>, ? extends Number>> values) implements Meter {
        @Override
        public void samples(BiConsumer<Map<String, String>, Double> sink) {
            values.get().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
                    .forEach(e -> {
                        if (e.getKey().size() != labelNames.size()) {
                            throw new IllegalStateException(name + ": expected labels " + labelNames + ", got " + e.getKey());
                        }
                        Map<String, String> labels = new LinkedHashMap<>();
                        for (int i = 0; i < labelNames.size(); i++) {
                            labels.put(labelNames.get(i), e.getKey().get(i));
                        }
                        sink.accept(labels, e.getValue().doubleValue());
                    });
        }
    }
}
