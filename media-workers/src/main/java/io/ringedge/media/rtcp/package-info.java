/**
 * RTCP sender and receiver reports per leg (RFC 3550 §6.4): sequence, loss and jitter accounting
 * after Appendix A, RTT from LSR/DLSR, and an ITU-T G.107 E-model MOS estimate in a per-leg
 * statistics snapshot.
 */
package io.ringedge.media.rtcp;
