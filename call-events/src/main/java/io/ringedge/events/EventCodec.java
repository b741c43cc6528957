package io.ringedge.events;

import io.ringedge.events.internal.EventJson;
import io.ringedge.events.internal.EventType;
import io.ringedge.events.internal.Rfc3339;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import static io.ringedge.events.internal.CloudEventHeaders.APPLICATION_JSON;
import static io.ringedge.events.internal.CloudEventHeaders.CONTENT_TYPE;
import static io.ringedge.events.internal.CloudEventHeaders.ID;
import static io.ringedge.events.internal.CloudEventHeaders.SCHEMA_VERSION;
import static io.ringedge.events.internal.CloudEventHeaders.SOURCE;
import static io.ringedge.events.internal.CloudEventHeaders.SPEC_VERSION;
import static io.ringedge.events.internal.CloudEventHeaders.SPEC_VERSION_1_0;
import static io.ringedge.events.internal.CloudEventHeaders.SUBJECT;
import static io.ringedge.events.internal.CloudEventHeaders.TIME;
import static io.ringedge.events.internal.CloudEventHeaders.TYPE;

/**
 * Events to and from Kafka records in the CloudEvents Kafka protocol binding, binary content mode:
 * attributes as {@code ce_*} headers (section 3.2.3), the data as the JSON record value, the
 * subject (call id or device id) as the record key so one subject's events share a partition and
 * stay in order (section 3.3 lets the key be chosen by the producer).
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** A new envelope for {@code event}: fresh id, the current time, the registered type and schema version. */
    public static <E extends RingedgeEvent> EventEnvelope<E> envelope(URI source, E event) {
        EventType type = EventType.of(event);
        return new EventEnvelope<>(UUID.randomUUID().toString(), source, type.typeName(), Instant.now(),
                type.schemaVersion(), event);
    }

    public static ProducerRecord<String, byte[]> encode(EventEnvelope<? extends RingedgeEvent> envelope) {
        EventType type = EventType.of(envelope.data());
        if (!type.typeName().equals(envelope.type())) {
            throw new IllegalArgumentException("envelope type " + envelope.type() + " does not match its data "
                    + envelope.data().getClass().getSimpleName() + " (" + type.typeName() + ")");
        }
        byte[] json;
        try {
            json = EventJson.writer(type).writeValueAsBytes(envelope.data());
        } catch (IOException e) {
            // Records of strings, numbers, enums and lists always serialize; this is a bug, not input.
            throw new UncheckedIOException("cannot serialize " + type.typeName(), e);
        }
        Headers headers = new RecordHeaders();
        add(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        add(headers, ID, envelope.id());
        add(headers, SOURCE, envelope.source().toString());
        add(headers, TYPE, envelope.type());
        // RFC 3339 (CloudEvents "Timestamp"): ISO_INSTANT writes UTC with a Z and as many fraction digits as needed.
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(envelope.time()));
        add(headers, SUBJECT, envelope.subject());
        add(headers, SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
        add(headers, CONTENT_TYPE, APPLICATION_JSON);
        return new ProducerRecord<>(Topics.topicOf(envelope.data()), null, envelope.subject(), json, headers);
    }

    public static DecodeResult decode(ConsumerRecord<String, byte[]> record) {
        try {
            return new DecodeResult.Decoded(decodeOrThrow(record));
        } catch (Undecodable e) {
            return new DecodeResult.Undecodable(record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static EventEnvelope<? extends RingedgeEvent> decodeOrThrow(ConsumerRecord<String, byte[]> record)
            throws Undecodable {
        Headers headers = record.headers();
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new Undecodable(SPEC_VERSION + " must be 1.0, was '" + specVersion + "'");
        }
        String typeName = required(headers, TYPE);
        EventType type = EventType.named(typeName)
                .orElseThrow(() -> new Undecodable("unknown " + TYPE + " '" + typeName + "'"));
        Optional<String> contentType = optional(headers, CONTENT_TYPE);
        // Media type parameters (charset) may follow; JSON is UTF-8 anyway (RFC 8259 section 8.1).
        if (contentType.isPresent() && !contentType.get().split(";", 2)[0].trim().equalsIgnoreCase(APPLICATION_JSON)) {
            throw new Undecodable(CONTENT_TYPE + " must be " + APPLICATION_JSON + ", was '" + contentType.get() + "'");
        }
        String id = required(headers, ID);
        URI source = uri(required(headers, SOURCE));
        Instant time = time(required(headers, TIME));
        int schemaVersion = schemaVersion(required(headers, SCHEMA_VERSION));
        String subject = required(headers, SUBJECT);
        if (record.value() == null) {
            throw new Undecodable("no data for " + typeName);
        }
        RingedgeEvent data;
        try {
            data = EventJson.reader(type).readValue(record.value());
        } catch (IOException | RuntimeException e) {
            throw new Undecodable("data is not a valid " + typeName + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (data == null || !subject.equals(data.subject())) {
            throw new Undecodable(SUBJECT + " '" + subject + "' does not match the data's subject '"
                    + (data == null ? null : data.subject()) + "'");
        }
        return new EventEnvelope<>(id, source, typeName, time, schemaVersion, data);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) throws Undecodable {
        String value = optional(headers, name).orElse("");
        if (value.isEmpty()) {
            throw new Undecodable("missing header " + name);
        }
        return value;
    }

    private static URI uri(String value) throws Undecodable {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new Undecodable(SOURCE + " is not a URI-reference: '" + value + "'");
        }
    }

    private static Instant time(String value) throws Undecodable {
        try {
            return Rfc3339.parse(value);
        } catch (DateTimeException e) {
            throw new Undecodable(TIME + " is not an RFC 3339 timestamp: '" + value + "'");
        }
    }

    private static int schemaVersion(String value) throws Undecodable {
        try {
            int version = Integer.parseInt(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below, like a non-positive number
        }
        throw new Undecodable(SCHEMA_VERSION + " must be a positive integer, was '" + value + "'");
    }

    /** Why a record is not an event; becomes {@link DecodeResult.Undecodable}, never escapes. */
    private static final class Undecodable extends Exception {
        Undecodable(String reason) {
            super(reason, null, false, false);
        }
    }
}
