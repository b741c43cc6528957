package io.ringedge.edge;

import io.ringedge.locator.Binding;
import io.ringedge.locator.DeviceDirectory;
import io.ringedge.locator.LocatorUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DeviceDirectory in a map, for edge tests that are about SIP rather than Redis. It ignores
 * expiry on purpose; tests read {@link #lastExpiry} to see what was granted, and set
 * {@link #unavailable} to make every write fail as a Redis outage does.
 */
public final class InMemoryDeviceDirectory implements DeviceDirectory {

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    public final Map<String, Duration> lastExpiry = new ConcurrentHashMap<>();
    public volatile boolean unavailable;

    private static String key(String tenant, String user, String device) {
        return tenant + "/" + user + "/" + device;
    }

    @Override
    public List<Binding> bind(Binding binding, Duration expires) {
        if (unavailable) {
            throw new LocatorUnavailableException("bind: store down (test)", null);
        }
        String k = key(binding.tenantId(), binding.userId(), binding.deviceId());
        bindings.put(k, binding);
        lastExpiry.put(k, expires);
        return bindings(binding.tenantId(), binding.userId());
    }

    @Override
    public Optional<Binding> unbind(String tenantId, String userId, String deviceId) {
        return Optional.ofNullable(bindings.remove(key(tenantId, userId, deviceId)));
    }

    @Override
    public List<Binding> unbindFlow(String edgeNode, String flowId) {
        List<Binding> removed = new ArrayList<>();
        bindings.entrySet().removeIf(e -> {
            boolean match = e.getValue().edgeNode().equals(edgeNode) && e.getValue().flowId().equals(flowId);
            if (match) {
                removed.add(e.getValue());
            }
            return match;
        });
        return removed;
    }

    @Override
    public List<Binding> bindings(String tenantId, String userId) {
        return bindings.values().stream()
                .filter(b -> b.tenantId().equals(tenantId) && b.userId().equals(userId)).toList();
    }
}
