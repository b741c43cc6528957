package io.ringedge.edge.call;

import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;

/**
 * What reaches a held call from outside SIP. Never blocks: each input is queued on its call and
 * handled there. An input for a call this edge does not hold is ignored, since every edge
 * consumes every {@code DevicesLocated} and only the holding edge acts on it.
 */
public interface InboundCalls {

    /** The device-locator's answer, consumed from Kafka (possibly more than once). */
    void devicesLocated(DevicesLocated devices);

    /**
     * A device of the call's user attached while the call may need it (issue 3: a woken phone
     * registered with its attach token). It is forked to if the call still rings, and otherwise
     * gets an INVITE that is cancelled at once.
     */
    void deviceAvailable(String callId, AttachedDevice device);
}
