/**
 * Machinery behind the control API: the session factory that opens each session's media
 * ({@code media.session}) on ports of the two ranges, JSON mapping and the HTTP routes.
 */
package io.ringedge.media.control.internal;
