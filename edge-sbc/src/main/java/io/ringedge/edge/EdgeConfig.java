package io.ringedge.edge;

import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.token.TokenKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the edge reads from configuration, validated once at start-up. Every key lives
 * under {@code edge.}; {@link #from} lists every invalid key in one error.
 *
 * <p>A port of 0 means "any free port" (tests run several edges on one host); the ports actually
 * bound are reported by the running stack and HTTP server, not by this record.
 *
 * @param nodeId      this edge's id in the cluster ({@code edge.node-id})
 * @param sip         SIP listeners and stack limits ({@code edge.sip.*})
 * @param http        HTTP API ({@code edge.http.*})
 * @param token       device token verification and minting ({@code edge.token.*})
 * @param registrar   registration expiry bounds ({@code edge.registrar.*})
 * @param ringTimeout how long a call rings before 480 ({@code edge.call.ring-timeout-seconds})
 * @param cluster     node registry in Redis ({@code edge.cluster.*})
 * @param connections PBX trunks ({@code edge.connections})
 * @param maxCallsInSetup calls accepted and not yet located beyond which new INVITEs get 503
 *                    ({@code edge.call.max-calls-in-setup})
 * @param attachKey   key of the single-use attach tokens woken devices present
 *                    ({@code edge.attach-token-key}, the push service's {@code push.attach-token-key});
 *                    without it this edge refuses attach tokens
 * @param media       how the edge talks to the media workers ({@code edge.media.*})
 */
public record EdgeConfig(String nodeId, Sip sip, Http http, Token token, Registrar registrar,
                         Duration ringTimeout, Cluster cluster, ConnectionTable connections, int maxCallsInSetup,
                         Optional<AttachKey> attachKey, Media media) {

    public static EdgeConfig from(io.helidon.config.Config root) {
        return new EdgeConfigReader(root).read();
    }

    /**
     * @param bindAddress       address every SIP listener binds
     * @param advertisedAddress address put in Via/Contact/Record-Route (the static public IP)
     * @param udpPort           PBX listener, UDP
     * @param tcpPort           PBX listener, TCP
     * @param wsPort            device listener, SIP over WebSocket (RFC 7118)
     * @param internalPort      edge-to-edge listener (TCP)
     * @param tls               TLS (PBXs) and WSS (devices), only when a key store is configured
     * @param maxMessageSize    larger messages get 513 (RFC 3261 §21.5.14)
     * @param threadPoolSize    jain-sip message processing threads
     */
    public record Sip(String bindAddress, String advertisedAddress, int udpPort, int tcpPort, int wsPort,
                      int internalPort, Optional<Tls> tls, int maxMessageSize, int threadPoolSize) {
    }

    /** One key store serves both TLS and WSS: jain-sip holds one security provider per stack. */
    public record Tls(Path keyStore, String keyStorePassword, String keyStoreType, int tlsPort, int wssPort) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", type=" + keyStoreType + ", tlsPort=" + tlsPort
                    + ", wssPort=" + wssPort + "]";
        }
    }

    /**
     * @param port        HTTP API port
     * @param adminApiKey shared secret for the admin endpoints (token minting)
     * @param wsUrl       WebSocket URL handed to devices with a token; derived from the SIP WS
     *                    listener when empty
     */
    public record Http(int port, String adminApiKey, Optional<String> wsUrl) {
        @Override
        public String toString() {
            return "Http[port=" + port + ", adminApiKey=<redacted>, wsUrl=" + wsUrl + "]";
        }
    }

    /**
     * @param key         signing/verification key
     * @param maxLifetime longest token the API mints
     * @param clockSkew   tolerance on exp/nbf/iat between the minting and the verifying clock
     */
    public record Token(TokenKey key, Duration maxLifetime, Duration clockSkew) {
    }

    /** Expiry bounds, RFC 3261 §10.3 steps 7 and 8. */
    public record Registrar(int minExpires, int maxExpires, int defaultExpires) {
    }

    /**
     * The node registry lives in the Redis every service shares ({@code redis.uri}).
     *
     * @param nodeTtl lifetime of this node's registry entry; refreshed at a third of it
     */
    public record Cluster(Duration nodeTtl) {
    }

    /**
     * The media workers are found in the registry in the Redis every service shares ({@code redis.uri}).
     *
     * @param connectTimeout      TCP connect to a worker's control API; past it the next worker is tried
     * @param requestTimeout      a whole control request (create, answer, stats, delete); a ringing
     *                            call waits on it, so it is short
     * @param workerCheckInterval how often the workers holding this edge's answered calls are looked
     *                            for in the registry; a worker gone ends its calls (MEDIA_WORKER_LOST)
     * @param workerListMaxAge    how old the registry's list of live workers may be when a call picks
     *                            its worker ({@link io.ringedge.edge.media.RecentWorkers}); zero reads it
     *                            for every call
     */
    public record Media(Duration connectTimeout, Duration requestTimeout, Duration workerCheckInterval,
                        Duration workerListMaxAge) {
    }

    /** The HMAC key shared with the push service, which mints the tokens this edge checks. */
    public record AttachKey(byte[] bytes) {
        public AttachKey {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "AttachKey[<redacted>]";
        }
    }
}
