package io.ringedge.events;

/**
 * Thrown by an {@link EventFunction} or subscriber callback when infrastructure it depends on
 * (Redis, a provider) is down: the event itself is fine and handling it again later can succeed.
 * The runtime retries it with backoff and never commits past it, so the event is not lost. Any
 * other exception is a bug about that event: it is logged, counted and skipped.
 */
public class RetryableEventException extends RuntimeException {

    public RetryableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
