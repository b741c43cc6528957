package io.ringedge.events;

import java.util.Objects;

/**
 * Which events a consumer reads: one topic, as a member of one consumer group. The group's
 * committed offsets say where it resumes; {@code startAt} only matters for a group that has none.
 *
 * @param startAt where a group with no committed offset starts
 */
public record Subscription(String topic, String group, StartAt startAt) {

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
        if (topic.isBlank() || group.isBlank()) {
            throw new IllegalArgumentException("topic and group must not be blank");
        }
    }

    /** Starts at {@link StartAt#EARLIEST}: a new group misses nothing. */
    public static Subscription of(String topic, String group) {
        return new Subscription(topic, group, StartAt.EARLIEST);
    }
}
