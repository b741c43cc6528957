package io.ringedge.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration the system under test runs with (the launcher's {@code --config FILE}, layered
 * over its defaults): embedded Kafka and Redis on free ports with their data in the run folder, the
 * edge on the given loopback ports, and one connection whose exact DID routes map
 * {@link LoadUsers#did(int)} to {@link LoadUsers#user(int)}.
 *
 * @param ports       the edge's loopback ports, chosen free by the driver
 * @param kafkaDir    the embedded broker's data folder (fresh for each run)
 * @param devices     how many users get a route
 * @param adminApiKey protects token minting; the load devices present it
 * @param providers   for the wake benchmark: the push service talks to these local stand-ins
 */
public record SystemConfigFile(EdgePorts ports, String kafkaDir, int devices, String adminApiKey,
                               Optional<MockProviders> providers) {

    /** The edge's listeners: SIP for the PBX (UDP and TCP on one port), WebSocket, internal, HTTP. */
    public record EdgePorts(int sip, int ws, int internal, int http) {
    }

    /**
     * The FCM and APNs stand-ins of the wake benchmark's phone process.
     *
     * @param fcmEndpoint   base URL of the FCM v1 stand-in ({@code push.fcm.endpoint})
     * @param fcmProject    its project id
     * @param apnsHostPort  {@code host:port} of the APNs stand-in ({@code push.apns.environment})
     * @param apnsTeamId    team of the token-auth signing key
     * @param apnsKeyId     id of that key
     * @param apnsKeyFile   the key, PEM
     * @param apnsTrustFile the stand-in's self-signed certificate, PEM, for the push service to trust
     */
    public record MockProviders(String fcmEndpoint, String fcmProject, String apnsHostPort, String apnsTeamId,
                                String apnsKeyId, Path apnsKeyFile, Path apnsTrustFile) {
    }

    /**
     * Device tokens of the wake benchmark's phones must outlive the run: a woken phone presents the
     * token it registered with when it went to sleep.
     */
    static final int WAKE_TOKEN_LIFETIME_SECONDS = 3600;

    public String yaml() {
        StringBuilder y = new StringBuilder(4096 + devices * 64);
        y.append("""
                # written by io.ringedge.bench.SignallingBenchmark for one run
                kafka:
                  bootstrap-servers: embedded
                redis:
                  uri: embedded
                # health and metrics on any free port: another system on this machine may hold the default
                observe:
                  port: 0
                embedded:
                  kafka:
                    port: 0
                    data-dir: "%s"
                  redis:
                    port: 0
                # the in-JVM media worker: room for every call of a 400 calls/s step (a session per call)
                media:
                  control:
                    port: 0
                  capacity: 1500
                  pbx-port-range: 10000-13999
                  device-port-range: 20000-23999
                push:
                  attach-url: "ws://127.0.0.1:%d"%s
                edge:
                  node-id: bench-edge
                  sip:
                    bind-address: 127.0.0.1
                    udp-port: %d
                    tcp-port: %d
                    ws-port: %d
                    internal-port: %d
                  http:
                    port: %d
                    admin-api-key: "%s"
                  registrar:
                    max-expires: 3600%s
                  # the defaults' connection 0 is replaced key by key: every key it has is set here
                  connections:
                    - id: bench-pbx
                      tenant: %s
                      allowed-sources: ["127.0.0.0/8", "::1/128"]
                      routes:
                """.formatted(kafkaDir, ports.ws(), pushProviders(), ports.sip(), ports.sip(), ports.ws(), ports.internal(), ports.http(),
                adminApiKey, tokenLifetime(), LoadUsers.TENANT));
        for (int i = 0; i < devices; i++) {
            y.append("        - did: \"").append(LoadUsers.did(i)).append("\"\n")
                    .append("          user: ").append(LoadUsers.user(i)).append('\n');
        }
        return y.toString();
    }

    /** The push section's provider keys, each line starting with a line break. */
    private String pushProviders() {
        return providers.map(p -> "\n" + """
                  fcm:
                    project-id: %s
                    endpoint: "%s"
                  apns:
                    environment: "%s"
                    team-id: %s
                    key-id: %s
                    key-file: "%s"
                    trusted-certificate-file: "%s"
                """.formatted(p.fcmProject(), p.fcmEndpoint(), p.apnsHostPort(), p.apnsTeamId(), p.apnsKeyId(),
                p.apnsKeyFile(), p.apnsTrustFile()).stripTrailing()).orElse("");
    }

    private String tokenLifetime() {
        return providers.map(p -> "\n  token:\n    max-lifetime-seconds: " + WAKE_TOKEN_LIFETIME_SECONDS).orElse("");
    }

    /** SIPp's {@code -inf} file: the DIDs, dialled in turn ({@code [field0]}), round-robin over the users. */
    public String injectionCsv() {
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < devices; i++) {
            csv.append(LoadUsers.did(i)).append(";\n");
        }
        return csv.toString();
    }
}
