package io.ringedge.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * What the PBX's offer allows, read once when the session is created and used again when the
 * device answers: its audio section (by index, since the answer must mirror every m= line,
 * RFC 3264 §6), its G.711 formats in its preference order, its telephone-event format, the SDES
 * line we will accept (empty for plain RTP) and where it wants media.
 */
public record PbxOfferTerms(SessionDescription offer, int audioIndex, List<PayloadFormat> codecs,
                            Optional<PayloadFormat> telephoneEvent, Optional<Crypto> crypto,
                            String remoteAddress, int remoteRtpPort, int remoteRtcpPort, Direction direction) {

    public PbxOfferTerms {
        codecs = List.copyOf(codecs);
    }

    public MediaDescription audio() {
        return offer.media().get(audioIndex);
    }
}
