package io.ringedge.embedded;

/** Run in a child JVM by {@link EmbeddedRedisTest}: starts a server, prints its port, exits without closing it. */
public final class EmbeddedRedisExitProbe {

    private EmbeddedRedisExitProbe() {
    }

    public static void main(String[] args) {
        EmbeddedRedis redis = EmbeddedRedis.start();
        System.out.println("port=" + redis.port());
        System.out.flush();
        System.exit(0);
    }
}
