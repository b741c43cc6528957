package io.ringedge.push;

import io.ringedge.events.PushHandle;

import java.time.Duration;
import java.util.Objects;

/** One push to one device: wake it for a call, or tell it the call it was woken for is over. */
public sealed interface Push {

    PushHandle handle();

    String callId();

    /**
     * Wake the device for a ringing call.
     *
     * @param timeToLive how long the provider may hold the push: no use delivering it after the ring timeout
     */
    record Wake(PushHandle handle, WakePayload payload, Duration timeToLive) implements Push {
        public Wake {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(timeToLive, "timeToLive");
        }

        @Override
        public String callId() {
            return payload.callId();
        }
    }

    /**
     * Stop ringing: the caller hung up, another device answered, or the ring timeout fired.
     *
     * @param callerName   shown in the "missed call" notification where the platform shows one
     * @param callerNumber likewise
     */
    record Cancel(PushHandle handle, String callId, String callerName, String callerNumber) implements Push {
        public Cancel {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(callId, "callId");
            callerName = Objects.requireNonNullElse(callerName, "");
            callerNumber = Objects.requireNonNullElse(callerNumber, "");
        }

        /** Who called, for people: the display name when the PBX sent one, else the number. */
        public String callerLabel() {
            return callerName.isBlank() ? callerNumber : callerName;
        }
    }
}
