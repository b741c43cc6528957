package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.transcode.MediaSettings;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A media worker's configuration, read once from Helidon Config and validated; every error names
 * its key. Durations are ISO-8601 ({@code PT30S}); addresses are IP literals (a name would be
 * resolved once at start-up and could silently go stale).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code media.worker-id}</td><td>(required)</td>
 *       <td>this worker's id in the registry, unique in the fleet: 1..64 of [A-Za-z0-9._-]</td></tr>
 *   <tr><td>{@code media.bind-address}</td><td>{@code 127.0.0.1}</td>
 *       <td>local IP the media sockets bind to ({@code 0.0.0.0} for all)</td></tr>
 *   <tr><td>{@code media.advertised-address}</td><td>the bind address, required when that is a wildcard</td>
 *       <td>IP put in SDP and ICE candidates: the public IP behind 1:1 NAT (an elastic IP)</td></tr>
 *   <tr><td>{@code media.pbx-port-range}</td><td>{@code 10000-19999}</td>
 *       <td>UDP ports toward PBXs, RTP on even and RTCP on the next odd port; starts even</td></tr>
 *   <tr><td>{@code media.device-port-range}</td><td>{@code 20000-39999}</td>
 *       <td>UDP ports toward devices, one per session (rtcp-mux, BUNDLE); must not overlap the PBX range</td></tr>
 *   <tr><td>{@code media.control.bind-address}</td><td>{@code 127.0.0.1}</td>
 *       <td>IP the HTTP control API binds to; it has no authentication, so keep it on loopback or a
 *       private network the edges share (never the public one)</td></tr>
 *   <tr><td>{@code media.control.port}</td><td>{@code 8090}</td>
 *       <td>TCP port of the HTTP control API (0: any free port)</td></tr>
 *   <tr><td>{@code media.control.url}</td>
 *       <td>{@code http://<control bind-address, or advertised-address if that is a wildcard>:<port>}</td>
 *       <td>URL the edges use to reach the control API, published in the registry</td></tr>
 *   <tr><td>{@code media.capacity}</td><td>{@code 500}</td>
 *       <td>most concurrent sessions; more get 503; at most the PBX pairs and device ports available</td></tr>
 *   <tr><td>{@code media.unanswered-session-timeout}</td><td>{@code PT2M}</td>
 *       <td>a session with no device answer this long after its creation is deleted (its edge gave up
 *       on it or went away); keep it above the longest {@code edge.call.ring-timeout-seconds} of the
 *       edges using this worker, 10 s..1 h</td></tr>
 *   <tr><td>{@code media.registry.ttl-seconds}</td><td>{@code 10}</td>
 *       <td>lifetime of this worker's registry entry; refreshed every third of it</td></tr>
 *   <tr><td>{@code media.ice-connect-timeout}</td><td>{@code PT30S}</td>
 *       <td>how long ICE checks may run without a nominated pair before the leg fails</td></tr>
 *   <tr><td>{@code media.consent-interval}</td><td>{@code PT5S}</td>
 *       <td>mean gap between consent checks (RFC 7675 §5.1), randomised ±20%</td></tr>
 *   <tr><td>{@code media.consent-timeout}</td><td>{@code PT30S}</td>
 *       <td>silence after which consent is lost and the call ends (RFC 7675 §5.1)</td></tr>
 *   <tr><td>{@code media.dtls-handshake-timeout}</td><td>{@code PT10S}</td>
 *       <td>how long a DTLS handshake may take once ICE has connected</td></tr>
 *   <tr><td>{@code media.media-timeout}</td><td>{@code PT30S}</td>
 *       <td>no RTP from a leg for this long (once media is up) ends the session with a cause</td></tr>
 *   <tr><td>{@code media.io-threads}</td><td>the number of cores</td>
 *       <td>media I/O threads, each serving its share of the sessions (both legs, ICE, DTLS-SRTP,
 *       transcoding) from one selector; 1..256</td></tr>
 *   <tr><td>{@code media.rtcp-interval}</td><td>{@code PT5S}</td>
 *       <td>minimum interval between our RTCP reports on each leg (RFC 3550 §6.2), randomised per §6.3.1;
 *       the first report comes after about half of it</td></tr>
 *   <tr><td>{@code media.opus.complexity}</td><td>{@code 3}</td>
 *       <td>Opus encoder complexity 0..10 on transcoded calls: the encoder is most of a transcoded
 *       call's CPU (see {@link OpusSettings} for the measured costs)</td></tr>
 *   <tr><td>{@code media.opus.bitrate}</td><td>{@code 24000}</td><td>Opus target bit rate, 6000..510000 bit/s</td></tr>
 *   <tr><td>{@code media.opus.inband-fec}</td><td>{@code true}</td><td>in-band FEC (RFC 6716 §2.1.7)</td></tr>
 *   <tr><td>{@code media.opus.dtx}</td><td>{@code true}</td><td>discontinuous transmission in silence</td></tr>
 *   <tr><td>{@code media.opus.expected-loss-percent}</td><td>{@code 10}</td><td>loss the encoder plans FEC for, 0..100</td></tr>
 *   <tr><td>{@code media.jitter.min-delay-ms}, {@code media.jitter.max-delay-ms}</td><td>{@code 40}, {@code 200}</td>
 *       <td>bounds of the adaptive jitter buffer on the transcoding path, multiples of 20</td></tr>
 *   <tr><td>{@code redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td><td>Redis holding the registry</td></tr>
 *   <tr><td>{@code redis.cluster}</td><td>{@code false}</td><td>{@code true}: Redis runs in cluster mode</td></tr>
 *   <tr><td>{@code redis.key-prefix}</td><td>{@code ringedge}</td><td>first part of every registry key</td></tr>
 * </table>
 */
public record MediaConfig(String workerId, InetAddress bindAddress, InetAddress advertisedAddress,
                          PortRange pbxPortRange, PortRange devicePortRange, InetAddress controlBindAddress,
                          int controlPort, Optional<URI> controlUrl, int capacity, Duration unansweredSessionTimeout,
                          Duration registryTtl,
                          Duration iceConnectTimeout, Duration consentInterval, Duration consentTimeout,
                          Duration dtlsHandshakeTimeout, Duration mediaTimeout, Duration rtcpInterval,
                          int ioThreads, MediaSettings media, URI redisUri, boolean redisCluster, String redisKeyPrefix) {

    public static final String WORKER_ID = "media.worker-id";
    public static final String BIND_ADDRESS = "media.bind-address";
    public static final String ADVERTISED_ADDRESS = "media.advertised-address";
    public static final String PBX_PORT_RANGE = "media.pbx-port-range";
    public static final String DEVICE_PORT_RANGE = "media.device-port-range";
    public static final String CONTROL_BIND_ADDRESS = "media.control.bind-address";
    public static final String CONTROL_PORT = "media.control.port";
    public static final String CONTROL_URL = "media.control.url";
    public static final String CAPACITY = "media.capacity";
    public static final String UNANSWERED_SESSION_TIMEOUT = "media.unanswered-session-timeout";
    public static final String REGISTRY_TTL_SECONDS = "media.registry.ttl-seconds";
    public static final String ICE_CONNECT_TIMEOUT = "media.ice-connect-timeout";
    public static final String CONSENT_INTERVAL = "media.consent-interval";
    public static final String CONSENT_TIMEOUT = "media.consent-timeout";
    public static final String DTLS_HANDSHAKE_TIMEOUT = "media.dtls-handshake-timeout";
    public static final String MEDIA_TIMEOUT = "media.media-timeout";
    public static final String RTCP_INTERVAL = "media.rtcp-interval";
    public static final String IO_THREADS = "media.io-threads";
    public static final String OPUS_COMPLEXITY = "media.opus.complexity";
    public static final String OPUS_BITRATE = "media.opus.bitrate";
    public static final String OPUS_INBAND_FEC = "media.opus.inband-fec";
    public static final String OPUS_DTX = "media.opus.dtx";
    public static final String OPUS_EXPECTED_LOSS_PERCENT = "media.opus.expected-loss-percent";
    public static final String JITTER_MIN_DELAY_MS = "media.jitter.min-delay-ms";
    public static final String JITTER_MAX_DELAY_MS = "media.jitter.max-delay-ms";
    public static final String REDIS_URI = "redis.uri";
    public static final String REDIS_KEY_PREFIX = "redis.key-prefix";
    public static final String REDIS_CLUSTER = "redis.cluster";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public MediaConfig {
        if (workerId == null || !ID.matcher(workerId).matches()) {
            throw new ConfigException(WORKER_ID + ": must be 1..64 of [A-Za-z0-9._-], was " + workerId);
        }
        if (bindAddress == null) {
            throw new ConfigException(BIND_ADDRESS + ": missing");
        }
        if (advertisedAddress == null || advertisedAddress.isAnyLocalAddress()) {
            throw new ConfigException(ADVERTISED_ADDRESS + ": must be a concrete IP address that peers can reach, was "
                    + (advertisedAddress == null ? "nothing" : advertisedAddress.getHostAddress())
                    + (bindAddress.isAnyLocalAddress() ? " (required when " + BIND_ADDRESS + " is a wildcard)" : ""));
        }
        validatePorts(pbxPortRange, devicePortRange, controlPort);
        controlUrl.ifPresent(url -> {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new ConfigException(CONTROL_URL + ": must be http://host:port or https://host:port, was " + url);
            }
        });
        validateCapacity(capacity, pbxPortRange, devicePortRange);
        // a call rings at most 600 s (edge.call.ring-timeout-seconds); an hour bounds a typo
        requireBetween(UNANSWERED_SESSION_TIMEOUT, unansweredSessionTimeout, Duration.ofSeconds(10), Duration.ofHours(1));
        if (registryTtl.compareTo(Duration.ofSeconds(2)) < 0 || registryTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(REGISTRY_TTL_SECONDS + ": must be 2..3600, was " + registryTtl.toSeconds());
        }
        requireBetween(ICE_CONNECT_TIMEOUT, iceConnectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
        requireBetween(CONSENT_INTERVAL, consentInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
        requireBetween(CONSENT_TIMEOUT, consentTimeout, Duration.ofMillis(50), Duration.ofMinutes(5));
        if (consentTimeout.compareTo(consentInterval.multipliedBy(2)) < 0) {
            throw new ConfigException(CONSENT_TIMEOUT + ": must be at least twice " + CONSENT_INTERVAL + " ("
                    + consentInterval + "), was " + consentTimeout + "; one lost check would end calls");
        }
        requireBetween(DTLS_HANDSHAKE_TIMEOUT, dtlsHandshakeTimeout, Duration.ofSeconds(1), Duration.ofMinutes(1));
        // below 100 ms a single late packet would end a call; above an hour nobody notices dead media
        requireBetween(MEDIA_TIMEOUT, mediaTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        // RFC 3550 §6.2 recommends 5 s; shorter suits tests and small links (its 360/kbps reduced
        // minimum), longer than a minute would leave RTT and MOS stale for most of a call
        requireBetween(RTCP_INTERVAL, rtcpInterval, Duration.ofMillis(100), Duration.ofMinutes(1));
        // more threads than cores only adds switches; 256 bounds a typo, not a real machine
        if (ioThreads < 1 || ioThreads > 256) {
            throw new ConfigException(IO_THREADS + ": must be 1..256, was " + ioThreads);
        }
        if (media == null) {
            throw new ConfigException("media.opus, media.jitter: missing");
        }
        if (redisUri == null || !("redis".equals(redisUri.getScheme()) || "rediss".equals(redisUri.getScheme()))
                || redisUri.getHost() == null) {
            throw new ConfigException(REDIS_URI + ": must be redis://host:port or rediss://host:port");
        }
        if (redisKeyPrefix == null || !ID.matcher(redisKeyPrefix).matches()) {
            throw new ConfigException(REDIS_KEY_PREFIX + ": must be 1..64 of [A-Za-z0-9._-], was " + redisKeyPrefix);
        }
    }

    /** Reads the keys from the root of {@code config}; missing keys take their defaults. */
    public static MediaConfig from(Config config) {
        InetAddress bind = ConfigValues.address(config.get(BIND_ADDRESS), "127.0.0.1");
        Config advertised = config.get(ADVERTISED_ADDRESS);
        if (!advertised.exists() && bind.isAnyLocalAddress()) {
            throw new ConfigException(ADVERTISED_ADDRESS + ": required when " + BIND_ADDRESS + " is "
                    + bind.getHostAddress() + " (the address to put in SDP and ICE candidates)");
        }
        Config url = config.get(CONTROL_URL);
        return new MediaConfig(
                config.get(WORKER_ID).asString().orElseThrow(() -> new ConfigException(WORKER_ID + ": required")),
                bind, ConfigValues.address(advertised, bind.getHostAddress()),
                ConfigValues.portRange(config.get(PBX_PORT_RANGE), "10000-19999"),
                ConfigValues.portRange(config.get(DEVICE_PORT_RANGE), "20000-39999"),
                ConfigValues.address(config.get(CONTROL_BIND_ADDRESS), "127.0.0.1"),
                ConfigValues.integer(config.get(CONTROL_PORT), 8090),
                url.exists() ? Optional.of(ConfigValues.uri(url, null)) : Optional.empty(),
                ConfigValues.integer(config.get(CAPACITY), 500),
                ConfigValues.duration(config.get(UNANSWERED_SESSION_TIMEOUT), "PT2M"),
                Duration.ofSeconds(ConfigValues.integer(config.get(REGISTRY_TTL_SECONDS), 10)),
                ConfigValues.duration(config.get(ICE_CONNECT_TIMEOUT), "PT30S"),
                ConfigValues.duration(config.get(CONSENT_INTERVAL), "PT5S"),
                ConfigValues.duration(config.get(CONSENT_TIMEOUT), "PT30S"),
                ConfigValues.duration(config.get(DTLS_HANDSHAKE_TIMEOUT), "PT10S"),
                ConfigValues.duration(config.get(MEDIA_TIMEOUT), "PT30S"),
                ConfigValues.duration(config.get(RTCP_INTERVAL), "PT5S"),
                ConfigValues.integer(config.get(IO_THREADS), Runtime.getRuntime().availableProcessors()),
                mediaSettings(config),
                ConfigValues.uri(config.get(REDIS_URI), "redis://127.0.0.1:6379"),
                config.get(REDIS_CLUSTER).asBoolean().orElse(false),
                config.get(REDIS_KEY_PREFIX).asString().orElse("ringedge"));
    }

    /** The transcoding choices ({@code media.opus.*}, {@code media.jitter.*}); each error names its key. */
    private static MediaSettings mediaSettings(Config config) {
        OpusSettings dflt = MediaSettings.DEFAULT.opus();
        try {
            OpusSettings opus = new OpusSettings(dflt.sampleRate(),
                    ConfigValues.integer(config.get(OPUS_COMPLEXITY), dflt.complexity()),
                    ConfigValues.integer(config.get(OPUS_BITRATE), dflt.bitrate()),
                    config.get(OPUS_INBAND_FEC).asBoolean().orElse(dflt.inbandFec()),
                    config.get(OPUS_DTX).asBoolean().orElse(dflt.dtx()),
                    ConfigValues.integer(config.get(OPUS_EXPECTED_LOSS_PERCENT), dflt.expectedLossPercent()));
            return new MediaSettings(opus,
                    ConfigValues.integer(config.get(JITTER_MIN_DELAY_MS), MediaSettings.DEFAULT.jitterMinDelayMs()),
                    ConfigValues.integer(config.get(JITTER_MAX_DELAY_MS), MediaSettings.DEFAULT.jitterMaxDelayMs()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The control URL edges use: the configured one, else the control bind address (the advertised
     * address when that is a wildcard) and the bound port.
     */
    public URI controlUrl(int boundPort) {
        InetAddress host = controlBindAddress.isAnyLocalAddress() ? advertisedAddress : controlBindAddress;
        String literal = host.getHostAddress();
        String authority = literal.contains(":") ? "[" + literal + "]" : literal;
        return controlUrl.orElseGet(() -> URI.create("http://" + authority + ":" + boundPort));
    }

    /** Without the password {@code redis.uri} may carry, for logs. */
    @Override
    public String toString() {
        return "MediaConfig[workerId=" + workerId + ", bindAddress=" + bindAddress.getHostAddress()
                + ", advertisedAddress=" + advertisedAddress.getHostAddress() + ", pbxPortRange=" + pbxPortRange
                + ", devicePortRange=" + devicePortRange + ", controlBindAddress=" + controlBindAddress.getHostAddress()
                + ", controlPort=" + controlPort + ", controlUrl=" + controlUrl.map(URI::toString).orElse("(derived)")
                + ", capacity=" + capacity + ", registryTtl=" + registryTtl + ", iceConnectTimeout=" + iceConnectTimeout
                + ", consentInterval=" + consentInterval + ", consentTimeout=" + consentTimeout
                + ", dtlsHandshakeTimeout=" + dtlsHandshakeTimeout + ", mediaTimeout=" + mediaTimeout
                + ", rtcpInterval=" + rtcpInterval + ", ioThreads=" + ioThreads + ", media=" + media
                + ", redis=" + redisUri.getHost() + ":" + redisUri.getPort() + "]";
    }

    private static void validatePorts(PortRange pbx, PortRange device, int controlPort) {
        if (pbx == null || device == null) {
            throw new ConfigException((pbx == null ? PBX_PORT_RANGE : DEVICE_PORT_RANGE) + ": missing");
        }
        // RFC 3550 §11: RTP on an even port, RTCP on the next (odd) one
        if (pbx.first() % 2 != 0) {
            throw new ConfigException(PBX_PORT_RANGE + ": must start on an even port (RTP even, RTCP odd: "
                    + "RFC 3550 §11), was " + pbx);
        }
        if (pbx.pairs() < 1) {
            throw new ConfigException(PBX_PORT_RANGE + ": must hold at least one RTP/RTCP pair, was " + pbx);
        }
        if (pbx.overlaps(device)) {
            throw new ConfigException(DEVICE_PORT_RANGE + ": must not overlap " + PBX_PORT_RANGE + " ("
                    + device + " and " + pbx + ")");
        }
        if (controlPort < 0 || controlPort > 65535) {
            throw new ConfigException(CONTROL_PORT + ": must be 0..65535, was " + controlPort);
        }
        if (pbx.contains(controlPort) || device.contains(controlPort)) {
            throw new ConfigException(CONTROL_PORT + ": " + controlPort + " lies inside a media port range");
        }
    }

    private static void validateCapacity(int capacity, PortRange pbx, PortRange device) {
        if (capacity < 1) {
            throw new ConfigException(CAPACITY + ": must be at least 1, was " + capacity);
        }
        if (capacity > pbx.pairs()) {
            throw new ConfigException(CAPACITY + ": " + capacity + " sessions need more RTP/RTCP pairs than the "
                    + pbx.pairs() + " in " + PBX_PORT_RANGE + " " + pbx);
        }
        if (capacity > device.size()) {
            throw new ConfigException(CAPACITY + ": " + capacity + " sessions need more ports than the "
                    + device.size() + " in " + DEVICE_PORT_RANGE + " " + device);
        }
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Typed reads of single keys; every error names the key. */
    private static final class ConfigValues {
        private ConfigValues() {
        }

        static InetAddress address(Config node, String fallback) {
            String text = node.asString().orElse(fallback).strip();
            return IpLiteral.parse(text).orElseThrow(() ->
                    new ConfigException(node.key() + ": must be an IPv4 or IPv6 literal, was " + text));
        }

        static PortRange portRange(Config node, String fallback) {
            String text = node.asString().orElse(fallback).strip();
            String[] parts = text.split("\\s*-\\s*", -1);
            if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("\\d{1,5}")) {
                throw new ConfigException(node.key() + ": must be <first>-<last>, e.g. 10000-19999, was " + text);
            }
            int first = Integer.parseInt(parts[0]);
            int last = Integer.parseInt(parts[1]);
            if (first < 1024 || last < 1024 || first > 65535 || last > 65535) {
                throw new ConfigException(node.key() + ": ports must be 1024..65535, was " + text);
            }
            if (first > last) {
                throw new ConfigException(node.key() + ": first port must not exceed the last, was " + text);
            }
            return new PortRange(first, last);
        }

        static int integer(Config node, int fallback) {
            String text = node.asString().orElse(Integer.toString(fallback)).strip();
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(node.key() + ": must be an integer, was " + text);
            }
        }

        static Duration duration(Config node, String fallback) {
            String text = node.asString().orElse(fallback);
            try {
                return Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new ConfigException(node.key() + ": must be an ISO-8601 duration such as PT30S, was " + text);
            }
        }

        static URI uri(Config node, String fallback) {
            String text = node.asString().orElse(fallback);
            try {
                return URI.create(text.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(node.key() + ": not a valid URI"); // may hold a password: not echoed
            }
        }
    }
}
