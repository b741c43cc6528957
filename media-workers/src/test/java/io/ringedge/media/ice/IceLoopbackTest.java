package io.ringedge.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two agents on real loopback sockets, each driven by one thread as a transport would. */
class IceLoopbackTest {

    @Test
    void controllingAndControlledConnectAndCarryDataOnTheSelectedPair() throws Exception {
        try (Peer a = new Peer(IceRole.CONTROLLING); Peer b = new Peer(IceRole.CONTROLLED)) {
            a.agent.start(b.agent.localCredentials(), List.of(b.agent.localCandidate()), System.nanoTime());
            b.agent.start(a.agent.localCredentials(), List.of(a.agent.localCandidate()), System.nanoTime());
            a.run();
            b.run();

            IceEvent.Selected selectedByA = (IceEvent.Selected) a.events.poll(5, TimeUnit.SECONDS);
            IceEvent.Selected selectedByB = (IceEvent.Selected) b.events.poll(5, TimeUnit.SECONDS);
            assertEquals(b.socket.getLocalSocketAddress(), selectedByA.remote());
            assertEquals(a.socket.getLocalSocketAddress(), selectedByB.remote());

            byte[] hello = "media over the selected pair".getBytes(StandardCharsets.US_ASCII);
            a.socket.send(new DatagramPacket(hello, hello.length, a.agent.selected()));
            assertArrayEquals(hello, b.data.poll(5, TimeUnit.SECONDS));
            b.socket.send(new DatagramPacket(hello, hello.length, b.agent.selected()));
            assertArrayEquals(hello, a.data.poll(5, TimeUnit.SECONDS));
        }
    }

    private static final class Peer implements AutoCloseable {
        final DatagramSocket socket;
        final IceAgent agent;
        final BlockingQueue<IceEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
        private Thread thread;

        Peer(IceRole role) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            agent = new IceAgent(role, new SecureRandom().nextLong(), IceCredentials.random(),
                    (InetSocketAddress) socket.getLocalSocketAddress(),
                    IceTiming.standard(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                    this::send, events::add, new IceCounters(), new SecureRandom());
        }

        void run() {
            thread = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[1500];
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                long deadline = agent.tick(System.nanoTime());
                while (!socket.isClosed()) {
                    try {
                        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                        packet.setLength(buf.length);
                        socket.receive(packet);
                        if ((buf[0] & 0xFF) < 4) {
                            agent.onStun(buf, 0, packet.getLength(), (InetSocketAddress) packet.getSocketAddress(), System.nanoTime());
                        } else {
                            data.add(Arrays.copyOf(buf, packet.getLength()));
                        }
                    } catch (SocketTimeoutException e) {
                        // timer due
                    } catch (IOException e) {
                        return;
                    }
                    deadline = agent.tick(System.nanoTime());
                }
            });
        }

        private void send(byte[] datagram, InetSocketAddress to) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, to));
            } catch (IOException e) {
                // closed: the test is over
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            if (thread != null) {
                thread.join(2000);
            }
        }
    }
}
