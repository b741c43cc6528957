package io.ringedge.media.dtls;

import io.ringedge.media.srtp.SrtpKeyingMaterial;
import io.ringedge.media.srtp.SrtpProfile;

/** How a DTLS-SRTP handshake ended: keys for SRTP, or a failure with its cause. */
public sealed interface DtlsOutcome {

    /** The handshake finished and the exporter gave us the SRTP master keys (RFC 5764 §4.2). */
    record Established(DtlsRole role, SrtpProfile profile, SrtpKeyingMaterial keys) implements DtlsOutcome {
    }

    record Failed(DtlsFailure cause, String detail) implements DtlsOutcome {
    }
}
