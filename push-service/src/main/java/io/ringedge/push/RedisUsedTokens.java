package io.ringedge.push;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Used attach tokens in Redis: {@code SET <prefix>:attach-nonce:<nonce> 1 NX PX <until expiry>}.
 * The key lives only as long as the token could be accepted anyway, and NX makes the first edge
 * win when two edges see the same token at once.
 */
public final class RedisUsedTokens implements AttachTokens.UsedTokens {

    private final RedisClusterCommands<String, String> redis;
    private final String keyPrefix;
    private final Clock clock;

    public RedisUsedTokens(RedisClusterCommands<String, String> redis, String keyPrefix, Clock clock) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String nonce, Instant expires) {
        long millis = Math.max(1, Duration.between(clock.instant(), expires).toMillis());
        return "OK".equals(redis.set(keyPrefix + ":attach-nonce:" + nonce, "1", SetArgs.Builder.nx().px(millis)));
    }
}
