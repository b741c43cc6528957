package io.ringedge.runtime.observe;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/** One named metric family as the registry exposes it. */
sealed interface Meter permits Counter, Meter.Sampled {

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
}
