package io.ringedge.edge;

import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RecordingCallSignalling;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.runtime.observe.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge's own meters, read from a real edge on loopback. */
class EdgeMetersTest {

    @Test
    void refusedSipIsCountedByReasonAndHeldFlowsAreAGauge() throws Exception {
        try (EdgeFixture f = new EdgeFixture("edge-meters",
                (stack, flows, responder) -> new RecordingCallSignalling(responder, 486))) {
            MeterRegistry registry = new MeterRegistry();
            EdgeMeters.register(registry, f.edge);

            String before = registry.scrape();
            assertTrue(before.contains("\nringedge_device_connections 0\n"), before);
            for (RejectCounters.Reason reason : RejectCounters.Reason.values()) {
                String line = "ringedge_sip_rejected_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT) + "\"} 0\n";
                assertTrue(before.contains(line), "every reason is reported from the start: " + line + before);
            }

            try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] garbage = "\u0001\u0002 definitely not SIP\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                pbx.send(new DatagramPacket(garbage, garbage.length,
                        new InetSocketAddress("127.0.0.1", f.edge.sip().port(Ingress.UDP))));
            }
            String expected = "ringedge_sip_rejected_total{reason=\"unparseable\"} 1\n";
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!registry.scrape().contains(expected)) {
                assertTrue(System.nanoTime() < deadline, expected + " never appeared in\n" + registry.scrape());
                Thread.sleep(20);
            }
        }
    }
}
