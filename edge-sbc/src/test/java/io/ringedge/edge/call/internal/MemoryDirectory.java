package io.ringedge.edge.call.internal;

import io.ringedge.locator.Binding;
import io.ringedge.locator.DeviceDirectory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The bindings of one edge's tests; Redis-backed storage is the device-locator's concern and tested there. */
final class MemoryDirectory implements DeviceDirectory {

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    @Override
    public void bind(Binding binding, Duration expires) {
        bindings.put(binding.deviceId(), binding);
    }

    @Override
    public Optional<Binding> unbind(String tenantId, String userId, String deviceId) {
        return Optional.ofNullable(bindings.remove(deviceId));
    }

    @Override
    public List<Binding> unbindFlow(String edgeNode, String flowId) {
        List<Binding> gone = bindings.values().stream().filter(b -> b.flowId().equals(flowId)).toList();
        gone.forEach(b -> bindings.remove(b.deviceId()));
        return gone;
    }

    @Override
    public List<Binding> bindings(String tenantId, String userId) {
        return bindings.values().stream().filter(b -> b.tenantId().equals(tenantId) && b.userId().equals(userId))
                .toList();
    }
}
