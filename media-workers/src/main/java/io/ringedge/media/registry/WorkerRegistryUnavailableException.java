package io.ringedge.media.registry;

/** Redis did not answer; retrying later may help (broken infrastructure, not a refusal). */
public final class WorkerRegistryUnavailableException extends RuntimeException {

    public WorkerRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
