package io.ringedge.edge;

import io.ringedge.push.AttachTokens;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Used attach tokens of one edge in memory (production shares them in Redis: RedisUsedTokens). */
public final class MemoryUsedTokens implements AttachTokens.UsedTokens {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstUse(String nonce, Instant expires) {
        return used.add(nonce);
    }
}
