/**
 * ICE (RFC 8445) as a full agent for one component (rtcp-mux, RFC 5761; BUNDLE, RFC 8843): host
 * candidates on the advertised address, {@code a=candidate} parsing and formatting (RFC 8839),
 * connectivity checks with roles and tie-breaking, regular nomination, peer-reflexive discovery,
 * consent freshness (RFC 7675) and ICE restart. Built on {@link io.ringedge.media.stun}; the agent
 * owns no socket and no thread: the transport that owns the port feeds it STUN datagrams and clock
 * ticks, and sends what it asks to send. The check list machinery is in {@code internal}.
 *
 * <p>Why not ice4j: its {@code Agent} binds its own sockets and runs its own threads (pacing,
 * keep-alive, termination), which breaks "one thread owns a transport" and the shared RFC 7983
 * port; its consent-freshness timing is process-global configuration ({@code AgentConfig.config},
 * read through jicoco), so a per-worker timeout and a short one in tests are not possible; and a
 * 1:1 NAT address needs a mapping harvester configured the same global way. The STUN codec here
 * is already RFC 5769-tested, so the agent is a small, clock-driven state machine that tests step
 * deterministically.
 */
package io.ringedge.media.ice;
