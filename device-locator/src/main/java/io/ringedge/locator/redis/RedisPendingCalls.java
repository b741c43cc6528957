package io.ringedge.locator.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.locator.LocatorUnavailableException;
import io.ringedge.locator.PendingCall;
import io.ringedge.locator.PendingCalls;
import io.ringedge.locator.PendingCalls.Attach.HeldElsewhere;
import io.ringedge.locator.PendingCalls.Attach.HeldHere;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Pending calls in Redis: a hash (tenant, user, holding edge, deadline) and a set of devices
 * tried, both in the call's slot and both expiring at the deadline. Claiming is SADD on that set
 * inside a script that first checks the call still exists, so exactly one claimer wins.
 */
public final class RedisPendingCalls implements PendingCalls {

    private static final LuaScript HOLD = LuaScript.load("pending-hold");
    private static final LuaScript GET = LuaScript.load("pending-get");
    private static final LuaScript CLAIM = LuaScript.load("claim");

    private final RedisClusterCommands<String, String> redis;
    private final RedisClusterAsyncCommands<String, String> asyncRedis;
    private final Keys keys;
    private final Clock clock;

    /** @param asyncRedis the same connection's asynchronous commands, for {@link #hold} */
    public RedisPendingCalls(RedisClusterCommands<String, String> redis,
                             RedisClusterAsyncCommands<String, String> asyncRedis, String keyPrefix, Clock clock) {
        this.redis = Objects.requireNonNull(redis);
        this.asyncRedis = Objects.requireNonNull(asyncRedis);
        this.keys = new Keys(keyPrefix);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public CompletionStage<Boolean> hold(PendingCall call) {
        long lifetime = call.deadline().toEpochMilli() - clock.millis();
        if (lifetime <= 0) {
            throw new IllegalArgumentException("call " + call.callId() + ": deadline " + call.deadline()
                    + " has passed");
        }
        List<String> args = new ArrayList<>(5 + call.triedDevices().size());
        args.add(Keys.required("tenantId", call.tenantId()));
        args.add(Keys.required("userId", call.userId()));
        args.add(Keys.required("holdingEdge", call.holdingEdge()));
        args.add(Long.toString(call.deadline().toEpochMilli()));
        args.add(Long.toString(lifetime));
        args.addAll(call.triedDevices());
        return HOLD.<Long>runAsync(asyncRedis, ScriptOutputType.INTEGER, keys.pending(call.callId()),
                args.toArray(String[]::new)).thenApply(held -> held == 1L);
    }

    @Override
    public Optional<PendingCall> find(String callId) {
        List<List<String>> found = GET.run(redis, ScriptOutputType.MULTI, keys.pending(callId));
        List<String> flat = found.get(0);
        if (flat.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i), flat.get(i + 1));
        }
        return Optional.of(new PendingCall(callId, fields.get("tenant"), fields.get("user"), fields.get("edge"),
                new HashSet<>(found.get(1)), Instant.ofEpochMilli(Long.parseLong(fields.get("deadline")))));
    }

    @Override
    public Claim claim(String callId, String deviceId) {
        return switch (runClaim(callId, deviceId, "")) {
            case HeldHere here -> here.claim();
            case HeldElsewhere elsewhere -> throw new IllegalStateException("claim.lua refused a claim for any edge");
        };
    }

    @Override
    public Attach attach(String callId, String deviceId, String edgeNode) {
        return runClaim(callId, deviceId, Keys.required("edgeNode", edgeNode));
    }

    private Attach runClaim(String callId, String deviceId, String edgeNode) {
        List<Object> result = CLAIM.run(redis, ScriptOutputType.MULTI, keys.pending(callId),
                Keys.required("deviceId", deviceId), edgeNode);
        long code = (Long) result.get(0);
        return switch ((int) code) {
            case 1 -> new HeldHere(Claim.CLAIMED);
            case 0 -> new HeldHere(Claim.ALREADY_CLAIMED);
            case -1 -> new HeldHere(Claim.NO_SUCH_CALL);
            case 2 -> new HeldElsewhere((String) result.get(1));
            default -> throw new IllegalStateException("claim.lua answered " + result);
        };
    }

    @Override
    public void release(String callId) {
        List<String> both = keys.pending(callId);
        try {
            redis.del(both.toArray(String[]::new));
        } catch (RedisException e) {
            throw new LocatorUnavailableException("Redis failed deleting call " + callId, e);
        }
    }
}
