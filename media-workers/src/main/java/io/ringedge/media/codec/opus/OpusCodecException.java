package io.ringedge.media.codec.opus;

/**
 * Opus rejected a frame: a corrupt payload from the network (drop it and conceal) or a bug in how
 * we call the codec. A retry with the same input cannot help.
 */
public final class OpusCodecException extends RuntimeException {
    public OpusCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
