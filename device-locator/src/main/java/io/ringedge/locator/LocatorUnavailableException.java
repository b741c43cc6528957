package io.ringedge.locator;

import io.ringedge.events.RetryableEventException;

/**
 * The shared store (Redis) did not answer or failed a command: broken infrastructure, not a
 * property of the request. Retrying can help once the store is back; callers on a SIP path answer
 * with a 5xx (e.g. 503 for a REGISTER) rather than block; the event runtime retries the event.
 */
public final class LocatorUnavailableException extends RetryableEventException {

    public LocatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
