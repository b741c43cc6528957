package io.ringedge.media.control;

import io.ringedge.media.sdp.Leg;

/** What creating a session from a PBX offer came to. Every case is an expected answer. */
public sealed interface CreateOutcome {

    record Created(SessionCreated session) implements CreateOutcome {
    }

    /** The offer is not valid SDP. */
    record BadSdp(String reason) implements CreateOutcome {
    }

    /** The offer is valid SDP but offers nothing we can carry: the PBX gets {@code sipStatus}. */
    record NotAcceptable(Leg leg, int sipStatus, String reason) implements CreateOutcome {
    }

    /** At capacity or out of ports; another worker may take the call. */
    record NoCapacity(String reason) implements CreateOutcome {
    }

    /** A session with this id exists already. */
    record Exists(String sessionId) implements CreateOutcome {
    }

    /**
     * This id was deleted before its creation arrived (the edge gave up waiting and deleted it):
     * the session is not created, so nothing is left behind.
     */
    record Deleted(String sessionId) implements CreateOutcome {
    }
}
