package io.ringedge.testkit;

import io.ringedge.testkit.internal.DeviceCore;
import io.ringedge.testkit.internal.DeviceResources;
import io.ringedge.testkit.sip.SipResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many test devices on one set of threads (one HttpClient, one SIP thread), for load: the
 * signalling benchmark's devices that register, auto-answer and hang up. Each device still has its
 * own WebSocket, registration and dialogs. Create the devices
 * {@linkplain DeviceSettings#withoutRecording() without recording} so a long run does not fill the
 * heap.
 */
public final class DeviceFleet implements AutoCloseable {

    private static final AtomicInteger FLEETS = new AtomicInteger();

    private final DeviceResources resources;
    private final List<TestDevice> devices;

    private DeviceFleet(DeviceResources resources, List<TestDevice> devices) {
        this.resources = resources;
        this.devices = List.copyOf(devices);
    }

    /**
     * Connects every device; on any failure closes those already connected and rethrows. The shared
     * HttpClient trusts what the first device's {@link DeviceSettings#sslContext()} trusts.
     */
    public static DeviceFleet connect(List<DeviceSettings> settings, Duration timeout) throws IOException {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one device");
        }
        DeviceResources shared = DeviceResources.create("testdevice-fleet-" + FLEETS.incrementAndGet(), timeout,
                settings.getFirst().sslContext());
        List<TestDevice> connected = new ArrayList<>(settings.size());
        try {
            for (DeviceSettings s : settings) {
                connected.add(new TestDevice(DeviceCore.connect(s, shared)));
            }
        } catch (IOException | RuntimeException e) {
            connected.forEach(TestDevice::close);
            shared.close();
            throw e;
        }
        return new DeviceFleet(shared, connected);
    }

    /**
     * One more device on this fleet's threads, connected now: a phone that wakes and opens a new
     * WebSocket. It is not among {@link #devices()}; the caller closes it (its WebSocket only, the
     * threads stay with the fleet), and must do so before closing the fleet.
     */
    public TestDevice connectAnother(DeviceSettings settings) throws IOException {
        return new TestDevice(DeviceCore.connect(settings, resources));
    }

    public List<TestDevice> devices() {
        return devices;
    }

    public DeviceFleet onInvite(CallBehaviour behaviour) {
        devices.forEach(d -> d.onInvite(behaviour));
        return this;
    }

    /** REGISTERs every device, one after the other; the final responses in device order. */
    public List<SipResponse> registerAll() {
        return devices.stream().map(TestDevice::register).toList();
    }

    /** Calls received by all devices. */
    public long callCount() {
        return devices.stream().mapToLong(TestDevice::callCount).sum();
    }

    /** Closes every WebSocket, then stops the shared threads. */
    @Override
    public void close() {
        devices.forEach(TestDevice::close);
        resources.close();
    }
}
