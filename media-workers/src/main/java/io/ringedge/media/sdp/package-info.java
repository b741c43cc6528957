/**
 * SDP (RFC 8866) as the worker meets it: a model of session descriptions, a parser that answers
 * bad input with an {@link io.ringedge.media.sdp.SdpParseResult.Invalid} (never an exception),
 * a serializer, typed views of the attributes WebRTC and PBXs use, and the offer/answer rules
 * (RFC 3264) that turn a PBX's offer into a WebRTC offer for the device and the device's answer
 * into the PBX's answer ({@link io.ringedge.media.sdp.OfferAnswer}).
 *
 * <p>Strict on structure (line order, field syntax, known attributes), lenient on attributes it
 * does not know: those are kept verbatim so a round trip loses nothing.
 */
package io.ringedge.media.sdp;
