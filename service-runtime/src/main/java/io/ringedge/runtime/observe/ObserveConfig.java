package io.ringedge.runtime.observe;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * Where a process serves its health and metrics.
 *
 * @param bindAddress {@code observe.bind-address}: address the observe server binds
 * @param port        {@code observe.port}: its port (0 = any free port)
 */
public record ObserveConfig(String bindAddress, int port) {

    public static final String BIND_ADDRESS = "observe.bind-address";
    public static final String PORT = "observe.port";

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** The standalone JVM's port; each service passes its own default so one host can run them all. */
    public static final int STANDALONE_PORT = 9100;
    public static final int EDGE_PORT = 9101;
    public static final int DEVICE_LOCATOR_PORT = 9102;
    public static final int PUSH_SERVICE_PORT = 9103;
    public static final int MEDIA_WORKER_PORT = 9104;

    public ObserveConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigException(BIND_ADDRESS + ": must be a host name or IP address, was '" + bindAddress + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(PORT + ": must be 0..65535, was " + port);
        }
    }

    /** Reads {@code observe.*} from {@code root}; {@code defaultPort} is the service's own default. */
    public static ObserveConfig from(Config root, int defaultPort) {
        String bind = root.get(BIND_ADDRESS).asString().orElse(DEFAULT_BIND_ADDRESS).trim();
        String port = root.get(PORT).asString().orElse(Integer.toString(defaultPort)).trim();
        try {
            return new ObserveConfig(bind, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new ConfigException(PORT + ": must be a whole number, was '" + port + "'");
        }
    }
}
