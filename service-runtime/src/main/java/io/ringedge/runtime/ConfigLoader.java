package io.ringedge.runtime;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where every Ringedge process reads its configuration, highest priority first: values the
 * process itself decides (the launcher's embedded Kafka and Redis addresses), Java system
 * properties, environment variables ({@code EDGE_SIP_UDP_DASH_PORT} is {@code edge.sip.udp-port},
 * Helidon's mapping), the operator's file ({@code --config FILE}), and the defaults the process
 * ships on its classpath.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * The configuration for one run.
     *
     * @param defaultsResource classpath resource with the process's defaults (may be absent)
     * @param file             the operator's file; must be readable when given
     * @param overrides        values that beat every source
     */
    public static Config load(String defaultsResource, Optional<Path> file, Map<String, String> overrides) {
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
        builder.addSource(ConfigSources.classpath(defaultsResource).optional().build());
        return builder.build();
    }

    /** {@code base} with {@code overrides} on top, e.g. addresses known only once something started. */
    public static Config withOverrides(Config base, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides).build())
                .addSource(ConfigSources.create(base))
                .build();
    }
}
