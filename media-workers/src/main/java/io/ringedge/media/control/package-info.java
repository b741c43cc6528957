/**
 * The media worker's control API, in the spirit of rtpengine's ng protocol (offer / answer /
 * delete / query) over HTTP/JSON: {@link io.ringedge.media.control.MediaControlServer} serves it
 * from a {@link io.ringedge.media.control.MediaSessions} table, and
 * {@link io.ringedge.media.control.MediaControlClient} is what the edge calls. A session still
 * unanswered {@code media.unanswered-session-timeout} after its creation is deleted. Per-session
 * media plugs in behind {@link io.ringedge.media.control.SessionFactory}.
 *
 * <pre>
 * PUT    /v1/sessions/{id}         {callId, pbxOffer[, edgeNode]}
 *                                                    → 201 {sessionId, deviceOffer}; the id is the
 *                                                        caller's ({@link io.ringedge.media.control.SessionIds}),
 *                                                        so it can delete a creation it stopped waiting for
 * POST   /v1/sessions/{id}/answer  {deviceAnswer}      → 200 {pbxAnswer, mode}
 * POST   /v1/sessions/{id}/offer   {leg, sdp}          → 200 {sendTo, type, sdp}: a mid-call offer
 *                                                        (RFC 3264 §8) from leg "pbx" or "device";
 *                                                        type "answer": the answer for that leg, done
 *                                                        (ICE restart, new PBX address, refresh);
 *                                                        type "offer": an offer for leg sendTo
 *                                                        (hold/resume), whose answer comes next:
 * POST   /v1/sessions/{id}/offer/answer {leg, sdp}     → 200 {sendTo, type: "answer", sdp}
 * DELETE /v1/sessions/{id}/offer                       → 204: the other leg refused; media unchanged
 * GET    /v1/sessions/{id}                             → 200 live stats: state (offered, answered,
 *                                                        connected, failed), failure, per-leg media
 * DELETE /v1/sessions/{id}                             → 200 the final stats (as GET), session gone;
 *                                                        the id stays deleted: a later PUT of it gets 410
 * GET    /v1/health                                    → 200 {workerId, sessions, capacity}
 * errors → {error, reason[, sipStatus, leg]}: 400 bad JSON/SDP/session id, 404 unknown session,
 *          409 session-exists / already answered / not-answered / offer-pending / no-offer-pending / wrong-leg,
 *          410 session-deleted,
 *          422 no media agreement or a change not supported mid-call (sipStatus 488, leg), 503 no capacity
 * </pre>
 */
package io.ringedge.media.control;
