package io.ringedge.edge.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.sip.internal.AffinitySipStack;
import io.ringedge.edge.sip.internal.EdgeMessageProcessorFactory;
import io.ringedge.edge.sip.internal.FlowRouter;
import io.ringedge.edge.sip.internal.EdgeProcessor;
import io.ringedge.edge.sip.internal.FreePort;
import io.ringedge.edge.sip.internal.ScreeningMessageParserFactory;
import io.ringedge.edge.sip.ws.FlowTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge's one jain-sip stack and its listeners: UDP, TCP and (with a key store) TLS for PBXs,
 * WS and (with a key store) WSS for devices, and TCP for other edges. One {@link SipProvider} per
 * listener, so the provider a request arrives on tells its {@link Ingress}.
 *
 * <p>Stack properties, and why:
 * <ul>
 *   <li>{@code AUTOMATIC_DIALOG_SUPPORT=off}: a B2BUA owns both legs' dialogs explicitly.</li>
 *   <li>{@code MESSAGE_PROCESSOR_FACTORY}: NIO processors (required for WS/WSS), with flow tracking.</li>
 *   <li>{@code MESSAGE_PARSER_FACTORY}: a parser that counts and marks bad input so it is answered
 *       (see {@link MessageDefect}) rather than silently lost.</li>
 *   <li>{@code ROUTER_PATH}: {@link FlowRouter}, so requests to devices leave over their WebSocket.</li>
 *   <li>{@code PATCH_SIP_WEBSOCKETS_HEADERS=false}: keep the device's {@code .invalid} Contact as
 *       sent (RFC 7118 §5.2); the flow, not a rewritten URI, says where the device is.</li>
 *   <li>{@code REENTRANT_LISTENER=true} with {@code THREAD_POOL_SIZE}: messages of different calls are
 *       processed in parallel, those of one call in arrival order ({@link AffinitySipStack}).</li>
 *   <li>{@code MAX_MESSAGE_SIZE}: a hard cap of 4x the configured limit protects memory; messages
 *       between the limit and the cap are parsed and answered 513 by the dispatcher.</li>
 *   <li>{@code NIO_BLOCKING_MODE=NONBLOCKING}: in the default blocking mode jain-sip 1.3.0-91 opens a
 *       second socket for the first outbound TCP request and loses the request on it.</li>
 *   <li>{@code TLS_CLIENT_AUTH_TYPE=Disabled}: PBXs are admitted by source CIDR, not client certs.</li>
 *   <li>{@code TLS_CLIENT_PROTOCOLS}, {@code ENABLED_CIPHER_SUITES}: TLS 1.2 only (jain-sip's NIO
 *       WSS handshake stalls under TLS 1.3), with suites that work for EC and RSA certificates
 *       (jain-sip's defaults fail the handshake with an EC key).</li>
 * </ul>
 */
public final class EdgeSipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSipStack.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int BIND_ATTEMPTS = 5;
    /**
     * jain-sip's default suites are RSA-only CBC and anonymous DH, so an EC certificate cannot
     * handshake at all. Forward-secret AEAD suites for EC and RSA keys, plus RFC 3261 §26.3.1's
     * mandatory TLS_RSA_WITH_AES_128_CBC_SHA for old PBXs.
     */
    private static final String[] CIPHER_SUITES = {
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_CBC_SHA"};

    private final SipStackImpl stack;
    private final FlowTable flows;
    private final Map<Ingress, SipProvider> providers = new EnumMap<>(Ingress.class);
    private final Map<Ingress, Integer> ports = new EnumMap<>(Ingress.class);
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private SipListener listener;
    private volatile boolean closed;

    private EdgeSipStack(SipStackImpl stack, FlowTable flows) throws SipException {
        this.stack = stack;
        this.flows = flows;
        var factory = javax.sip.SipFactory.getInstance();
        try {
            this.messages = factory.createMessageFactory();
            this.headers = factory.createHeaderFactory();
            this.addresses = factory.createAddressFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("jain-sip factories unavailable", e);
        }
    }

    /** Creates the stack, binds every configured listener and routes WebSocket flows through {@code flows}. */
    public static EdgeSipStack start(String nodeId, EdgeConfig.Sip config, FlowTable flows, RejectCounters counters)
            throws SipException {
        SipStackImpl impl;
        try {
            impl = new AffinitySipStack(properties(nodeId, config), config.threadPoolSize());
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("cannot create the SIP stack", e);
        }
        EdgeSipStack edge = new EdgeSipStack(impl, flows);
        try {
            ((FlowRouter) impl.getRouter()).attach(flows);
            ((ScreeningMessageParserFactory) impl.getMessageParserFactory()).attach(counters);
            InetAddress bind = InetAddress.getByName(config.bindAddress());
            edge.listen(Ingress.UDP, bind, config.udpPort(), config, flows, counters);
            edge.listen(Ingress.TCP, bind, config.tcpPort(), config, flows, counters);
            edge.listen(Ingress.WS, bind, config.wsPort(), config, flows, counters);
            edge.listen(Ingress.INTERNAL, bind, config.internalPort(), config, flows, counters);
            if (config.tls().isPresent()) {
                edge.listen(Ingress.TLS, bind, config.tls().get().tlsPort(), config, flows, counters);
                edge.listen(Ingress.WSS, bind, config.tls().get().wssPort(), config, flows, counters);
            }
            impl.start();
        } catch (SipException | RuntimeException | UnknownHostException e) {
            edge.close();
            throw e instanceof SipException se ? se : new SipException("cannot start SIP listeners: " + e.getMessage(), e);
        }
        LOG.info("SIP edge {} listening on {} {}", nodeId, config.bindAddress(), edge.ports);
        return edge;
    }

    private void listen(Ingress ingress, InetAddress bind, int configuredPort, EdgeConfig.Sip config, FlowTable flows,
                        RejectCounters counters) throws SipException {
        for (int attempt = 1; ; attempt++) {
            int port = configuredPort != 0 ? configuredPort : FreePort.pick(bind, ingress == Ingress.UDP);
            try {
                ListeningPoint lp = stack.createListeningPoint(bind.getHostAddress(), port, ingress.transport());
                if (!config.advertisedAddress().equals(config.bindAddress())) {
                    lp.setSentBy(config.advertisedAddress() + ":" + port);
                }
                MessageProcessor processor = ((gov.nist.javax.sip.ListeningPointImpl) lp).getMessageProcessor();
                if (processor instanceof EdgeProcessor ours) {
                    ours.attach(flows, counters);
                }
                providers.put(ingress, stack.createSipProvider(lp));
                ports.put(ingress, port);
                return;
            } catch (InvalidArgumentException e) {
                if (configuredPort != 0 || attempt == BIND_ATTEMPTS) {
                    throw new SipException("cannot listen on " + ingress + " " + bind.getHostAddress() + ":" + port
                            + ": " + e.getMessage(), e);
                }
            } catch (java.text.ParseException e) {
                throw new SipException("bad advertised address " + config.advertisedAddress(), e);
            }
        }
    }

    private static Properties properties(String nodeId, EdgeConfig.Sip config) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ringedge-" + nodeId + "-" + INSTANCES.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // jain-sip logs under its stack name unless told otherwise; one name lets the log config set its level
        p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist.javax.sip");
        p.setProperty("gov.nist.javax.sip.NIO_BLOCKING_MODE", "NONBLOCKING");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", EdgeMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreeningMessageParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.PATCH_SIP_WEBSOCKETS_HEADERS", "false");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // A finished transaction and a confirmed dialog drop the messages they no longer need. Both
        // linger long after their call (a UDP server transaction 64*T1 = 32 s, RFC 3261 §17.2.2): with
        // their requests and responses kept, every call left tens of kilobytes of parsed SIP that each
        // young collection copied again for half a minute (bench/RESULTS.md, GC pauses).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.threadPoolSize()));
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(hardMessageCap(config)));
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        config.tls().ifPresent(tls -> {
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2");
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", CIPHER_SUITES));
            p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", tls.keyStorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", tls.keyStoreType());
            p.setProperty("javax.net.ssl.trustStore", tls.keyStore().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", tls.keyStorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", tls.keyStoreType());
        });
        return p;
    }

    static int hardMessageCap(EdgeConfig.Sip config) {
        return config.maxMessageSize() * 4;
    }

    /** Every provider gets the same listener (jain-sip allows one listener per stack). */
    public void setListener(SipListener listener) {
        this.listener = listener;
        try {
            for (SipProvider provider : providers.values()) {
                provider.addSipListener(listener);
            }
        } catch (java.util.TooManyListenersException e) {
            throw new IllegalStateException("a SIP listener is already set", e);
        }
    }

    public SipProvider provider(Ingress ingress) {
        SipProvider p = providers.get(ingress);
        if (p == null) {
            throw new IllegalArgumentException(ingress + " is not configured");
        }
        return p;
    }

    /** The ingress of a provider this stack created. */
    public Optional<Ingress> ingressOf(Object provider) {
        return providers.entrySet().stream().filter(e -> e.getValue() == provider).map(Map.Entry::getKey).findFirst();
    }

    /** The port actually bound, which differs from the configuration when that said 0. */
    public int port(Ingress ingress) {
        Integer port = ports.get(ingress);
        if (port == null) {
            throw new IllegalArgumentException(ingress + " is not configured");
        }
        return port;
    }

    /**
     * A client transaction that will leave over exactly {@code flow}, the device's WebSocket: the
     * request's Request-URI is pinned to the flow (the router reads the pin), on the provider of the
     * flow's transport. The one call the B2BUA needs to fork to a device, and to relay an INVITE
     * another edge addressed to a flow here.
     */
    public javax.sip.ClientTransaction clientTransaction(io.ringedge.edge.sip.ws.Flow flow,
                                                         javax.sip.message.Request request) throws SipException {
        if (!(request.getRequestURI() instanceof javax.sip.address.SipURI target)) {
            throw new SipException("a device is reached by a SIP URI, not " + request.getRequestURI());
        }
        flows.pin(target, flow.id());
        if (flows.pinnedFlow(target).isEmpty()) {
            throw new SipException("flow " + flow.id() + " is closed");
        }
        return provider("WSS".equals(flow.transport()) ? Ingress.WSS : Ingress.WS).getNewClientTransaction(request);
    }

    public boolean has(Ingress ingress) {
        return providers.containsKey(ingress);
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    /** True from start until {@link #close}: what readiness reports for SIP. */
    public boolean isRunning() {
        return !closed && stack.isAlive();
    }

    /** Closes every connection, transaction and thread of the stack. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SipProvider provider : providers.values()) {
            try {
                if (listener != null) {
                    provider.removeSipListener(listener);
                }
                stack.deleteSipProvider(provider);
            } catch (ObjectInUseException e) {
                LOG.warn("SIP provider still in use at shutdown", e);
            }
        }
        providers.clear();
        gov.nist.javax.sip.EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) {
            // jain-sip 1.3.0-91 marks its (non-daemon) EventScannerThread stopped but leaves it blocked
            // in take(); one event wakes it to see the flag and exit. It reaches the listener as an
            // IOExceptionEvent, which the dispatcher only logs.
            scanner.addEvent(new gov.nist.javax.sip.EventWrapper(
                    new javax.sip.IOExceptionEvent(this, "shutdown", 0, "none"), null));
        }
    }
}
