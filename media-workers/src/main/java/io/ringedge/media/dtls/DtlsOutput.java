package io.ringedge.media.dtls;

import java.io.IOException;

/** Where DTLS datagrams go out: the owning transport's socket, toward the ICE-selected pair. */
@FunctionalInterface
public interface DtlsOutput {
    void send(byte[] buf, int offset, int length) throws IOException;
}
