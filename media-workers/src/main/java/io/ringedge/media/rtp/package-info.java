/**
 * RTP and RTCP (RFC 3550) read in place, allocation-free: header checks and accessors, RFC 8285
 * header extension elements, the RTCP compound walker, and the RFC 7983 first-byte
 * demultiplexer that starts the receive pipeline of a shared media port. Malformed input gets a
 * verdict value, never an exception.
 */
package io.ringedge.media.rtp;
