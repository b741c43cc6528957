package io.ringedge.locator.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.DeviceLocations;
import io.ringedge.locator.UserDevices;
import io.ringedge.locator.redis.JsonValues.StoredBinding;
import io.ringedge.locator.redis.RedisDeviceDirectory.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Locates a user's devices from the user's slot in one round trip. A device with a live binding
 * is attached, whatever its handle; a device with only a live handle is asleep (issue 3).
 * Asynchronous commands: the locator's consumer issues the reads of a whole batch of offers and
 * waits for them together.
 */
public final class RedisDeviceLocations implements DeviceLocations {

    private static final LuaScript LOCATED_ONCE = LuaScript.load("located-once");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final Keys keys;
    private final Clock clock;
    private final Duration locatedTtl;

    /**
     * @param locatedTtl how long the first answer for a call is kept: longer than a call can ring
     *                   plus the time Kafka may take to redeliver
     */
    public RedisDeviceLocations(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Clock clock,
                                Duration locatedTtl) {
        this.redis = Objects.requireNonNull(redis);
        this.keys = new Keys(keyPrefix);
        this.clock = Objects.requireNonNull(clock);
        this.locatedTtl = Objects.requireNonNull(locatedTtl);
    }

    @Override
    public CompletionStage<UserDevices> locate(String tenantId, String userId) {
        return RedisDeviceDirectory.DEVICES.<List<List<String>>>runAsync(redis, ScriptOutputType.MULTI,
                        keys.user(tenantId, userId), Long.toString(clock.millis()))
                .thenApply(lists -> devices(Snapshot.of(lists)));
    }

    @Override
    public CompletionStage<UserDevices> locateForCall(String callId, String tenantId, String userId) {
        String located = keys.located(callId);
        return locate(tenantId, userId).thenCompose(computed -> LOCATED_ONCE.<String>runAsync(redis,
                        ScriptOutputType.VALUE, List.of(located), JsonValues.write(computed),
                        Long.toString(locatedTtl.toMillis())))
                .thenApply(JsonValues::userDevices);
    }

    private static UserDevices devices(Snapshot snapshot) {
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
}
