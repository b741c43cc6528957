package io.ringedge.events;

import io.ringedge.events.internal.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private static final URI SOURCE = URI.create("/edge/edge-1");

    @Test
    void everyRecordOfTheSealedHierarchyIsRegisteredOnce() {
        Set<Class<?>> records = leaves(RingedgeEvent.class).collect(Collectors.toSet());
        Set<Class<?>> registered = Arrays.stream(EventType.values()).map(EventType::recordClass).collect(Collectors.toSet());
        assertEquals(records, registered);
        assertEquals(EventType.values().length, registered.size());
        for (RingedgeEvent sample : Samples.everyType("call-1")) {
            assertEquals(sample.getClass(), EventType.of(sample).recordClass());
        }
        Set<EventType> sampled = Samples.everyType("c").stream().map(EventType::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));
        assertEquals(EnumSet.allOf(EventType.class), sampled, "Samples must hold one event of every type");
    }

    @Test
    void everyTypeSurvivesARoundTrip() {
        for (RingedgeEvent event : Samples.everyType("call-1")) {
            EventEnvelope<RingedgeEvent> sent = EventCodec.envelope(SOURCE, event);
            EventEnvelope<? extends RingedgeEvent> received = decoded(EventCodec.encode(sent));
            assertEquals(sent, received, event.getClass().getSimpleName());
        }
    }

    @Test
    void recordFollowsTheCloudEventsKafkaBindingInBinaryMode() {
        CallRinging ringing = new CallRinging("call-7", "dev-1");
        EventEnvelope<CallRinging> envelope = new EventEnvelope<>("id-1", SOURCE, "io.ringedge.call.ringing",
                Instant.parse("2026-11-21T08:40:00.123456Z"), 1, ringing);
        ProducerRecord<String, byte[]> record = EventCodec.encode(envelope);

        assertEquals(Topics.CALLS, record.topic());
        assertEquals("call-7", record.key(), "the key is the subject, so one call stays on one partition");
        assertEquals(Map.of(
                "ce_specversion", "1.0",
                "ce_id", "id-1",
                "ce_source", "/edge/edge-1",
                "ce_type", "io.ringedge.call.ringing",
                "ce_time", "2026-11-21T08:40:00.123456Z",
                "ce_subject", "call-7",
                "ce_schemaversion", "1",
                "content-type", "application/json"), headers(record));
        assertEquals("{\"callId\":\"call-7\",\"deviceId\":\"dev-1\"}", new String(record.value(), StandardCharsets.UTF_8));
        // RFC 3339 section 5.6 date-time
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(headers(record).get("ce_time"));
        assertEquals(Topics.DEVICES, EventCodec.encode(EventCodec.envelope(SOURCE,
                new DeviceRegistered("d", "t", "u", "e", 60))).topic());
    }

    @Test
    void readerIgnoresFieldsAddedByANewerWriter() {
        ProducerRecord<String, byte[]> record = EventCodec.encode(EventCodec.envelope(SOURCE, new CallAnswered("c1", "d1")));
        byte[] newer = "{\"callId\":\"c1\",\"deviceId\":\"d1\",\"answeredVia\":\"webrtc\",\"extra\":{\"a\":[1]}}"
                .getBytes(StandardCharsets.UTF_8);
        var decoded = decoded(new ProducerRecord<>(record.topic(), null, record.key(), newer, record.headers()));
        assertEquals(new CallAnswered("c1", "d1"), decoded.data());
    }

    @Test
    void anAbsentListOrCallerFromAnOlderWriterReadsAsEmpty() {
        DevicesLocated none = new DevicesLocated("c1", "t", "u", Caller.UNKNOWN, List.of(), List.of());
        ProducerRecord<String, byte[]> record = EventCodec.encode(EventCodec.envelope(SOURCE, none));
        byte[] older = "{\"callId\":\"c1\",\"tenantId\":\"t\",\"userId\":\"u\",\"attached\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(none, decoded(new ProducerRecord<>(record.topic(), null, record.key(), older, record.headers())).data());
    }

    @Test
    void acceptsAnRfc3339TimeWithAnOffset() {
        ProducerRecord<String, byte[]> record = EventCodec.encode(EventCodec.envelope(SOURCE, new CallCancelled("c1")));
        record.headers().remove("ce_time").add("ce_time", "2026-11-21T10:40:00+02:00".getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2026-11-21T08:40:00Z"), decoded(record).time());
    }

    @Test
    void unknownTypeIsUndecodableWithAReason() {
        assertUndecodable(withHeader("ce_type", "io.ringedge.call.teleported"), "unknown ce_type 'io.ringedge.call.teleported'");
    }

    @Test
    void brokenJsonIsUndecodableWithAReason() {
        ProducerRecord<String, byte[]> good = EventCodec.encode(EventCodec.envelope(SOURCE, new CallCancelled("c1")));
        assertUndecodable(new ProducerRecord<>(good.topic(), null, good.key(), "{\"callId\":".getBytes(StandardCharsets.UTF_8),
                good.headers()), "data is not a valid io.ringedge.call.cancelled");
        assertUndecodable(new ProducerRecord<>(good.topic(), null, good.key(), "[1,2]".getBytes(StandardCharsets.UTF_8),
                good.headers()), "data is not a valid io.ringedge.call.cancelled");
        assertUndecodable(new ProducerRecord<>(good.topic(), null, good.key(), null, good.headers()), "no data");
    }

    @Test
    void badAttributesAreUndecodableNamingTheHeader() {
        assertUndecodable(withHeader("ce_specversion", "0.3"), "ce_specversion must be 1.0");
        assertUndecodable(withHeader("ce_id", ""), "missing header ce_id");
        assertUndecodable(withHeader("ce_time", "yesterday"), "ce_time is not an RFC 3339 timestamp");
        assertUndecodable(withHeader("ce_schemaversion", "x"), "ce_schemaversion must be a positive integer");
        assertUndecodable(withHeader("ce_subject", "other-call"), "ce_subject 'other-call' does not match");
        assertUndecodable(withHeader("content-type", "application/avro"), "content-type must be application/json");
        assertUndecodable(withHeader("ce_source", "not a uri"), "ce_source is not a URI-reference");
    }

    @Test
    void refusesAnEnvelopeWhoseTypeDoesNotMatchItsData() {
        var wrong = new EventEnvelope<>("i", SOURCE, "io.ringedge.call.ended", Instant.now(), 1, new CallCancelled("c"));
        assertThrows(IllegalArgumentException.class, () -> EventCodec.encode(wrong));
    }

    private static ProducerRecord<String, byte[]> withHeader(String name, String value) {
        ProducerRecord<String, byte[]> record = EventCodec.encode(EventCodec.envelope(SOURCE, new CallCancelled("c1")));
        record.headers().remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void assertUndecodable(ProducerRecord<String, byte[]> record, String reasonStart) {
        var result = assertInstanceOf(DecodeResult.Undecodable.class, EventCodec.decode(asConsumed(record)));
        assertTrue(result.reason().startsWith(reasonStart), result.reason());
        assertEquals(record.topic(), result.topic());
        assertEquals(42, result.offset());
    }

    private static EventEnvelope<? extends RingedgeEvent> decoded(ProducerRecord<String, byte[]> record) {
        return assertInstanceOf(DecodeResult.Decoded.class, EventCodec.decode(asConsumed(record))).envelope();
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 42, 0L, TimestampType.CREATE_TIME, 0,
                record.value() == null ? 0 : record.value().length, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), Optional.empty());
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static Stream<Class<?>> leaves(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(EventCodecTest::leaves) : Stream.of(type);
    }
}
