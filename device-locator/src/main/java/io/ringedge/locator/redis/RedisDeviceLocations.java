package io.ringedge.locator.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.DeviceLocations;
import io.ringedge.locator.UserDevices;
import io.ringedge.locator.redis.JsonValues.StoredBinding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Locates a user's devices from the user's slot in one round trip. A device with a live binding
 * is attached, whatever its handle; a device with only a live handle is asleep (issue 3).
 */
public final class RedisDeviceLocations implements DeviceLocations {

    private static final LuaScript LOCATED_ONCE = LuaScript.load("located-once");

    private final RedisDeviceDirectory directory;
    private final RedisClusterCommands<String, String> redis;
    private final Keys keys;
    private final Duration locatedTtl;

    /**
     * @param locatedTtl how long the first answer for a call is kept: longer than a call can ring
     *                   plus the time Kafka may take to redeliver
     */
    public RedisDeviceLocations(RedisDeviceDirectory directory, RedisClusterCommands<String, String> redis,
                                String keyPrefix, Duration locatedTtl) {
        this.directory = Objects.requireNonNull(directory);
        this.redis = Objects.requireNonNull(redis);
        this.keys = new Keys(keyPrefix);
        this.locatedTtl = Objects.requireNonNull(locatedTtl);
    }

    @Override
    public UserDevices locate(String tenantId, String userId) {
        RedisDeviceDirectory.Snapshot snapshot = directory.snapshot(tenantId, userId);
        List<AttachedDevice> attached = new ArrayList<>(snapshot.bindings().size());
        for (Map.Entry<String, StoredBinding> e : snapshot.bindings().entrySet()) {
            attached.add(new AttachedDevice(e.getKey(), e.getValue().edge(), e.getValue().flow(),
                    e.getValue().contact()));
        }
        List<AsleepDevice> asleep = new ArrayList<>();
        for (Map.Entry<String, PushHandle> e : snapshot.handles().entrySet()) {
            if (!snapshot.bindings().containsKey(e.getKey())) {
                asleep.add(new AsleepDevice(e.getKey(), e.getValue()));
            }
        }
        return new UserDevices(attached, asleep);
    }

    @Override
    public UserDevices locateForCall(String callId, String tenantId, String userId) {
        String computed = JsonValues.write(locate(tenantId, userId));
        String first = LOCATED_ONCE.run(redis, ScriptOutputType.VALUE, List.of(keys.located(callId)),
                computed, Long.toString(locatedTtl.toMillis()));
        return JsonValues.userDevices(first);
    }
}
