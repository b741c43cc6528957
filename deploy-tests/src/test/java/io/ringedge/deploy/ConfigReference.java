package io.ringedge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys the services really read, from two sources that must agree: the
 * reference (docs/configuration.md, every key in the first column of its tables) and the config
 * readers' source code (the key literals in each reader). Everything the deployment sets
 * (Terraform, compose, images) is checked against the reference.
 */
final class ConfigReference {

    /** Every config reader; a reader that moves must be named here again, or the test says so. */
    static final List<String> READERS = List.of(
            "call-events/src/main/java/io/ringedge/events/EventsConfig.java",
            "device-locator/src/main/java/io/ringedge/locator/LocatorConfig.java",
            "push-service/src/main/java/io/ringedge/push/PushConfig.java",
            "media-workers/src/main/java/io/ringedge/media/MediaConfig.java",
            "launcher/src/main/java/io/ringedge/launcher/EmbeddedConfig.java",
            "service-runtime/src/main/java/io/ringedge/runtime/observe/ObserveConfig.java");

    /** Reads {@code edge.*} relative to the {@code edge} node: {@code port("sip.udp-port", 5060)}. */
    static final String EDGE_READER = "edge-sbc/src/main/java/io/ringedge/edge/EdgeConfigReader.java";

    /**
     * Read by the code but deliberately not in the reference, with the reason. Nothing the
     * deployment sets may use them.
     */
    static final Map<String, String> UNDOCUMENTED = Map.of();

    /**
     * Keys the deployment already sets for code that is on its way (not yet on this branch), with
     * where they come from. Allowed while the code does not read them; once it does, they must
     * be in the reference like any other key.
     */
    static final Map<String, String> PENDING = Map.of();

    private static final String SECTIONS = "kafka|redis|locator|push|media|embedded|observe|edge";
    private static final Pattern FULL_KEY = Pattern.compile("\"((?:" + SECTIONS + ")\\.[a-z0-9][a-z0-9.-]*)\"");
    private static final Pattern EDGE_KEY = Pattern.compile(
            "\\b(?:string|port|requiredString|optionalString|intIn|parse|key)\\(\"([a-z0-9][a-z0-9.-]*)\"");
    private static final Pattern EDGE_NODE = Pattern.compile("\\bedge\\.get\\(\"([a-z0-9][a-z0-9.-]*)\"\\)");
    private static final Pattern DOC_ROW = Pattern.compile("^\\|([^|]*)\\|");
    private static final Pattern DOC_KEY = Pattern.compile("`((?:" + SECTIONS + ")\\.[a-z0-9][a-z0-9.-]*)`");

    private static Set<String> documented;
    private static Set<String> read;

    private ConfigReference() {
    }

    static Path repositoryRoot() {
        return TerraformTree.deployTestsDir().resolve("..").normalize();
    }

    /** The keys in docs/configuration.md's tables. */
    static synchronized Set<String> documented() {
        if (documented == null) {
            Set<String> keys = new TreeSet<>();
            for (String line : read(repositoryRoot().resolve("docs/configuration.md")).split("\n")) {
                Matcher row = DOC_ROW.matcher(line);
                if (row.find()) {
                    Matcher key = DOC_KEY.matcher(row.group(1));
                    while (key.find()) {
                        keys.add(key.group(1));
                    }
                }
            }
            documented = Collections.unmodifiableSet(keys);
        }
        return documented;
    }

    /** The keys the config readers name, leaves only (a section like {@code push.apns} is not a key). */
    static synchronized Set<String> readByCode() {
        if (read == null) {
            Set<String> keys = new TreeSet<>();
            for (String reader : READERS) {
                Matcher m = FULL_KEY.matcher(read(repositoryRoot().resolve(reader)));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
            String edge = read(repositoryRoot().resolve(EDGE_READER));
            for (Pattern p : List.of(EDGE_KEY, EDGE_NODE)) {
                Matcher m = p.matcher(edge);
                while (m.find()) {
                    keys.add("edge." + m.group(1));
                }
            }
            keys.removeIf(k -> keys.stream().anyMatch(other -> other.startsWith(k + ".")));
            read = Collections.unmodifiableSet(keys);
        }
        return read;
    }

    /** Whether a deployment may set {@code key}: it is documented, or pending and not yet read. */
    static boolean settable(String key) {
        String base = listBase(key);
        return documented().contains(base) || (PENDING.containsKey(base) && !readByCode().contains(base));
    }

    /** {@code edge.connections.0.id} is part of {@code edge.connections}, a documented list. */
    static String listBase(String key) {
        Matcher m = Pattern.compile("^(.*?)\\.\\d+(\\..*)?$").matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    /**
     * The config key an environment variable names, by Helidon's mapping ({@code _DASH_} is
     * {@code -}, {@code _} is {@code .}, lower case), or null when it names no documented key.
     */
    static String keyOfEnvironmentVariable(String name) {
        Map<String, String> aliases = io.helidon.config.EnvironmentVariables.expand(Map.of(name, "x"));
        Map<String, String> candidates = new HashMap<>(aliases);
        candidates.keySet().removeIf(k -> !settable(k));
        return candidates.isEmpty() ? null : candidates.keySet().iterator().next();
    }

    /** The environment variable Terraform and compose use for {@code key}. */
    static String environmentName(String key) {
        return key.replace("-", "_dash_").replace(".", "_").toUpperCase(Locale.ROOT);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
