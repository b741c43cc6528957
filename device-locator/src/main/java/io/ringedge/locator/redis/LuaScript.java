package io.ringedge.locator.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

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

    /**
     * As {@link #run}, without waiting: the stage fails with {@link LocatorUnavailableException}
     * when Redis does. Commands issued in order from one thread run in that order (one connection),
     * except a first run on a Redis that has not seen the script, whose EVAL follows its EVALSHA's
     * NOSCRIPT answer.
     */
    <T> CompletionStage<T> runAsync(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type,
                                    List<String> keys, String... args) {
        String[] keyArray = keys.toArray(String[]::new);
        CompletableFuture<T> result = new CompletableFuture<>();
        this.<T>issue(() -> redis.evalsha(sha1, type, keyArray, args)).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else if (unwrap(failure) instanceof RedisNoScriptException) {
                this.<T>issue(() -> redis.eval(source, type, keyArray, args)).whenComplete((loaded, again) -> {
                    if (again == null) {
                        result.complete(loaded);
                    } else {
                        result.completeExceptionally(unavailable(again));
                    }
                });
            } else {
                result.completeExceptionally(unavailable(failure));
            }
        });
        return result;
    }

    /** The command's stage; one that could not even be issued (connection closed) is a failed stage. */
    private <T> CompletionStage<T> issue(Supplier<RedisFuture<T>> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private LocatorUnavailableException unavailable(Throwable failure) {
        Throwable cause = unwrap(failure);
        return new LocatorUnavailableException("Redis failed running " + name + ".lua: " + cause.getMessage(), cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
