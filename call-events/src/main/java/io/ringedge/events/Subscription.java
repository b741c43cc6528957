package io.ringedge.events;

import java.util.Objects;
import java.util.Set;

/**
 * Which events a consumer reads: one topic, as a member of one consumer group. The group's
 * committed offsets say where it resumes; {@code startAt} only matters for a group that has none.
 *
 * @param startAt where a group with no committed offset starts
 * @param events  the event types the consumer acts on; records of any other known type are passed
 *                over without being decoded or handed to it. Empty means every event.
 */
public record Subscription(String topic, String group, StartAt startAt, Set<Class<? extends RingedgeEvent>> events) {

    public enum StartAt {
        /** The oldest retained event: nothing published before the group first joined is missed. */
        EARLIEST,
        /** Only events published after the group is first assigned its partitions. */
        LATEST
    }

    public Subscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startAt, "startAt");
        events = Set.copyOf(Objects.requireNonNull(events, "events"));
        if (topic.isBlank() || group.isBlank()) {
            throw new IllegalArgumentException("topic and group must not be blank");
        }
    }

    /** Every event of {@code topic}. */
    public Subscription(String topic, String group, StartAt startAt) {
        this(topic, group, startAt, Set.of());
    }

    /** Starts at {@link StartAt#EARLIEST}: a new group misses nothing. */
    public static Subscription of(String topic, String group) {
        return new Subscription(topic, group, StartAt.EARLIEST);
    }

    /**
     * This subscription narrowed to the events the consumer acts on. Why it matters: every part of
     * the system reads the one call topic, where most events are of no interest to a given part;
     * passing over them costs neither JSON decoding nor an offset commit each.
     */
    @SafeVarargs
    public final Subscription only(Class<? extends RingedgeEvent>... acted) {
        return new Subscription(topic, group, startAt, Set.of(acted));
    }

    /** Whether the consumer acts on events of {@code type}. */
    public boolean accepts(Class<? extends RingedgeEvent> type) {
        return events.isEmpty() || events.contains(type);
    }
}
