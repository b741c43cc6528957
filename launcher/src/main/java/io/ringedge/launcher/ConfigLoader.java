package io.ringedge.launcher;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from, highest priority first: values the launcher itself decides
 * (the addresses of embedded Kafka and Redis), Java system properties, environment variables
 * ({@code EDGE_SIP_UDP_DASH_PORT} is {@code edge.sip.udp-port}, Helidon's mapping), the operator's
 * file ({@code --config}), and the defaults shipped in {@code ringedge-defaults.yaml}.
 */
public final class ConfigLoader {

    static final String DEFAULTS_RESOURCE = "ringedge-defaults.yaml";

    private ConfigLoader() {
    }

    /** The configuration for one run; {@code file} must exist when given. */
    public static Config load(Optional<Path> file, Map<String, String> overrides) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource();
        if (!overrides.isEmpty()) {
            builder.addSource(ConfigSources.create(overrides).build());
        }
        builder.addSource(ConfigSources.systemProperties().build());
        builder.addSource(ConfigSources.environmentVariables());
        file.ifPresent(f -> {
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException("--config: cannot read " + f.toAbsolutePath());
            }
            builder.addSource(ConfigSources.file(f).build());
        });
        builder.addSource(ConfigSources.classpath(DEFAULTS_RESOURCE).build());
        return builder.build();
    }
}
