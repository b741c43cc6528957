package io.ringedge.media.control;

/** {@code GET /v1/health}: who answers and how loaded it is. */
public record WorkerHealth(String workerId, int sessions, int capacity) {
}
