package io.ringedge.events;

import java.util.List;

/**
 * A stateless handler bound to a topic and consumer group (the "event function" runtime). It turns
 * one consumed event into the events it causes; the runtime publishes those and only then commits
 * the consumed offset, so a crash redelivers rather than loses. A handler must therefore be
 * idempotent. Events it does not care about yield an empty list.
 */
@FunctionalInterface
public interface EventFunction {

    List<RingedgeEvent> apply(EventEnvelope<? extends RingedgeEvent> envelope);
}
