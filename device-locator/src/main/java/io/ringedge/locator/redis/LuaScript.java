package io.ringedge.locator.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.locator.LocatorUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One Lua script from this package's resources. Runs by EVALSHA (the digest is computed here, so
 * no SCRIPT LOAD round trip) and falls back to EVAL once when the server has not seen it yet
 * (a fresh or restarted Redis), which also caches it there.
 */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name + ".lua");
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, List<String> keys,
              String... args) {
        String[] keyArray = keys.toArray(String[]::new);
        try {
            try {
                return redis.evalsha(sha1, type, keyArray, args);
            } catch (RedisNoScriptException notLoaded) {
                return redis.eval(source, type, keyArray, args);
            }
        } catch (RedisException e) {
            throw new LocatorUnavailableException("Redis failed running " + name + ".lua: " + e.getMessage(), e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
