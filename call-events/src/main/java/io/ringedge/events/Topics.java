package io.ringedge.events;

/** Kafka topic names. One place, so producers and consumers cannot disagree. */
public final class Topics {

    /** Every {@link CallEvent}, keyed by call id: one call's timeline is ordered on one partition. */
    public static final String CALLS = "ringedge.calls";

    /** Every {@link DeviceEvent}, keyed by device id. */
    public static final String DEVICES = "ringedge.devices";

    private Topics() {
    }

    public static String topicOf(RingedgeEvent event) {
        return switch (event) {
            case CallEvent e -> CALLS;
            case DeviceEvent e -> DEVICES;
        };
    }
}
