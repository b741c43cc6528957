package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The media worker's network and WebRTC-leg settings, read once and validated; every error names
 * its key. Durations are ISO-8601 ({@code PT30S}).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code media.bind-address}</td><td>{@code 127.0.0.1}</td>
 *       <td>local IP the media sockets bind to ({@code 0.0.0.0} for all)</td></tr>
 *   <tr><td>{@code media.advertised-address}</td><td>the bind address</td>
 *       <td>IP put in ICE candidates; the public one behind a 1:1 NAT. Required when binding to a wildcard</td></tr>
 *   <tr><td>{@code media.device-port-range}</td><td>{@code 20000-39999}</td>
 *       <td>UDP ports of the device (browser) leg, one per session</td></tr>
 *   <tr><td>{@code media.ice-connect-timeout}</td><td>{@code PT30S}</td>
 *       <td>how long ICE checks may run without a nominated pair before the leg fails</td></tr>
 *   <tr><td>{@code media.consent-interval}</td><td>{@code PT5S}</td>
 *       <td>mean gap between consent checks (RFC 7675 §5.1), randomised ±20%</td></tr>
 *   <tr><td>{@code media.consent-timeout}</td><td>{@code PT30S}</td>
 *       <td>silence after which consent is lost and the call ends (RFC 7675 §5.1)</td></tr>
 *   <tr><td>{@code media.dtls-handshake-timeout}</td><td>{@code PT10S}</td>
 *       <td>how long a DTLS handshake may take once ICE has connected</td></tr>
 * </table>
 */
public record MediaConfig(InetAddress bindAddress, InetAddress advertisedAddress, PortRange devicePortRange,
                          Duration iceConnectTimeout, Duration consentInterval, Duration consentTimeout,
                          Duration dtlsHandshakeTimeout) {

    public static final String BIND_ADDRESS = "media.bind-address";
    public static final String ADVERTISED_ADDRESS = "media.advertised-address";
    public static final String DEVICE_PORT_RANGE = "media.device-port-range";
    public static final String ICE_CONNECT_TIMEOUT = "media.ice-connect-timeout";
    public static final String CONSENT_INTERVAL = "media.consent-interval";
    public static final String CONSENT_TIMEOUT = "media.consent-timeout";
    public static final String DTLS_HANDSHAKE_TIMEOUT = "media.dtls-handshake-timeout";

    public MediaConfig {
        if (bindAddress == null) {
            throw new ConfigException(BIND_ADDRESS + ": missing");
        }
        if (advertisedAddress == null || advertisedAddress.isAnyLocalAddress()) {
            throw new ConfigException(ADVERTISED_ADDRESS + ": must be a concrete IP address that peers can reach, was "
                    + (advertisedAddress == null ? "nothing" : advertisedAddress.getHostAddress())
                    + (bindAddress.isAnyLocalAddress() ? " (required when " + BIND_ADDRESS + " is a wildcard)" : ""));
        }
        if (devicePortRange == null) {
            throw new ConfigException(DEVICE_PORT_RANGE + ": missing");
        }
        requireBetween(ICE_CONNECT_TIMEOUT, iceConnectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
        requireBetween(CONSENT_INTERVAL, consentInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
        requireBetween(CONSENT_TIMEOUT, consentTimeout, Duration.ofMillis(50), Duration.ofMinutes(5));
        if (consentTimeout.compareTo(consentInterval.multipliedBy(2)) < 0) {
            throw new ConfigException(CONSENT_TIMEOUT + ": must be at least twice " + CONSENT_INTERVAL + " ("
                    + consentInterval + "), was " + consentTimeout + "; one lost check would end calls");
        }
        requireBetween(DTLS_HANDSHAKE_TIMEOUT, dtlsHandshakeTimeout, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** Reads the keys from the root of {@code config}; missing keys take their defaults. */
    public static MediaConfig from(Config config) {
        InetAddress bind = address(config.get(BIND_ADDRESS), "127.0.0.1");
        return new MediaConfig(bind,
                address(config.get(ADVERTISED_ADDRESS), bind.getHostAddress()),
                portRange(config.get(DEVICE_PORT_RANGE), "20000-39999"),
                duration(config.get(ICE_CONNECT_TIMEOUT), "PT30S"),
                duration(config.get(CONSENT_INTERVAL), "PT5S"),
                duration(config.get(CONSENT_TIMEOUT), "PT30S"),
                duration(config.get(DTLS_HANDSHAKE_TIMEOUT), "PT10S"));
    }

    private static InetAddress address(Config node, String fallback) {
        String text = node.asString().orElse(fallback).strip();
        return IpLiteral.parse(text).orElseThrow(() ->
                new ConfigException(node.key() + ": must be an IPv4 or IPv6 literal, was " + text));
    }

    private static PortRange portRange(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        return PortRange.parse(text).orElseThrow(() -> new ConfigException(node.key()
                + ": must be first-last with 1024 <= first <= last <= 65535, was " + text));
    }

    private static Duration duration(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigException(node.key() + ": must be an ISO-8601 duration such as PT30S, was " + text);
        }
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", was " + value);
        }
    }
}
