package io.ringedge.media.dtls.internal;

import java.util.Hashtable;

/** BouncyCastle hands extensions around as raw {@code Hashtable}s, sometimes null. */
final class TlsExtensionsOf {
    private TlsExtensionsOf() {
    }

    @SuppressWarnings("unchecked")
    static Hashtable<Integer, byte[]> copy(Hashtable<?, ?> extensions) {
        return extensions == null ? new Hashtable<>() : new Hashtable<>((Hashtable<Integer, byte[]>) extensions);
    }
}
