package io.ringedge.testkit;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link TestDevice} connects and registers. Immutable; change with the {@code with...}
 * methods.
 *
 * @param server           {@code ws://host:port/path} or {@code wss://...}
 * @param user             the user part of the address of record
 * @param domain           the registrar domain (Request-URI of REGISTER, host of the AOR)
 * @param bearerToken      the JWT for {@code Authorization: Bearer} (RFC 8898); null sends none
 * @param contactUriParams extra Contact URI parameters, e.g. RFC 8599 {@code pn-provider},
 *                         {@code pn-prid}, {@code pn-param}
 * @param instanceId       RFC 5626 {@code +sip.instance} URN ({@code urn:uuid:...}); null sends none
 * @param expires          seconds asked for in REGISTER
 * @param timeout          default wait for connection and responses
 * @param recordMessages   keep every frame and every call for assertions; false for load devices
 *                         (nothing kept, finished calls forgotten)
 * @param sslContext       for {@code wss://}: whom to trust (a test edge's self-signed certificate);
 *                         null uses the JDK's default trust
 */
public record DeviceSettings(URI server, String user, String domain, String bearerToken,
                             Map<String, String> contactUriParams, String instanceId, int expires,
                             Duration timeout, boolean recordMessages, SSLContext sslContext) {

    public DeviceSettings {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("server must be a ws:// or wss:// URI, was " + server);
        }
        if (user == null || user.isBlank() || domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("user and domain are required");
        }
        if (expires < 0) {
            throw new IllegalArgumentException("expires must be >= 0, was " + expires);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        contactUriParams = Collections.unmodifiableMap(new LinkedHashMap<>(contactUriParams));
    }

    /** Defaults: no Contact extras, no instance id, 600 s registrations, 5 s timeouts. */
    public static DeviceSettings of(URI server, String user, String domain, String bearerToken) {
        return new DeviceSettings(server, user, domain, bearerToken, Map.of(), null, 600, Duration.ofSeconds(5), true, null);
    }

    public DeviceSettings withBearerToken(String token) {
        return new DeviceSettings(server, user, domain, token, contactUriParams, instanceId, expires, timeout, recordMessages, sslContext);
    }

    public DeviceSettings withContactUriParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(contactUriParams);
        copy.put(name, value);
        return new DeviceSettings(server, user, domain, bearerToken, copy, instanceId, expires, timeout, recordMessages, sslContext);
    }

    /** RFC 8599 section 4.1: the push parameters travel as Contact URI parameters. */
    public DeviceSettings withPush(String provider, String prid, String param) {
        return withContactUriParam("pn-provider", provider).withContactUriParam("pn-prid", prid)
                .withContactUriParam("pn-param", param);
    }

    public DeviceSettings withInstanceId(String urn) {
        return new DeviceSettings(server, user, domain, bearerToken, contactUriParams, urn, expires, timeout, recordMessages, sslContext);
    }

    public DeviceSettings withExpires(int seconds) {
        return new DeviceSettings(server, user, domain, bearerToken, contactUriParams, instanceId, seconds, timeout, recordMessages, sslContext);
    }

    public DeviceSettings withTimeout(Duration newTimeout) {
        return new DeviceSettings(server, user, domain, bearerToken, contactUriParams, instanceId, expires, newTimeout, recordMessages, sslContext);
    }

    /** A load device: records nothing and forgets finished calls. */
    public DeviceSettings withoutRecording() {
        return new DeviceSettings(server, user, domain, bearerToken, contactUriParams, instanceId, expires, timeout, false, sslContext);
    }

    public DeviceSettings withSslContext(SSLContext context) {
        return new DeviceSettings(server, user, domain, bearerToken, contactUriParams, instanceId, expires, timeout,
                recordMessages, context);
    }

    /** "WS" or "WSS", the Via transport RFC 7118 section 5.2 asks for. */
    public String viaTransport() {
        return server.getScheme().toUpperCase(Locale.ROOT);
    }
}
