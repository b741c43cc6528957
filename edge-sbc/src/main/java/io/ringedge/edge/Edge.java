package io.ringedge.edge;

import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.http.EdgeHttpServer;
import io.ringedge.edge.http.PhonePage;
import io.ringedge.edge.http.TokenApi;
import io.ringedge.edge.sip.CallSignalling;
import io.ringedge.edge.sip.EdgeSipStack;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.Responder;
import io.ringedge.edge.sip.SipDispatcher;
import io.ringedge.edge.sip.registrar.AttachGate;
import io.ringedge.edge.sip.registrar.Registrar;
import io.ringedge.edge.sip.ws.FlowTable;
import io.ringedge.edge.token.TokenIssuer;
import io.ringedge.edge.token.TokenVerifier;
import io.ringedge.events.EventPublisher;
import io.ringedge.locator.DeviceDirectory;
import io.ringedge.push.AttachTokens;

import javax.sip.SipException;
import java.time.Clock;
import java.util.Optional;

/**
 * One running edge node: the SIP stack with its dispatcher and registrar, and the HTTP API, wired
 * by hand. Tests and the launcher start it the same way.
 */
public final class Edge implements AutoCloseable {

    /** Builds the call side once the stack exists (the adapter needs its providers and factories). */
    @FunctionalInterface
    public interface CallSide {
        CallSignalling create(EdgeSipStack stack, FlowTable flows, Responder responder);
    }

    private final EdgeConfig config;
    private final EdgeSipStack sip;
    private final FlowTable flows;
    private final RejectCounters counters;
    private final EdgeHttpServer http;

    private Edge(EdgeConfig config, EdgeSipStack sip, FlowTable flows, RejectCounters counters, EdgeHttpServer http) {
        this.config = config;
        this.sip = sip;
        this.flows = flows;
        this.counters = counters;
        this.http = http;
    }

    /**
     * @param usedTokens where used attach tokens are remembered (Redis, shared by every edge)
     * @param attached   tells the edge holding a call that a woken device attached here
     */
    public static Edge start(EdgeConfig config, DeviceDirectory directory, EventPublisher events, CallSide calls,
                             AttachTokens.UsedTokens usedTokens, AttachGate.Signal attached, Clock clock)
            throws SipException {
        RejectCounters counters = new RejectCounters();
        FlowTable flows = new FlowTable();
        EdgeSipStack sip = EdgeSipStack.start(config.nodeId(), config.sip(), flows, counters);
        try {
            Responder responder = new Responder(sip.messages());
            TokenVerifier verifier = new TokenVerifier(config.token().key(), clock, config.token().clockSkew());
            Registrar registrar = new Registrar(config.nodeId(), config.registrar(), verifier, directory, events, flows,
                    responder, sip.headers(), counters, new AttachGate(
                            config.attachKey().map(k -> new AttachTokens(k.bytes(), clock)), usedTokens, attached), clock);
            sip.setListener(new SipDispatcher(sip, flows, config.connections(),
                    new ConnectionGate(config.maxCallsInSetup()), registrar,
                    calls.create(sip, flows, responder), counters, config.sip().maxMessageSize()));
            Optional<TokenIssuer> issuer = config.token().key().canSign()
                    ? Optional.of(new TokenIssuer(config.token().key(), clock)) : Optional.empty();
            String wsUrl = config.http().wsUrl()
                    .orElse("ws://" + config.sip().advertisedAddress() + ":" + sip.port(Ingress.WS));
            TokenApi tokens = new TokenApi(issuer, config.http().adminApiKey(), config.token().maxLifetime(), () -> wsUrl);
            EdgeHttpServer http = EdgeHttpServer.start(config.sip().bindAddress(), config.http().port(), tokens,
                    PhonePage.load(() -> wsUrl), sip::isRunning);
            return new Edge(config, sip, flows, counters, http);
        } catch (RuntimeException e) {
            sip.close();
            throw e;
        }
    }

    public EdgeConfig config() {
        return config;
    }

    public EdgeSipStack sip() {
        return sip;
    }

    public FlowTable flows() {
        return flows;
    }

    public RejectCounters counters() {
        return counters;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        sip.close();
    }
}
