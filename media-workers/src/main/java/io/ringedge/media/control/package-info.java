/**
 * The media worker's control API, in the spirit of rtpengine's ng protocol (offer / answer /
 * delete / query) over HTTP/JSON: {@link io.ringedge.media.control.MediaControlServer} serves it
 * from a {@link io.ringedge.media.control.MediaSessions} table, and
 * {@link io.ringedge.media.control.MediaControlClient} is what the edge calls. Per-session media
 * plugs in behind {@link io.ringedge.media.control.SessionFactory}.
 *
 * <pre>
 * POST   /v1/sessions              {callId, pbxOffer}  → 201 {sessionId, deviceOffer}
 * POST   /v1/sessions/{id}/answer  {deviceAnswer}      → 200 {pbxAnswer, mode}
 * GET    /v1/sessions/{id}                             → 200 live stats: state (offered, answered,
 *                                                        connected, failed), failure, per-leg media
 * DELETE /v1/sessions/{id}                             → 200 the final stats (as GET), session gone
 * GET    /v1/health                                    → 200 {workerId, sessions, capacity}
 * errors → {error, reason[, sipStatus, leg]}: 400 bad JSON/SDP, 404 unknown session,
 *          409 already answered, 422 no media agreement (sipStatus 488), 503 no capacity
 * </pre>
 */
package io.ringedge.media.control;
