package io.ringedge.locator.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import io.ringedge.locator.DeviceDirectory;
import io.ringedge.locator.PushHandles;
import io.ringedge.locator.redis.JsonValues.StoredBinding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bindings and push handles in Redis, one hash-tagged slot per user (layout in
 * {@code package-info.java}). Each call is one script, one round trip, except {@link #bind} and
 * {@link #unbindFlow}, which also touch the flow's own slot ({@link #bind} without waiting for
 * it). Nothing here scans keys.
 *
 * <p>Expiry is per device although a user's devices share keys: each entry has its expiry as a
 * score in a sorted set, reads skip and prune entries past it, and the shared keys themselves are
 * given a Redis TTL no shorter than their longest-lived entry, so an abandoned user disappears.
 */
public final class RedisDeviceDirectory implements DeviceDirectory, PushHandles {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDeviceDirectory.class);
    private static final LuaScript BIND = LuaScript.load("bind");
    /** A user's live bindings and handles, expired entries pruned; read by {@link RedisDeviceLocations} too. */
    static final LuaScript DEVICES = LuaScript.load("devices");
    private static final LuaScript UNBIND = LuaScript.load("unbind");
    private static final LuaScript FLOW_ADD = LuaScript.load("flow-add");
    private static final LuaScript FLOW_TAKE = LuaScript.load("flow-take");
    private static final LuaScript HANDLE_GET = LuaScript.load("handle-get");
    private static final LuaScript HANDLE_REMOVE = LuaScript.load("handle-remove");

    /** The live bindings and handles of one user, by device id, in expiry order. */
    record Snapshot(Map<String, StoredBinding> bindings, Map<String, PushHandle> handles) {

        /** From devices.lua's answer: {device, binding json, ...} and {device, handle json, ...}. */
        static Snapshot of(List<List<String>> lists) {
            Map<String, StoredBinding> bindings = new LinkedHashMap<>();
            pairs(lists.get(0), (device, json) -> bindings.put(device, JsonValues.binding(json)));
            Map<String, PushHandle> handles = new LinkedHashMap<>();
            pairs(lists.get(1), (device, json) -> handles.put(device, JsonValues.handle(json)));
            return new Snapshot(bindings, handles);
        }

        private static void pairs(List<String> flat, java.util.function.BiConsumer<String, String> each) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                each.accept(flat.get(i), flat.get(i + 1));
            }
        }
    }

    private final RedisClusterCommands<String, String> redis;
    private final RedisClusterAsyncCommands<String, String> asyncRedis;
    private final Keys keys;
    private final Clock clock;
    private final Duration pushHandleTtl;

    /**
     * @param asyncRedis    the same connection's asynchronous commands (see {@link #bind})
     * @param pushHandleTtl how long a push handle stays after the device's last REGISTER with it;
     *                      never shorter than the binding itself
     */
    public RedisDeviceDirectory(RedisClusterCommands<String, String> redis,
                                RedisClusterAsyncCommands<String, String> asyncRedis, String keyPrefix, Clock clock,
                                Duration pushHandleTtl) {
        this.redis = Objects.requireNonNull(redis);
        this.asyncRedis = Objects.requireNonNull(asyncRedis);
        this.keys = new Keys(keyPrefix);
        this.clock = Objects.requireNonNull(clock);
        this.pushHandleTtl = Objects.requireNonNull(pushHandleTtl);
    }

    @Override
    public List<Binding> bind(Binding binding, Duration expires) {
        if (expires.toMillis() <= 0) {
            throw new IllegalArgumentException("expires must be positive, was " + expires
                    + " (Expires: 0 is unbind)");
        }
        Keys.required("deviceId", binding.deviceId());
        String flowKey = keys.flow(binding.edgeNode(), binding.flowId());
        long now = clock.millis();
        long bindingExpiry = now + expires.toMillis();
        long handleExpiry = now + Math.max(expires.toMillis(), pushHandleTtl.toMillis());
        String handle = binding.pushHandle().map(JsonValues::write).orElse("");
        List<List<String>> after = BIND.run(redis, ScriptOutputType.MULTI,
                keys.user(binding.tenantId(), binding.userId()), binding.deviceId(),
                JsonValues.write(new StoredBinding(binding.edgeNode(), binding.flowId(), binding.contact())),
                Long.toString(bindingExpiry), handle, Long.toString(handleExpiry), Long.toString(now));
        // Second slot, second step, not waited for: if it fails, the binding still expires on its own.
        // Issued on the same connection before any later command (a closing flow's FLOW_TAKE among
        // them), so Redis runs it first; only a Redis that lost its scripts answers NOSCRIPT and
        // gets the script again after whatever was issued meanwhile.
        FLOW_ADD.runAsync(asyncRedis, ScriptOutputType.INTEGER, List.of(flowKey),
                        Keys.flowMember(binding.tenantId(), binding.userId(), binding.deviceId()),
                        Long.toString(expires.toMillis()))
                .whenComplete((added, failure) -> {
                    if (failure != null) {
                        LOG.warn("device {}/{}/{}: not indexed under flow {}; its binding outlives a close until it expires: {}",
                                binding.tenantId(), binding.userId(), binding.deviceId(), binding.flowId(),
                                failure.toString());
                    }
                });
        return bindings(binding.tenantId(), binding.userId(), Snapshot.of(after));
    }

    /**
     * Removes the binding and the push handle: a REGISTER with {@code Expires: 0} is the device
     * signing off (RFC 3261 §10.2.2), so it must not be woken either. Compare {@link #unbindFlow},
     * where the app merely went to the background and keeps its handle.
     */
    @Override
    public Optional<Binding> unbind(String tenantId, String userId, String deviceId) {
        List<String> removed = UNBIND.run(redis, ScriptOutputType.MULTI, keys.user(tenantId, userId),
                Keys.required("deviceId", deviceId), Long.toString(clock.millis()), "1", "", "");
        return toBinding(tenantId, userId, deviceId, removed);
    }

    /** Removes the bindings the closed flow still holds; their push handles stay, so those devices are asleep. */
    @Override
    public List<Binding> unbindFlow(String edgeNode, String flowId) {
        List<String> members = FLOW_TAKE.run(redis, ScriptOutputType.MULTI, List.of(keys.flow(edgeNode, flowId)));
        String now = Long.toString(clock.millis());
        List<Binding> unbound = new ArrayList<>(members.size());
        for (String member : members) {
            List<String> ids = Keys.parseFlowMember(member);
            List<String> removed = UNBIND.run(redis, ScriptOutputType.MULTI, keys.user(ids.get(0), ids.get(1)),
                    ids.get(2), now, "0", edgeNode, flowId);
            toBinding(ids.get(0), ids.get(1), ids.get(2), removed).ifPresent(unbound::add);
        }
        return unbound;
    }

    @Override
    public List<Binding> bindings(String tenantId, String userId) {
        return bindings(tenantId, userId, snapshot(tenantId, userId));
    }

    private static List<Binding> bindings(String tenantId, String userId, Snapshot snapshot) {
        List<Binding> bindings = new ArrayList<>(snapshot.bindings().size());
        snapshot.bindings().forEach((deviceId, b) -> bindings.add(new Binding(tenantId, userId, deviceId,
                b.edge(), b.flow(), b.contact(), Optional.ofNullable(snapshot.handles().get(deviceId)))));
        return bindings;
    }

    @Override
    public Optional<PushHandle> pushHandle(String tenantId, String userId, String deviceId) {
        String json = HANDLE_GET.run(redis, ScriptOutputType.VALUE, keys.handles(tenantId, userId),
                Keys.required("deviceId", deviceId), Long.toString(clock.millis()));
        return Optional.ofNullable(json).map(JsonValues::handle);
    }

    @Override
    public boolean removePushHandle(String tenantId, String userId, String deviceId, PushHandle rejected) {
        Long removed = HANDLE_REMOVE.run(redis, ScriptOutputType.INTEGER, keys.handles(tenantId, userId),
                Keys.required("deviceId", deviceId), JsonValues.write(rejected));
        return removed == 1L;
    }

    /** One round trip: the user's live bindings and live handles, expired entries pruned. */
    private Snapshot snapshot(String tenantId, String userId) {
        return Snapshot.of(DEVICES.run(redis, ScriptOutputType.MULTI, keys.user(tenantId, userId),
                Long.toString(clock.millis())));
    }

    /** {@code removed} is {binding json or "", handle json or ""} from unbind.lua. */
    private static Optional<Binding> toBinding(String tenantId, String userId, String deviceId, List<String> removed) {
        if (removed.get(0).isEmpty()) {
            return Optional.empty();
        }
        StoredBinding b = JsonValues.binding(removed.get(0));
        Optional<PushHandle> handle = removed.get(1).isEmpty()
                ? Optional.empty() : Optional.of(JsonValues.handle(removed.get(1)));
        return Optional.of(new Binding(tenantId, userId, deviceId, b.edge(), b.flow(), b.contact(), handle));
    }
}
