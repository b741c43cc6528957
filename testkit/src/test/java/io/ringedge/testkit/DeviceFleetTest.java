package io.ringedge.testkit;

import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceFleetTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void manyDevicesShareThreadsRegisterAnswerHangUpAndForget() throws IOException, InterruptedException {
        try (WsSipPeer peer = WsSipPeer.start()) {
            List<DeviceSettings> settings = IntStream.range(0, 20).mapToObj(i -> DeviceSettings
                    .of(peer.uri(), "load" + i, "acme.test", "jwt").withoutRecording()).toList();
            List<String> fleetThreads;
            try (DeviceFleet fleet = DeviceFleet.connect(settings, WAIT)) {
                assertTrue(fleet.registerAll().stream().allMatch(r -> r.status() == 200));
                fleetThreads = liveThreads("testdevice-fleet-").stream().filter(n -> !n.contains("-ws-")).toList();
                assertEquals(1, fleetThreads.size(), "one SIP thread for the fleet: " + fleetThreads);

                fleet.onInvite(CallBehaviour.answerThenHangUp(Duration.ZERO, Duration.ofMillis(50)));
                TestDevice seventh = fleet.devices().get(7);
                SipRequest invite = peer.invite(seventh.contactUri());
                peer.sendTo(seventh.contactUri(), invite);
                SipResponse ok = peer.awaitResponse(200, "INVITE", WAIT);
                peer.sendTo(seventh.contactUri(), peer.ack(invite, ok));
                assertEquals(invite.callId(), peer.awaitRequest("BYE", WAIT).callId());

                assertEquals(1, fleet.callCount());
                assertEquals(1, seventh.callCount());
                assertTrue(seventh.messages().isEmpty(), "a load device records nothing");
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!seventh.calls().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(seventh.calls().isEmpty(), "the finished call is forgotten");
            }
            assertEquals(List.of(), liveThreads(fleetThreads.getFirst()), "SIP and WebSocket threads stopped");
        }
    }

    @Test
    void aDeviceThatClosedConnectsAgainOnTheFleetsThreads() throws IOException {
        try (WsSipPeer peer = WsSipPeer.start()) {
            DeviceSettings phone = DeviceSettings.of(peer.uri(), "sleeper", "acme.test", "jwt").withoutRecording();
            try (DeviceFleet fleet = DeviceFleet.connect(List.of(phone), WAIT)) {
                fleet.devices().getFirst().close();
                try (TestDevice woken = fleet.connectAnother(phone)) {
                    assertTrue(woken.isOpen());
                    assertEquals(200, woken.register().status());
                    // a device with threads of its own names them after its user
                    assertEquals(List.of(), liveThreads("testdevice-sleeper"), "no threads of its own");
                }
            }
        }
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
    }
}
