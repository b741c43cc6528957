/**
 * SIP for the edge: one jain-sip stack ({@link io.ringedge.edge.sip.EdgeSipStack}) and the dispatch
 * seam ({@link io.ringedge.edge.sip.SipDispatcher}).
 *
 * <h2>The seam</h2>
 * Every message goes through {@link io.ringedge.edge.sip.SipDispatcher}, the stack's only listener.
 * It screens (bad input, connection admission, DID routing) and hands the rest to two interfaces:
 * <ul>
 *   <li>{@link io.ringedge.edge.sip.RegistrationHandler}: REGISTER from devices (WS/WSS),
 *       implemented by {@link io.ringedge.edge.sip.registrar.Registrar};</li>
 *   <li>{@link io.ringedge.edge.sip.CallSignalling}: INVITE (initial, admitted and routed, or relayed
 *       from another edge for a flow here), ACK, CANCEL, BYE, other in-dialog requests, and every
 *       response, timeout and termination — implemented by the B2BUA adapter.</li>
 * </ul>
 * A request crosses the seam as an {@link io.ringedge.edge.sip.InboundRequest}: the jain-sip event,
 * the {@link io.ringedge.edge.sip.Ingress} (PBX, device or edge side), the packet source, and for
 * WebSocket requests the {@link io.ringedge.edge.sip.ws.Flow}.
 *
 * <h2>Reaching a device</h2>
 * The registrar pins each device's Contact URI to its flow ({@link io.ringedge.edge.sip.ws.FlowTable});
 * the stack's router sends any request whose Request-URI is pinned over that WebSocket. A device on
 * another edge is reached through that edge's internal listener, found in
 * {@link io.ringedge.edge.cluster.EdgeNodeRegistry}, with the Route built by
 * {@link io.ringedge.edge.cluster.FlowRoute}.
 */
package io.ringedge.edge.sip;
