package io.ringedge.events;

import java.net.URI;
import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope around one event, as carried in Kafka binary content mode:
 * the attributes travel as {@code ce_*} headers, {@code data} as the JSON record value,
 * {@code subject} also as the record key.
 *
 * @param id            unique per event; consumers de-duplicate on it
 * @param source        producer, e.g. {@code /edge/edge-1}
 * @param type          reverse-DNS type name, e.g. {@code io.ringedge.call.offered}
 * @param time          when the producer created the event
 * @param schemaVersion version of the data's schema, extension attribute {@code schemaversion}
 */
public record EventEnvelope<E extends RingedgeEvent>(String id, URI source, String type, Instant time,
                                                     int schemaVersion, E data) {

    public String subject() {
        return data.subject();
    }
}
