package io.ringedge.media.dtls;

/** Which end of the DTLS handshake we are; the client sends ClientHello (RFC 5763 §5: "active"). */
public enum DtlsRole {
    CLIENT,
    SERVER
}
