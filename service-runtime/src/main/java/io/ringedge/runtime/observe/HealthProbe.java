package io.ringedge.runtime.observe;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container health check that needs nothing but the JVM (JRE images have no curl):
 * {@code java -cp 'libs/*' io.ringedge.runtime.observe.HealthProbe DEFAULT_PORT}. It asks
 * {@code http://127.0.0.1:PORT/observe/health/ready}, where PORT is the environment's
 * {@code OBSERVE_PORT} (the variable Helidon maps to {@code observe.port}) when set, so the
 * check follows an operator's port change. Exit status 0 when ready, 1 otherwise.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MS = 2_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe DEFAULT_PORT");
            System.exit(2);
        }
        String port = System.getenv().getOrDefault("OBSERVE_PORT", args[0]).trim();
        try {
            int status = status(URI.create("http://127.0.0.1:" + Integer.parseInt(port) + ObserveServer.READY));
            System.out.println("readiness: HTTP " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("readiness: " + e);
            System.exit(1);
        }
    }

    static int status(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MS);
        connection.setReadTimeout(TIMEOUT_MS);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
