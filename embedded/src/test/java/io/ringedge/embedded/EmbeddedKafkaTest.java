package io.ringedge.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {

    @Test
    void keepsRecordsAndAddressAcrossStopAndRestart() throws Exception {
        Path dataDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("t", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertEquals(3, admin.describeTopics(List.of("t")).allTopicNames().get().get("t").partitions().size());
            }
            produce(bootstrap, "t", "a", "b", "c");
            assertEquals(List.of("a", "b", "c"), consumeAll(bootstrap, "t", 3));

            kafka.stop();
            assertFalse(kafka.running());
            assertFalse(accepts(bootstrap), "a stopped broker must not accept connections");

            kafka.restart();
            assertTrue(kafka.running());
            assertEquals(bootstrap, kafka.bootstrapServers());
            assertTrue(accepts(bootstrap));
            produce(bootstrap, "t", "d");
            assertEquals(List.of("a", "b", "c", "d"), consumeAll(bootstrap, "t", 4));
            dataDir = kafka.dataDir();
        }
        assertFalse(Files.exists(dataDir), "close() deletes a temporary data directory");
    }

    @Test
    void autoCreatesTopicsWithConfiguredPartitions(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, 2)) {
            produce(kafka.bootstrapServers(), "auto", "x");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertEquals(2, admin.describeTopics(List.of("auto")).allTopicNames().get().get("auto").partitions().size());
            }
        }
        assertTrue(Files.exists(dir.resolve("kraft").resolve("meta.properties")), "a given data dir is kept");
    }

    @Test
    void aGivenDataDirSurvivesANewInstanceOnTheSamePort(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));
            produce(kafka.bootstrapServers(), "kept", "1", "2");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, port)) {
            assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
            assertEquals(List.of("1", "2"), consumeAll(kafka.bootstrapServers(), "kept", 2));
        }
    }

    @Test
    void closeLeavesNoBrokerThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            produce(kafka.bootstrapServers(), "threads", "x");
            kafka.stop();
            kafka.restart();
        }
        // Yammer's meter ticker is one per JVM, created by the first broker and shared by all later ones.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            Thread.sleep(50);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t))
                    .map(Thread::getName)
                    .filter(name -> !name.startsWith("metrics-meter-tick-thread"))
                    .toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left);
    }

    @Test
    void aPortInUseFailsTheStartAndNothingElse(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var e = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.start(dir, taken.getLocalPort()));
            assertTrue(e.getMessage().startsWith("embedded Kafka could not start on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            produce(kafka.bootstrapServers(), "after", "ok");
        }
    }

    @Test
    void rejectsABadPort() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.start(Path.of("unused"), 70000));
    }

    private static boolean accepts(String bootstrap) {
        String[] hostPort = bootstrap.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void produce(String bootstrap, String topic, String... values)
            throws ExecutionException, InterruptedException {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                // One key: the values land on one partition, so their order is defined.
                producer.send(new ProducerRecord<>(topic, "k", v)).get();
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
