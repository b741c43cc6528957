package io.ringedge.events.internal;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.RingedgeEvent;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of event types: each record class, its CloudEvents {@code type} and the version
 * of its data schema. {@link #of} switches exhaustively over the sealed hierarchy, so a new record
 * does not compile until it has an entry here, and decoding finds it by the same entry.
 *
 * <p>A schema version is raised when fields are added; a reader of an older version sees the
 * added fields as absent (null, 0 or false). Renaming or removing a field needs a new type.
 */
public enum EventType {
    CALL_OFFERED("io.ringedge.call.offered", CallOffered.class, 1),
    DEVICES_LOCATED("io.ringedge.call.devices-located", DevicesLocated.class, 2),
    PUSH_SENT("io.ringedge.call.push-sent", PushSent.class, 1),
    PUSH_FAILED("io.ringedge.call.push-failed", PushFailed.class, 1),
    DEVICE_ATTACHED("io.ringedge.call.device-attached", DeviceAttached.class, 2),
    INVITE_DELIVERED("io.ringedge.call.invite-delivered", InviteDelivered.class, 1),
    CALL_RINGING("io.ringedge.call.ringing", CallRinging.class, 1),
    CALL_ANSWERED("io.ringedge.call.answered", CallAnswered.class, 1),
    CALL_CANCELLED("io.ringedge.call.cancelled", CallCancelled.class, 1),
    CALL_ENDED("io.ringedge.call.ended", CallEnded.class, 1),
    DEVICE_REGISTERED("io.ringedge.device.registered", DeviceRegistered.class, 1),
    DEVICE_UNREGISTERED("io.ringedge.device.unregistered", DeviceUnregistered.class, 1);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String typeName;
    private final Class<? extends RingedgeEvent> recordClass;
    private final int schemaVersion;

    EventType(String typeName, Class<? extends RingedgeEvent> recordClass, int schemaVersion) {
        this.typeName = typeName;
        this.recordClass = recordClass;
        this.schemaVersion = schemaVersion;
    }

    public static EventType of(RingedgeEvent event) {
        return switch (event) {
            case CallOffered e -> CALL_OFFERED;
            case DevicesLocated e -> DEVICES_LOCATED;
            case PushSent e -> PUSH_SENT;
            case PushFailed e -> PUSH_FAILED;
            case DeviceAttached e -> DEVICE_ATTACHED;
            case InviteDelivered e -> INVITE_DELIVERED;
            case CallRinging e -> CALL_RINGING;
            case CallAnswered e -> CALL_ANSWERED;
            case CallCancelled e -> CALL_CANCELLED;
            case CallEnded e -> CALL_ENDED;
            case DeviceRegistered e -> DEVICE_REGISTERED;
            case DeviceUnregistered e -> DEVICE_UNREGISTERED;
        };
    }

    public static Optional<EventType> named(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    /** The CloudEvents {@code type} attribute. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends RingedgeEvent> recordClass() {
        return recordClass;
    }

    public int schemaVersion() {
        return schemaVersion;
    }
}
