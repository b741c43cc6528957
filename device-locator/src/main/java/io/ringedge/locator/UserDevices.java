package io.ringedge.locator;

import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where one user's devices are right now.
 *
 * @param attached devices with a live binding, and the edge and flow holding each
 * @param asleep   devices without a live binding but with a push handle that can wake them
 */
public record UserDevices(List<AttachedDevice> attached, List<AsleepDevice> asleep) {

    public UserDevices {
        attached = List.copyOf(attached);
        asleep = List.copyOf(asleep);
        Set<String> seen = new HashSet<>();
        attached.forEach(a -> seen.add(a.deviceId()));
        for (AsleepDevice a : asleep) {
            if (seen.contains(a.deviceId())) {
                throw new IllegalArgumentException("device " + a.deviceId() + " cannot be both attached and asleep");
            }
        }
    }

    public static UserDevices none() {
        return new UserDevices(List.of(), List.of());
    }
}
