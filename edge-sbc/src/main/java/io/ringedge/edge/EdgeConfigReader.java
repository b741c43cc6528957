package io.ringedge.edge;

import io.helidon.config.Config;
import io.ringedge.edge.connection.CallLimits;
import io.ringedge.edge.connection.Cidr;
import io.ringedge.edge.connection.Connection;
import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.connection.DidPattern;
import io.ringedge.edge.connection.DidRoute;
import io.ringedge.edge.token.PemKeys;
import io.ringedge.edge.token.TokenKey;
import io.ringedge.push.AttachTokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@link EdgeConfig}, collecting every problem with the key it concerns. */
final class EdgeConfigReader {

    private final Config edge;
    /** The Redis every service shares ({@code redis.uri}): the node registry's default. */
    private final List<String> errors = new ArrayList<>();

    EdgeConfigReader(Config root) {
        this.edge = root.get("edge");
    }

    EdgeConfig read() {
        String nodeId = string("node-id", "edge-1");
        EdgeConfig.Sip sip = sip();
        EdgeConfig.Http http = new EdgeConfig.Http(port("http.port", 8088), requiredString("http.admin-api-key"),
                optionalString("http.ws-url"));
        EdgeConfig.Token token = token();
        EdgeConfig.Registrar registrar = registrar();
        Duration ringTimeout = Duration.ofSeconds(intIn("call.ring-timeout-seconds", 45, 1, 600));
        EdgeConfig.Cluster cluster = new EdgeConfig.Cluster(
                Duration.ofSeconds(intIn("cluster.node-ttl-seconds", 30, 3, 3600)));
        ConnectionTable connections = connections();
        int maxCallsInSetup = intIn("call.max-calls-in-setup", 500, 1, 1_000_000);
        Optional<EdgeConfig.AttachKey> attachKey = optionalString("attach-token-key")
                .map(k -> parse("attach-token-key", k, EdgeConfigReader::attachKey));
        EdgeConfig.Media media = new EdgeConfig.Media(
                Duration.ofMillis(intIn("media.connect-timeout-ms", 500, 10, 60_000)),
                Duration.ofMillis(intIn("media.request-timeout-ms", 2000, 50, 60_000)),
                Duration.ofMillis(intIn("media.worker-check-interval-ms", 2000, 100, 600_000)),
                Duration.ofMillis(intIn("media.worker-list-max-age-ms", 250, 0, 10_000)));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid edge configuration:\n  " + String.join("\n  ", errors));
        }
        return new EdgeConfig(nodeId, sip, http, token, registrar, ringTimeout, cluster, connections, maxCallsInSetup,
                attachKey, media);
    }

    private EdgeConfig.Sip sip() {
        String bind = string("sip.bind-address", "127.0.0.1");
        String advertised = string("sip.advertised-address", bind);
        Optional<EdgeConfig.Tls> tls = optionalString("sip.tls.key-store").map(path -> {
            if (!Files.isReadable(Path.of(path))) {
                errors.add(key("sip.tls.key-store") + ": file not readable: " + path);
            }
            return new EdgeConfig.Tls(Path.of(path), requiredString("sip.tls.key-store-password"),
                    string("sip.tls.key-store-type", "PKCS12"), port("sip.tls-port", 5061), port("sip.wss-port", 8443));
        });
        return new EdgeConfig.Sip(bind, advertised, port("sip.udp-port", 5060), port("sip.tcp-port", 5060),
                port("sip.ws-port", 5066), port("sip.internal-port", 5070), tls,
                intIn("sip.max-message-size", 65_535, 1_024, 1_048_576), intIn("sip.thread-pool-size", 8, 1, 256));
    }

    private EdgeConfig.Token token() {
        Optional<String> secret = optionalString("token.hmac-secret");
        Optional<String> ecPublic = optionalString("token.ec-public-key");
        Duration maxLifetime = Duration.ofSeconds(intIn("token.max-lifetime-seconds", 300, 10, 86_400));
        Duration skew = Duration.ofSeconds(intIn("token.clock-skew-seconds", 30, 0, 300));
        TokenKey key = null;
        if (secret.isPresent() == ecPublic.isPresent()) {
            errors.add(key("token.hmac-secret") + " / " + key("token.ec-public-key")
                    + ": set exactly one (HS256 secret or ES256 public key)");
        } else if (secret.isPresent()) {
            key = parse("token.hmac-secret", secret.get(), s -> new TokenKey.Hmac(s.getBytes(StandardCharsets.UTF_8)));
        } else {
            var publicKey = parse("token.ec-public-key", ecPublic.get(), PemKeys::ecPublicKey);
            var privateKey = optionalString("token.ec-private-key")
                    .map(p -> parse("token.ec-private-key", p, PemKeys::ecPrivateKey));
            if (publicKey != null) {
                key = new TokenKey.EcP256(publicKey, privateKey);
            }
        }
        return new EdgeConfig.Token(key, maxLifetime, skew);
    }

    private EdgeConfig.Registrar registrar() {
        int min = intIn("registrar.min-expires", 60, 1, 86_400);
        int max = intIn("registrar.max-expires", 3600, 1, 86_400);
        int dflt = intIn("registrar.default-expires", 600, 1, 86_400);
        if (min > max) {
            errors.add(key("registrar.min-expires") + ": must not exceed registrar.max-expires (" + max + "), was " + min);
        }
        if (dflt < min || dflt > max) {
            errors.add(key("registrar.default-expires") + ": must be within min-expires..max-expires, was " + dflt);
        }
        return new EdgeConfig.Registrar(min, max, dflt);
    }

    private ConnectionTable connections() {
        List<Connection> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Config> nodes = edge.get("connections").asNodeList().orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            Config c = nodes.get(i);
            String at = "connections." + i;
            String id = c.get("id").asString().orElse("");
            String tenant = c.get("tenant").asString().orElse("");
            if (id.isBlank()) {
                errors.add(key(at + ".id") + ": required");
            } else if (!ids.add(id)) {
                errors.add(key(at + ".id") + ": duplicate connection id " + id);
            }
            if (tenant.isBlank()) {
                errors.add(key(at + ".tenant") + ": required");
            }
            List<Cidr> cidrs = new ArrayList<>();
            List<String> sources = c.get("allowed-sources").asList(String.class).orElse(List.of());
            if (sources.isEmpty()) {
                errors.add(key(at + ".allowed-sources") + ": at least one CIDR required (default deny)");
            }
            for (String s : sources) {
                Cidr cidr = parse(at + ".allowed-sources", s, Cidr::parse);
                if (cidr != null) {
                    cidrs.add(cidr);
                }
            }
            // a bad value is already an error above; zero keeps the rest of the checks going
            CallLimits limits = new CallLimits(
                    Math.max(0, intIn(c.get("max-calls-per-second"), at + ".max-calls-per-second", 0, 0, 100_000)),
                    Math.max(0, intIn(c.get("max-concurrent-calls"), at + ".max-concurrent-calls", 0, 0, 10_000_000)));
            out.add(new Connection(id, tenant, cidrs, routes(c.get("routes"), at + ".routes"), limits));
        }
        return new ConnectionTable(out);
    }

    private List<DidRoute> routes(Config routes, String at) {
        List<DidRoute> out = new ArrayList<>();
        List<Config> nodes = routes.asNodeList().orElse(List.of());
        for (int j = 0; j < nodes.size(); j++) {
            Config r = nodes.get(j);
            String here = at + "." + j;
            Optional<String> did = r.get("did").asString().asOptional();
            Optional<String> regex = r.get("regex").asString().asOptional();
            String user = r.get("user").asString().orElse("");
            if (user.isBlank()) {
                errors.add(key(here + ".user") + ": required");
            }
            if (did.isPresent() == regex.isPresent()) {
                errors.add(key(here) + ": set exactly one of 'did' (exact or prefix*) and 'regex'");
                continue;
            }
            DidPattern pattern = did.isPresent()
                    ? parse(here + ".did", did.get(), DidPattern::parse)
                    : parse(here + ".regex", regex.get(), x -> new DidPattern.Regex(compile(x)));
            if (pattern != null) {
                out.add(new DidRoute(pattern, user));
            }
        }
        return out;
    }

    private static EdgeConfig.AttachKey attachKey(String base64) {
        byte[] key;
        try {
            key = java.util.Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64");
        }
        if (key.length < AttachTokens.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("must be at least " + AttachTokens.MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        return new EdgeConfig.AttachKey(key);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription());
        }
    }

    private <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(key(key) + ": " + e.getMessage());
            return null;
        }
    }

    private String string(String key, String dflt) {
        return optionalString(key).orElse(dflt);
    }

    private Optional<String> optionalString(String key) {
        return edge.get(key).asString().asOptional().filter(s -> !s.isBlank());
    }

    private String requiredString(String key) {
        Optional<String> v = optionalString(key);
        if (v.isEmpty()) {
            errors.add(key(key) + ": required");
        }
        return v.orElse("");
    }

    private int port(String key, int dflt) {
        return intIn(key, dflt, 0, 65_535);
    }

    private int intIn(String key, int dflt, int min, int max) {
        return intIn(edge.get(key), key, dflt, min, max);
    }

    /** {@code node}'s integer; {@code key} (under {@code edge.}) names it in errors. */
    private int intIn(Config node, String key, int dflt, int min, int max) {
        Optional<String> raw = node.asString().asOptional().filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.get().strip());
            if (v < min || v > max) {
                errors.add(key(key) + ": must be " + min + ".." + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(key(key) + ": must be an integer, was '" + raw.get() + "'");
            return dflt;
        }
    }

    private static String key(String key) {
        return "edge." + key;
    }
}
