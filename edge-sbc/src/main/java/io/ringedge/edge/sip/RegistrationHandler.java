package io.ringedge.edge.sip;

/** The registrar side of the dispatch seam: REGISTER requests that arrived over WS or WSS. */
public interface RegistrationHandler {

    void register(InboundRequest register);
}
