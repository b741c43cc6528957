package io.ringedge.push.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.ringedge.events.Caller;
import io.ringedge.events.PushHandle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the push service remembers per call, in Redis so that every instance sees it: which devices
 * were woken (the idempotency keys), which were told to stop, and that the call is over. All keys of a call carry the locator's call hash tag
 * {@code {c:C}}, so they share the call's Redis Cluster slot, and expire after {@code push.state-ttl}.
 *
 * <table>
 *   <caption>keys ({@code P} = {@code redis.key-prefix})</caption>
 *   <tr><th>key</th><th>type</th><th>content</th></tr>
 *  *   <tr><td>{@code P:{c:C}:push:wake:D}</td><td>string</td>
 *       <td>woken device D (JSON); SET NX: whoever creates it sends the one wake push</td></tr>
 *   <tr><td>{@code P:{c:C}:push:woken}</td><td>set</td><td>device ids with a wake key, for the cancel</td></tr>
 *   <tr><td>{@code P:{c:C}:push:cancel:D}</td><td>string</td><td>SET NX: whoever creates it sends D's cancel</td></tr>
 *   <tr><td>{@code P:{c:C}:push:over}</td><td>string</td><td>the call ended: stop retrying wake pushes</td></tr>
 * </table>
 *
 * <p>Every operation is asynchronous: the consumer thread that handles a call's events issues them
 * and goes on to the next event without waiting for Redis. One connection runs commands in the
 * order they were issued, so the operations of one call (which arrive in order on its partition)
 * also run in order: an end issued after a claim sees that claim. The returned stages complete on
 * Lettuce's I/O threads; callers continue elsewhere.
 */
public final class PushState {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** KEYS: the wake key, the woken set. ARGV: device JSON, TTL ms, device id. 1 when this call took it. */
    private static final String CLAIM_WAKE = """
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
            redis.call('SADD', KEYS[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 1
            """;

    /**
     * KEYS: the over key, the woken set. ARGV: TTL ms, the call's key prefix, the answering device or
     * empty. The wake and cancel keys it builds share the call's hash tag, so they live in the slot of
     * KEYS (Redis Cluster runs it); their device ids are only known from the set.
     */
    private static final String END_AND_CLAIM_CANCELS = """
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            if ARGV[3] ~= '' then redis.call('SET', ARGV[2] .. 'cancel:' .. ARGV[3], '1', 'NX', 'PX', ARGV[1]) end
            local taken = {}
            for _, device in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              local woken = redis.call('GET', ARGV[2] .. 'wake:' .. device)
              if woken and redis.call('SET', ARGV[2] .. 'cancel:' .. device, '1', 'NX', 'PX', ARGV[1]) then
                taken[#taken + 1] = woken
              end
            end
            return taken
            """;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final long ttlMillis;

    public PushState(RedisClusterAsyncCommands<String, String> redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * A device a wake push went (or goes) to, with what its cancel needs.
     *
     * @param handle the push handle used, so a dead one is removed only if still the same
     */
    public record WokenDevice(String deviceId, String tenantId, String userId, PushHandle handle, Caller caller) {
    }

    /**
     * Takes (call, device) for its wake push: true for exactly one caller, across redeliveries and
     * instances. One round trip, the only one before the push can leave.
     */
    public CompletionStage<Boolean> claimWake(String callId, WokenDevice device) {
        return redis.<Long>eval(CLAIM_WAKE, ScriptOutputType.INTEGER,
                        new String[]{key(callId, "wake:" + device.deviceId()), key(callId, "woken")},
                        json(device), Long.toString(ttlMillis), device.deviceId())
                .thenApply(taken -> taken != null && taken == 1L);
    }

    /**
     * The call is over: marks it so (no more wake retries), keeps {@code answeredBy}'s call (null: no
     * device answered) and takes every other woken device's cancel, once across redeliveries and
     * instances. Returns the devices taken now, which get a cancel push. One round trip.
     */
    public CompletionStage<List<WokenDevice>> endAndClaimCancels(String callId, String answeredBy) {
        return redis.<List<String>>eval(END_AND_CLAIM_CANCELS, ScriptOutputType.MULTI,
                        new String[]{key(callId, "over"), key(callId, "woken")},
                        Long.toString(ttlMillis), key(callId, ""), answeredBy == null ? "" : answeredBy)
                .thenApply(taken -> {
                    List<WokenDevice> devices = new ArrayList<>(taken.size());
                    taken.forEach(text -> devices.add(parse(text, WokenDevice.class)));
                    return devices;
                });
    }

    /** Takes (call, device) for its cancel push: true for exactly one caller. */
    public CompletionStage<Boolean> claimCancel(String callId, String deviceId) {
        return redis.set(key(callId, "cancel:" + deviceId), "1", SetArgs.Builder.nx().px(ttlMillis))
                .thenApply("OK"::equals);
    }

    public CompletionStage<Boolean> over(String callId) {
        return redis.exists(key(callId, "over")).thenApply(count -> count > 0);
    }

    private String key(String callId, String suffix) {
        return prefix + ":{c:" + escape(callId) + "}:push:" + suffix;
    }

    /** The locator's escaping: a brace would move the hash tag, a colon would blur the key's parts. */
    private static String escape(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("callId must not be blank");
        }
        return id.replace("%", "%25").replace(":", "%3A").replace("{", "%7B").replace("}", "%7D");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable push state: " + e.getOriginalMessage(), e);
        }
    }
}
