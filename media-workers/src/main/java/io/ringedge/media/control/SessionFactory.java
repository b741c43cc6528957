package io.ringedge.media.control;

/** Opens the media of new sessions; the worker's one factory is wired in its main. */
@FunctionalInterface
public interface SessionFactory {

    SessionOpening open(String sessionId);
}
