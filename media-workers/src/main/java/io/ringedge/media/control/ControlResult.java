package io.ringedge.media.control;

/**
 * A control call's outcome as a value: the worker's answer, the worker's refusal (its status and
 * JSON reason: not worth retrying on the same worker, except {@code 503 no-capacity} on another),
 * or no answer at all (connect failure, timeout, unreadable reply: the worker may be dead).
 */
public sealed interface ControlResult<T> {

    record Ok<T>(T value) implements ControlResult<T> {
    }

    record Refused<T>(int httpStatus, ControlError error) implements ControlResult<T> {
    }

    record Unreachable<T>(String reason) implements ControlResult<T> {
    }
}
