package io.ringedge.events;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The publisher against Kafka in a container, for machines with Docker; skipped without it. The
 * same behaviour is tested against the embedded broker in {@link KafkaEventPublisherTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaEventPublisherContainerTest {

    /** The broker release our clients are built against. */
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @Test
    void publishesEveryCallsTimelineInOrder() {
        String prefix = "container-" + UUID.randomUUID() + "-";
        Map<String, List<RingedgeEvent>> expected = KafkaEventPublisherTest.calls(prefix, 40);
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(KAFKA.getBootstrapServers(), "container"))) {
            KafkaEventPublisherTest.publishInterleaved(publisher, expected);
            Await.until(Duration.ofSeconds(60), () -> publisher.publishedEvents() == 200,
                    () -> "200 acknowledged, was " + publisher.publishedEvents());
            assertEquals(0, publisher.droppedEvents());
        }
        Timelines.assertExactly(expected, TopicReader.events(KAFKA.getBootstrapServers(), Topics.CALLS, prefix, 200));
    }
}
