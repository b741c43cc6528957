package io.ringedge.edge.http;

import io.helidon.config.Config;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.token.TokenIssuer;

import java.time.Clock;
import java.time.Duration;

/**
 * Mints a device token from the edge's own configuration, for demos and scripts:
 * {@code java -cp ... io.ringedge.edge.http.MintTokenCli <tenant> <user> <device> [ttlSeconds]}.
 * Configuration is read the way the edge reads it (application.yaml, environment, system properties).
 */
public final class MintTokenCli {

    private MintTokenCli() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: MintTokenCli <tenant> <user> <device> [ttlSeconds]");
            System.exit(2);
        }
        try {
            EdgeConfig config = EdgeConfig.from(Config.create());
            long ttl = args.length == 4 ? Long.parseLong(args[3]) : config.token().maxLifetime().toSeconds();
            if (ttl < 1 || ttl > config.token().maxLifetime().toSeconds()) {
                throw new IllegalArgumentException("ttlSeconds must be 1.." + config.token().maxLifetime().toSeconds());
            }
            var minted = new TokenIssuer(config.token().key(), Clock.systemUTC()).mint(args[0], args[1], args[2],
                    Duration.ofSeconds(ttl));
            System.out.println(minted.token());
        } catch (IllegalArgumentException e) {
            System.err.println("MintTokenCli: " + e.getMessage());
            System.exit(1);
        }
    }
}
