/**
 * ICE (RFC 8445) as a full agent for one component (rtcp-mux, RFC 5761; BUNDLE, RFC 8843): host
 * candidates on the advertised address, {@code a=candidate} parsing and formatting (RFC 8839),
 * connectivity checks with roles and tie-breaking, regular nomination, peer-reflexive discovery,
 * consent freshness (RFC 7675) and ICE restart. Built on {@link io.ringedge.media.stun}; the agent
 * owns no socket and no thread: the transport that owns the port feeds it STUN datagrams and clock
 * ticks, and sends what it asks to send. The check list machinery is in {@code internal}.
 */
package io.ringedge.media.ice;
