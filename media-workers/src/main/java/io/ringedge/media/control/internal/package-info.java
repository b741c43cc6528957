/**
 * Machinery behind the control API: UDP port pools for the two legs, the socket-backed session
 * factory, JSON mapping and the HTTP routes.
 */
package io.ringedge.media.control.internal;
