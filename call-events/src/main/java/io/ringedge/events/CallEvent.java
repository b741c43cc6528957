package io.ringedge.events;

/** An event on one call's timeline. Keyed by call id, so one call's events stay in order on one partition. */
public sealed interface CallEvent extends RingedgeEvent
        permits CallOffered, DevicesLocated, PushSent, PushFailed, CallRinging, CallAnswered, CallCancelled,
        CallEnded, DeviceAttached, InviteDelivered {

    /** Ringedge's own id for the call (never the PBX's Call-ID: topology hiding). */
    String callId();

    @Override
    default String subject() {
        return callId();
    }
}
