package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A media worker's configuration, read once from Helidon Config and validated; every error names
 * its key.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code media.worker-id}</td><td>(required)</td>
 *       <td>this worker's id in the registry, unique in the fleet: 1..64 of [A-Za-z0-9._-]</td></tr>
 *   <tr><td>{@code media.bind-address}</td><td>{@code 0.0.0.0}</td>
 *       <td>local IP literal the media sockets and the control API bind to</td></tr>
 *   <tr><td>{@code media.advertised-address}</td><td>the bind address, required when that is a wildcard</td>
 *       <td>IP literal put in SDP and ICE candidates: the public IP behind 1:1 NAT (an elastic IP)</td></tr>
 *   <tr><td>{@code media.pbx-port-range}</td><td>{@code 10000-19999}</td>
 *       <td>UDP ports toward PBXs, RTP on even and RTCP on the next odd port; starts even</td></tr>
 *   <tr><td>{@code media.device-port-range}</td><td>{@code 20000-39999}</td>
 *       <td>UDP ports toward devices, one per session (rtcp-mux, BUNDLE); must not overlap the PBX range</td></tr>
 *   <tr><td>{@code media.control.bind-address}</td><td>{@code 127.0.0.1}</td>
 *       <td>IP literal the HTTP control API binds to; it has no authentication, so keep it on
 *       loopback or a private network the edges share (never the public one)</td></tr>
 *   <tr><td>{@code media.control.port}</td><td>{@code 8090}</td>
 *       <td>TCP port of the HTTP control API (0: any free port)</td></tr>
 *   <tr><td>{@code media.control.url}</td>
 *       <td>{@code http://<control bind-address, or advertised-address if that is a wildcard>:<port>}</td>
 *       <td>URL the edges use to reach the control API, published in the registry</td></tr>
 *   <tr><td>{@code media.capacity}</td><td>{@code 500}</td>
 *       <td>most concurrent sessions; more get 503; at most the PBX pairs and device ports available</td></tr>
 *   <tr><td>{@code media.registry.ttl-seconds}</td><td>{@code 10}</td>
 *       <td>lifetime of this worker's registry entry; refreshed every third of it, so a dead worker
 *       disappears within this time</td></tr>
 *   <tr><td>{@code media.dtls.certificate-file}</td><td>(none; {@code MediaWorkerMain} requires it)</td>
 *       <td>PEM X.509 certificate the worker's DTLS stack presents; offers carry its SHA-256
 *       fingerprint (RFC 8122 §5)</td></tr>
 *   <tr><td>{@code redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td><td>Redis holding the registry</td></tr>
 *   <tr><td>{@code redis.key-prefix}</td><td>{@code ringedge}</td><td>first part of every registry key</td></tr>
 * </table>
 */
public record MediaConfig(String workerId, InetAddress bindAddress, InetAddress advertisedAddress,
                          PortRange pbxPortRange, PortRange devicePortRange, InetAddress controlBindAddress,
                          int controlPort,
                          Optional<URI> controlUrl, int capacity, Duration registryTtl,
                          Optional<Path> dtlsCertificateFile, URI redisUri, String redisKeyPrefix) {

    public static final String WORKER_ID = "media.worker-id";
    public static final String BIND_ADDRESS = "media.bind-address";
    public static final String ADVERTISED_ADDRESS = "media.advertised-address";
    public static final String PBX_PORT_RANGE = "media.pbx-port-range";
    public static final String DEVICE_PORT_RANGE = "media.device-port-range";
    public static final String CONTROL_BIND_ADDRESS = "media.control.bind-address";
    public static final String CONTROL_PORT = "media.control.port";
    public static final String CONTROL_URL = "media.control.url";
    public static final String CAPACITY = "media.capacity";
    public static final String REGISTRY_TTL_SECONDS = "media.registry.ttl-seconds";
    public static final String DTLS_CERTIFICATE_FILE = "media.dtls.certificate-file";
    public static final String REDIS_URI = "redis.uri";
    public static final String REDIS_KEY_PREFIX = "redis.key-prefix";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern IP4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An inclusive range of UDP ports, written {@code first-last}. */
    public record PortRange(int first, int last) {

        public int size() {
            return last - first + 1;
        }

        public boolean overlaps(PortRange other) {
            return first <= other.last && other.first <= last;
        }

        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        /** RTP/RTCP pairs in the range: (even, even + 1), both inside it. */
        public int pairs() {
            return (last - first + 1) / 2;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    public MediaConfig {
        if (workerId == null || !ID.matcher(workerId).matches()) {
            throw new ConfigException(WORKER_ID + ": must be 1..64 of [A-Za-z0-9._-], was " + workerId);
        }
        if (advertisedAddress.isAnyLocalAddress()) {
            throw new ConfigException(ADVERTISED_ADDRESS + ": must be an address peers can reach, was "
                    + advertisedAddress.getHostAddress());
        }
        // RFC 3550 §11: RTP on an even port, RTCP on the next (odd) one
        if (pbxPortRange.first() % 2 != 0) {
            throw new ConfigException(PBX_PORT_RANGE + ": must start on an even port (RTP even, RTCP odd: "
                    + "RFC 3550 §11), was " + pbxPortRange);
        }
        if (pbxPortRange.pairs() < 1) {
            throw new ConfigException(PBX_PORT_RANGE + ": must hold at least one RTP/RTCP pair, was " + pbxPortRange);
        }
        if (pbxPortRange.overlaps(devicePortRange)) {
            throw new ConfigException(DEVICE_PORT_RANGE + ": must not overlap " + PBX_PORT_RANGE + " ("
                    + devicePortRange + " and " + pbxPortRange + ")");
        }
        if (controlPort < 0 || controlPort > 65535) {
            throw new ConfigException(CONTROL_PORT + ": must be 0..65535, was " + controlPort);
        }
        if (pbxPortRange.contains(controlPort) || devicePortRange.contains(controlPort)) {
            throw new ConfigException(CONTROL_PORT + ": " + controlPort + " lies inside a media port range");
        }
        controlUrl.ifPresent(url -> {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new ConfigException(CONTROL_URL + ": must be http://host:port or https://host:port, was " + url);
            }
        });
        if (capacity < 1) {
            throw new ConfigException(CAPACITY + ": must be at least 1, was " + capacity);
        }
        if (capacity > pbxPortRange.pairs()) {
            throw new ConfigException(CAPACITY + ": " + capacity + " sessions need more RTP/RTCP pairs than the "
                    + pbxPortRange.pairs() + " in " + PBX_PORT_RANGE + " " + pbxPortRange);
        }
        if (capacity > devicePortRange.size()) {
            throw new ConfigException(CAPACITY + ": " + capacity + " sessions need more ports than the "
                    + devicePortRange.size() + " in " + DEVICE_PORT_RANGE + " " + devicePortRange);
        }
        if (registryTtl.compareTo(Duration.ofSeconds(2)) < 0 || registryTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(REGISTRY_TTL_SECONDS + ": must be 2..3600, was " + registryTtl.toSeconds());
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
        InetAddress bind = address(config.get(BIND_ADDRESS), "0.0.0.0");
        Config advertisedNode = config.get(ADVERTISED_ADDRESS);
        InetAddress advertised;
        if (advertisedNode.exists()) {
            advertised = address(advertisedNode, null);
        } else if (bind.isAnyLocalAddress()) {
            throw new ConfigException(ADVERTISED_ADDRESS + ": required when " + BIND_ADDRESS + " is "
                    + bind.getHostAddress() + " (the address to put in SDP and ICE candidates)");
        } else {
            advertised = bind;
        }
        Config url = config.get(CONTROL_URL);
        Config certificate = config.get(DTLS_CERTIFICATE_FILE);
        return new MediaConfig(
                config.get(WORKER_ID).asString().orElseThrow(() -> new ConfigException(WORKER_ID + ": required")),
                bind, advertised,
                range(config.get(PBX_PORT_RANGE), "10000-19999"),
                range(config.get(DEVICE_PORT_RANGE), "20000-39999"),
                address(config.get(CONTROL_BIND_ADDRESS), "127.0.0.1"),
                integer(config.get(CONTROL_PORT), 8090),
                url.exists() ? Optional.of(uri(url, null)) : Optional.empty(),
                integer(config.get(CAPACITY), 500),
                Duration.ofSeconds(integer(config.get(REGISTRY_TTL_SECONDS), 10)),
                certificate.exists() ? Optional.of(Path.of(certificate.asString().get().trim())) : Optional.empty(),
                uri(config.get(REDIS_URI), "redis://127.0.0.1:6379"),
                config.get(REDIS_KEY_PREFIX).asString().orElse("ringedge"));
    }

    /**
     * The control URL edges use: the configured one, else the control bind address (the advertised
     * address when that is a wildcard) and the bound port.
     */
    public URI controlUrl(int boundPort) {
        InetAddress host = controlBindAddress.isAnyLocalAddress() ? advertisedAddress : controlBindAddress;
        return controlUrl.orElseGet(() -> URI.create("http://" + hostForUrl(host) + ":" + boundPort));
    }

    /** Without the password {@code redis.uri} may carry, for logs. */
    @Override
    public String toString() {
        return "MediaConfig[workerId=" + workerId + ", bindAddress=" + bindAddress.getHostAddress()
                + ", advertisedAddress=" + advertisedAddress.getHostAddress() + ", pbxPortRange=" + pbxPortRange
                + ", devicePortRange=" + devicePortRange + ", controlBindAddress=" + controlBindAddress.getHostAddress()
                + ", controlPort=" + controlPort + ", controlUrl="
                + controlUrl.map(URI::toString).orElse("(derived)") + ", capacity=" + capacity + ", registryTtl="
                + registryTtl + ", redis=" + redisUri.getHost() + ":" + redisUri.getPort() + "]";
    }

    private static String hostForUrl(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static InetAddress address(Config node, String fallback) {
        String text = node.asString().orElse(fallback).trim();
        // literals only: a name would be resolved (DNS) at start-up and could change under us
        if (!IP4.matcher(text).matches() && !text.contains(":")) {
            throw new ConfigException(node.key() + ": must be an IPv4 or IPv6 literal, was " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new ConfigException(node.key() + ": not a valid IP address: " + text);
        }
    }

    private static PortRange range(Config node, String fallback) {
        String text = node.asString().orElse(fallback).trim();
        String[] parts = text.split("-", -1);
        if (parts.length != 2) {
            throw new ConfigException(node.key() + ": must be <first>-<last>, e.g. 10000-19999, was " + text);
        }
        int first = port(node, parts[0]);
        int last = port(node, parts[1]);
        if (first > last) {
            throw new ConfigException(node.key() + ": first port must not exceed the last, was " + text);
        }
        return new PortRange(first, last);
    }

    private static int port(Config node, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            // below 1024 needs privileges and collides with well-known services
            if (port < 1024 || port > 65535) {
                throw new ConfigException(node.key() + ": ports must be 1024..65535, was " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException(node.key() + ": must be <first>-<last>, '" + text + "' is not a port");
        }
    }

    private static int integer(Config node, int fallback) {
        String text = node.asString().orElse(Integer.toString(fallback)).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(node.key() + ": must be an integer, was " + text);
        }
    }

    private static URI uri(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.key() + ": not a valid URI"); // may hold a password: not echoed
        }
    }
}
