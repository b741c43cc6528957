package io.ringedge.events;

/**
 * What a Kafka record decoded to: an event, or the reason it is not one. A record that cannot be
 * decoded is an expected outcome (a newer producer's type, a corrupt value), so it is a value the
 * consumer logs, counts and skips, not an exception that would stop it.
 */
public sealed interface DecodeResult {

    record Decoded(EventEnvelope<? extends RingedgeEvent> envelope) implements DecodeResult {
    }

    /**
     * @param topic     where the record is
     * @param partition its partition
     * @param offset    its offset
     * @param reason    what is wrong with it, for the log
     */
    record Undecodable(String topic, int partition, long offset, String reason) implements DecodeResult {
    }
}
