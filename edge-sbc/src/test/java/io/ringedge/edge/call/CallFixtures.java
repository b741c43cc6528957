package io.ringedge.edge.call;

import io.ringedge.edge.call.Fork.Status;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One call, its devices and fork ids, shared by the table and the scenarios. */
final class CallFixtures {

    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    static final String CALL_ID = "call-1";
    static final Sdp PBX_OFFER = new Sdp("v=0\r\no=pbx 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n");
    static final Sdp DEVICE_ANSWER = new Sdp("v=0\r\no=dev 1 1 IN IP4 198.51.100.7\r\ns=-\r\n"
            + "c=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n");
    static final Caller CALLER = new Caller("Alice", "+15550001111");
    static final CallContext CALL = new CallContext(CALL_ID, "tenant-1", "conn-1", "+15551230001", "user-1",
            CALLER, "edge-1", Optional.of(PBX_OFFER), T0);
    /** The same call from a late-offer INVITE (no SDP: RFC 3261 §13.2.1). */
    static final CallContext LATE_OFFER_CALL = new CallContext(CALL_ID, "tenant-1", "conn-1", "+15551230001",
            "user-1", CALLER, "edge-1", Optional.empty(), T0);

    static final AttachedDevice A = new AttachedDevice("dev-a", "edge-1", "flow-a", "");
    static final AttachedDevice B = new AttachedDevice("dev-b", "edge-2", "flow-b", "");
    static final AttachedDevice C = new AttachedDevice("dev-c", "edge-1", "flow-c", "");
    /** Asleep when located; may attach later (issue 3). */
    static final AttachedDevice Z = new AttachedDevice("dev-z", "edge-2", "flow-z", "");

    static final ForkId FA = new ForkId(CALL_ID + "/f1");
    static final ForkId FB = new ForkId(CALL_ID + "/f2");
    static final ForkId FC = new ForkId(CALL_ID + "/f3");

    static final RequestRef REQ = new RequestRef("req-1");

    private CallFixtures() {
    }

    static DevicesLocated located(AttachedDevice... attached) {
        return new DevicesLocated(CALL_ID, "tenant-1", "user-1", Caller.UNKNOWN, List.of(attached), List.of());
    }

    static DevicesLocated locatedAsleep(String... asleepIds) {
        List<AsleepDevice> asleep = new ArrayList<>();
        for (String id : asleepIds) {
            asleep.add(new AsleepDevice(id, new PushHandle("fcm", "token-" + id, "")));
        }
        return new DevicesLocated(CALL_ID, "tenant-1", "user-1", Caller.UNKNOWN, List.of(), asleep);
    }

    static Fork fork(ForkId id, AttachedDevice device, Status status) {
        return new Fork(id, device, status, 0);
    }

    static Fork failed(ForkId id, AttachedDevice device, int status) {
        return new Fork(id, device, Status.FAILED, status);
    }

    static Forks forks(Fork... forks) {
        return new Forks(List.of(forks));
    }
}
