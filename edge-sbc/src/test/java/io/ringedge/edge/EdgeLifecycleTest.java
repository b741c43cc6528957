package io.ringedge.edge;

import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RecordingCallSignalling;
import io.ringedge.edge.sip.WsDevice;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing an edge that served traffic leaves no thread and no port behind. */
class EdgeLifecycleTest {

    @Test
    void closeReleasesThreadsAndPorts() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        EdgeFixture f = new EdgeFixture("edge-life", (stack, flows, responder) -> new RecordingCallSignalling(responder, 486));
        var sip = f.edge.sip();
        List<Integer> tcpPorts = List.of(sip.port(Ingress.TCP), sip.port(Ingress.WS), sip.port(Ingress.INTERNAL), f.edge.httpPort());
        int udpPort = sip.port(Ingress.UDP);
        try (WsDevice device = new WsDevice(sip.port(Ingress.WS))) {
            device.send(device.register("alice", 600, "Authorization: Bearer " + f.token("tenant-a", "alice", "d") + "\r\n"));
            assertEquals(200, WsDevice.status(device.next()));
        }
        f.close();

        List<String> leaked = List.of();
        for (int i = 0; i < 50; i++) {
            leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t))
                    // JDK-owned pools that outlive any one user by design, and Helidon 4.3.1's daemon
                    // idle-connection Timer, which LoomServer creates per server and never cancels
                    .filter(t -> !t.getName().startsWith("ForkJoinPool") && !t.getName().startsWith("HttpClient")
                            && !t.getName().equals("process reaper") && !t.getName().startsWith("Common-Cleaner")
                            && !t.getName().equals("VirtualThread-unblocker")
                            && !(t.isDaemon() && t.getName().equals("helidon-idle-connection-timer")))
                    .map(Thread::getName).toList();
            if (leaked.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(leaked.isEmpty(), "threads left after close: " + leaked);
        for (int port : tcpPorts) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpPort))) {
            assertTrue(s.isBound());
        }
    }
}
