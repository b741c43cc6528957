package io.ringedge.push;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The push service's configuration, read once from Helidon Config and validated; every error names
 * its key. Durations are ISO-8601 ({@code PT5S}). Secrets are read at start-up (files included), so
 * a missing key file fails the start, not the first call. A provider whose section is absent is
 * "not configured": its pushes fail as values, the service still runs.
 *
 * @param attachUrl       {@code push.attach-url}: WSS URL a woken device attaches to (RFC 7118)
 * @param attachTokenKey  {@code push.attach-token-key}: base64 HMAC key shared with the edges, at least 32 bytes
 * @param ringTimeout     {@code push.ring-timeout}: how long a call rings; push TTL, retry bound, token lifetime
 * @param sendTimeout     {@code push.send-timeout}: longest wait for one provider answer
 * @param retryBackoff    {@code push.retry-backoff}: wait before the first retry of a transient failure, doubled after each
 * @param retryBackoffMax {@code push.retry-backoff-max}: longest wait between retries
 * @param stateTtl        {@code push.state-ttl}: how long "pushed (call, device)" is remembered in Redis; must outlast redelivery
 */
public record PushConfig(URI attachUrl, byte[] attachTokenKey, Duration ringTimeout, Duration sendTimeout,
                         Duration retryBackoff, Duration retryBackoffMax, Duration stateTtl,
                         Optional<Apns> apns, Optional<Fcm> fcm) {

    public static final String ATTACH_URL = "push.attach-url";
    public static final String ATTACH_TOKEN_KEY = "push.attach-token-key";
    public static final String RING_TIMEOUT = "push.ring-timeout";
    public static final String SEND_TIMEOUT = "push.send-timeout";
    public static final String RETRY_BACKOFF = "push.retry-backoff";
    public static final String RETRY_BACKOFF_MAX = "push.retry-backoff-max";
    public static final String STATE_TTL = "push.state-ttl";

    public PushConfig {
        if (attachUrl == null || !("wss".equals(attachUrl.getScheme()) || "ws".equals(attachUrl.getScheme()))
                || attachUrl.getHost() == null) {
            throw new ConfigException(ATTACH_URL + ": must be a wss:// (or ws://) URL, was " + attachUrl);
        }
        if (attachTokenKey == null || attachTokenKey.length < AttachTokens.MIN_KEY_BYTES) {
            throw new ConfigException(ATTACH_TOKEN_KEY + ": must be base64 of at least " + AttachTokens.MIN_KEY_BYTES
                    + " random bytes");
        }
        attachTokenKey = attachTokenKey.clone();
        between(RING_TIMEOUT, ringTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        between(SEND_TIMEOUT, sendTimeout, Duration.ofMillis(10), Duration.ofMinutes(1));
        between(RETRY_BACKOFF, retryBackoff, Duration.ofMillis(1), Duration.ofMinutes(1));
        between(RETRY_BACKOFF_MAX, retryBackoffMax, retryBackoff, Duration.ofMinutes(1));
        between(STATE_TTL, stateTtl, ringTimeout, Duration.ofDays(7));
        Objects.requireNonNull(apns, "apns");
        Objects.requireNonNull(fcm, "fcm");
    }

    @Override
    public byte[] attachTokenKey() {
        return attachTokenKey.clone();
    }

    /** Every key under {@code push}; anything else there is a typo and is refused. */
    private static final Set<String> KEYS = Set.of(ATTACH_URL, ATTACH_TOKEN_KEY, RING_TIMEOUT, SEND_TIMEOUT,
            RETRY_BACKOFF, RETRY_BACKOFF_MAX, STATE_TTL, Apns.ENVIRONMENT, Apns.TEAM_ID, Apns.KEY_ID, Apns.KEY_FILE,
            Apns.KEY_SECRET, Apns.CERTIFICATE_FILE, Apns.CERTIFICATE_PASSWORD, Apns.TRUSTED_CERTIFICATE_FILE,
            Fcm.PROJECT_ID, Fcm.CREDENTIALS_FILE, Fcm.CREDENTIALS_SECRET, Fcm.ENDPOINT);

    /** Reads the {@code push.*} keys from the root of {@code root}; missing optional keys take their defaults. */
    public static PushConfig from(Config root) {
        root.get("push").traverse().filter(Config::isLeaf).map(node -> node.key().toString())
                .filter(key -> !KEYS.contains(key)).sorted().findFirst().ifPresent(unknown -> {
                    // a misspelt key would otherwise be silently ignored, e.g. a provider left unconfigured
                    throw new ConfigException(unknown + ": unknown key");
                });
        return new PushConfig(
                uri(root.get(ATTACH_URL), null),
                base64(root.get(ATTACH_TOKEN_KEY)),
                duration(root.get(RING_TIMEOUT), "PT30S"),
                duration(root.get(SEND_TIMEOUT), "PT5S"),
                duration(root.get(RETRY_BACKOFF), "PT0.2S"),
                duration(root.get(RETRY_BACKOFF_MAX), "PT2S"),
                duration(root.get(STATE_TTL), "PT1H"),
                Apns.from(root),
                Fcm.from(root));
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "PushConfig[attachUrl=" + attachUrl + ", ringTimeout=" + ringTimeout + ", sendTimeout=" + sendTimeout
                + ", retryBackoff=" + retryBackoff + ", retryBackoffMax=" + retryBackoffMax + ", stateTtl=" + stateTtl
                + ", apns=" + apns.map(Apns::toString).orElse("not configured")
                + ", fcm=" + fcm.map(Fcm::toString).orElse("not configured") + "]";
    }

    /**
     * APNs ({@code push.apns.*}).
     *
     * @param host                 {@code push.apns.environment}: {@code production}, {@code sandbox} or {@code host:port}
     * @param auth                 token (.p8) or certificate (.p12) authentication
     * @param trustedServerCertPem {@code push.apns.trusted-certificate-file}: PEM of the CA the server is checked
     *                             against instead of the JDK's (a local APNs stand-in); empty for Apple's servers
     */
    public record Apns(String host, int port, ApnsAuth auth, Optional<String> trustedServerCertPem) {

        public static final String ENVIRONMENT = "push.apns.environment";
        public static final String TEAM_ID = "push.apns.team-id";
        public static final String KEY_ID = "push.apns.key-id";
        public static final String KEY_FILE = "push.apns.key-file";
        public static final String KEY_SECRET = "push.apns.key-secret";
        public static final String CERTIFICATE_FILE = "push.apns.certificate-file";
        public static final String CERTIFICATE_PASSWORD = "push.apns.certificate-password";
        public static final String TRUSTED_CERTIFICATE_FILE = "push.apns.trusted-certificate-file";

        static Optional<Apns> from(Config root) {
            if (!root.get("push.apns").exists()) {
                return Optional.empty();
            }
            String environment = root.get(ENVIRONMENT).asString().orElse("production").trim();
            String host;
            int port;
            switch (environment) {
                // Apple's HTTP/2 provider API hosts (Pushy's constants), port 443
                case "production" -> { host = "api.push.apple.com"; port = 443; }
                case "sandbox" -> { host = "api.sandbox.push.apple.com"; port = 443; }
                default -> {
                    int colon = environment.lastIndexOf(':');
                    try {
                        host = environment.substring(0, Math.max(colon, 0));
                        port = Integer.parseInt(environment.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        port = -1;
                        host = "";
                    }
                    if (host.isEmpty() || port < 1 || port > 65535) {
                        throw new ConfigException(ENVIRONMENT + ": must be production, sandbox or host:port, was "
                                + environment);
                    }
                }
            }
            Optional<String> certificateFile = root.get(CERTIFICATE_FILE).asString().asOptional();
            ApnsAuth auth;
            if (certificateFile.isPresent()) {
                if (root.get(KEY_ID).exists() || root.get(KEY_FILE).exists() || root.get(KEY_SECRET).exists()) {
                    throw new ConfigException(CERTIFICATE_FILE + ": give either a certificate or a signing key "
                            + "(" + KEY_ID + ", " + KEY_FILE + "/" + KEY_SECRET + "), not both");
                }
                auth = new ApnsAuth.Certificate(Path.of(certificateFile.get().trim()),
                        root.get(CERTIFICATE_PASSWORD).asString().orElse(""));
                if (!Files.isReadable(((ApnsAuth.Certificate) auth).p12File())) {
                    throw new ConfigException(CERTIFICATE_FILE + ": cannot read " + certificateFile.get());
                }
            } else {
                auth = new ApnsAuth.Token(required(root.get(TEAM_ID)), required(root.get(KEY_ID)),
                        secret(root, KEY_FILE, KEY_SECRET));
            }
            Optional<String> trusted = root.get(TRUSTED_CERTIFICATE_FILE).asString().asOptional()
                    .map(file -> read(TRUSTED_CERTIFICATE_FILE, file));
            return Optional.of(new Apns(host, port, auth, trusted));
        }

        @Override
        public String toString() {
            return "Apns[" + host + ":" + port + ", " + auth + "]";
        }
    }

    /** How the push service proves itself to APNs. */
    public sealed interface ApnsAuth {
        /**
         * Provider token auth: a JWT signed with the .p8 key (ES256).
         *
         * @param keyPem {@code push.apns.key-file} content or {@code push.apns.key-secret}: PKCS#8 PEM
         */
        record Token(String teamId, String keyId, String keyPem) implements ApnsAuth {
            @Override
            public String toString() {
                return "Token[teamId=" + teamId + ", keyId=" + keyId + "]";
            }
        }

        /** TLS client certificate auth with a .p12 file. */
        record Certificate(Path p12File, String password) implements ApnsAuth {
            @Override
            public String toString() {
                return "Certificate[" + p12File + "]";
            }
        }
    }

    /**
     * FCM HTTP v1 ({@code push.fcm.*}), used for {@code fcm} and {@code webpush} handles.
     *
     * @param projectId       {@code push.fcm.project-id}: the Firebase project
     * @param credentialsJson {@code push.fcm.credentials-file} content or {@code push.fcm.credentials-secret}:
     *                        service-account JSON; may be absent only with an endpoint (a local stand-in needs no OAuth)
     * @param endpoint        {@code push.fcm.endpoint}: base URL replacing {@code https://fcm.googleapis.com}
     */
    public record Fcm(String projectId, Optional<String> credentialsJson, Optional<URI> endpoint) {

        public static final String PROJECT_ID = "push.fcm.project-id";
        public static final String CREDENTIALS_FILE = "push.fcm.credentials-file";
        public static final String CREDENTIALS_SECRET = "push.fcm.credentials-secret";
        public static final String ENDPOINT = "push.fcm.endpoint";

        public Fcm {
            if (projectId == null || !projectId.matches("[a-z0-9-]{1,64}")) {
                throw new ConfigException(PROJECT_ID + ": must be a Firebase project id ([a-z0-9-]), was " + projectId);
            }
            if (endpoint.isPresent() && !(("http".equals(endpoint.get().getScheme())
                    || "https".equals(endpoint.get().getScheme())) && endpoint.get().getHost() != null)) {
                throw new ConfigException(ENDPOINT + ": must be an http(s):// URL, was " + endpoint.get());
            }
            if (credentialsJson.isEmpty() && endpoint.isEmpty()) {
                throw new ConfigException(CREDENTIALS_FILE + ": required (or " + CREDENTIALS_SECRET + ")");
            }
        }

        static Optional<Fcm> from(Config root) {
            if (!root.get("push.fcm").exists()) {
                return Optional.empty();
            }
            boolean hasCredentials = root.get(CREDENTIALS_FILE).exists() || root.get(CREDENTIALS_SECRET).exists();
            return Optional.of(new Fcm(
                    root.get(PROJECT_ID).asString().map(String::trim).orElse(null),
                    hasCredentials ? Optional.of(secret(root, CREDENTIALS_FILE, CREDENTIALS_SECRET)) : Optional.empty(),
                    root.get(ENDPOINT).exists() ? Optional.of(uri(root.get(ENDPOINT), null)) : Optional.empty()));
        }

        @Override
        public String toString() {
            return "Fcm[projectId=" + projectId + endpoint.map(e -> ", endpoint=" + e).orElse("") + "]";
        }
    }

    private static String required(Config node) {
        return node.asString().map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new ConfigException(node.key() + ": required"));
    }

    /** Exactly one of a file key and an inline-secret key; the content either way. */
    private static String secret(Config root, String fileKey, String secretKey) {
        Optional<String> file = root.get(fileKey).asString().asOptional();
        Optional<String> inline = root.get(secretKey).asString().asOptional();
        if (file.isPresent() == inline.isPresent()) {
            throw new ConfigException(fileKey + ": give exactly one of " + fileKey + " and " + secretKey);
        }
        return file.map(f -> read(fileKey, f)).orElseGet(inline::get);
    }

    private static String read(String key, String file) {
        try {
            return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static URI uri(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        if (text == null) {
            throw new ConfigException(node.key() + ": required");
        }
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.key() + ": not a valid URI, was " + text);
        }
    }

    private static byte[] base64(Config node) {
        String text = node.asString().orElseThrow(() -> new ConfigException(node.key() + ": required"));
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            // the text is a secret: say where, not what
            throw new ConfigException(node.key() + ": must be base64");
        }
    }

    private static Duration duration(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(node.key() + ": must be an ISO-8601 duration such as PT5S, was " + text);
        }
    }

    private static void between(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", was " + value);
        }
    }
}
