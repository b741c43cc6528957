package io.ringedge.edge.sip.registrar;

import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RecordingCallSignalling;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.WsDevice;
import io.ringedge.edge.token.TokenIssuer;
import io.ringedge.edge.token.TokenKey;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.locator.Binding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.ringedge.edge.sip.WsDevice.header;
import static io.ringedge.edge.sip.WsDevice.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registrar end to end: JDK WebSocket device, real edge stack, in-memory directory. */
class RegistrarTest {

    private EdgeFixture f;
    private WsDevice phone;

    @BeforeEach
    void start() throws Exception {
        f = new EdgeFixture("edge-r", (stack, flows, responder) -> new RecordingCallSignalling(responder, 486));
        phone = new WsDevice(f.edge.sip().port(Ingress.WS));
    }

    @AfterEach
    void stop() {
        phone.close();
        f.close();
    }

    private String register(WsDevice device, String user, int expires, String token) throws Exception {
        device.send(device.register(user, expires, token == null ? "" : "Authorization: Bearer " + token + "\r\n"));
        return device.next();
    }

    @Test
    void validTokenBindsPinsAndAnswersWithTheBinding() throws Exception {
        String ok = register(phone, "alice", 600, f.token("tenant-a", "alice", "phone-1"));

        assertEquals(200, status(ok), ok);
        assertTrue(header(ok, "Contact").contains(phone.contactHost), ok);
        assertTrue(header(ok, "Contact").contains("expires=600"), ok);
        List<Binding> bindings = f.directory.bindings("tenant-a", "alice");
        assertEquals(1, bindings.size());
        Binding b = bindings.getFirst();
        assertEquals("phone-1", b.deviceId());
        assertEquals("edge-r", b.edgeNode());
        assertEquals(Duration.ofSeconds(600), f.directory.lastExpiry.get("tenant-a/alice/phone-1"));
        var flow = f.edge.flows().find(new io.ringedge.edge.sip.ws.FlowId(b.flowId())).orElseThrow();
        assertEquals(flow, f.edge.flows().pinnedFlow(f.edge.sip().addresses().createSipURI("alice", phone.contactHost)).orElseThrow());
        assertEquals(new DeviceRegistered("phone-1", "tenant-a", "alice", "edge-r", 600), f.events.next());
    }

    @Test
    void aStoreOutageAnswers503WithRetryAfterAndTheNextRegisterBinds() throws Exception {
        String token = f.token("tenant-a", "alice", "phone-1");
        f.directory.unavailable = true;

        String refused = register(phone, "alice", 600, token);
        assertEquals(503, status(refused), refused);
        assertEquals("5", header(refused, "Retry-After"));

        f.directory.unavailable = false;
        assertEquals(200, status(register(phone, "alice", 600, token)));
        assertEquals(1, f.directory.bindings("tenant-a", "alice").size());
    }

    @Test
    void expiryBoundsAndRefresh() throws Exception {
        String token = f.token("tenant-a", "alice", "phone-1");

        String brief = register(phone, "alice", 30, token);
        assertEquals(423, status(brief), brief);
        assertEquals("60", header(brief, "Min-Expires"));
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty());

        assertEquals(200, status(register(phone, "alice", 7200, token)));
        assertEquals(Duration.ofSeconds(3600), f.directory.lastExpiry.get("tenant-a/alice/phone-1"), "capped at max");

        assertEquals(200, status(register(phone, "alice", 120, token)));
        assertEquals(Duration.ofSeconds(120), f.directory.lastExpiry.get("tenant-a/alice/phone-1"), "refreshed");
        assertEquals(1, f.directory.bindings("tenant-a", "alice").size());
    }

    @Test
    void expiresZeroRemovesTheBinding() throws Exception {
        String token = f.token("tenant-a", "alice", "phone-1");
        register(phone, "alice", 600, token);
        f.events.next();

        String removed = register(phone, "alice", 0, token);

        assertEquals(200, status(removed));
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty());
        assertEquals(new DeviceUnregistered("phone-1", "tenant-a", "alice", DeviceUnregistered.Reason.UNREGISTERED),
                f.events.next());
    }

    @Test
    void wildcardWithExpiresZeroRemovesAndAQueryListsBindings() throws Exception {
        String token = f.token("tenant-a", "alice", "phone-1");
        register(phone, "alice", 600, token);
        try (WsDevice laptop = new WsDevice(f.edge.sip().port(Ingress.WS))) {
            register(laptop, "alice", 600, f.token("tenant-a", "alice", "laptop-1"));
            String ok = register(phone, "alice", 300, token);
            assertTrue(ok.contains(laptop.contactHost) && ok.contains(phone.contactHost),
                    "RFC 3261 §10.3 step 8: every current binding of the AOR is listed\n" + ok);

            String query = phone.register("alice", 0, "Authorization: Bearer " + token + "\r\n")
                    .replaceAll("Contact: [^\r]*\r\n", "");
            phone.send(query);
            String listed = phone.next();
            assertEquals(200, status(listed));
            assertEquals(2, f.directory.bindings("tenant-a", "alice").size(), "a query changes nothing");

            String wildcard = phone.register("alice", 0, "Authorization: Bearer " + token + "\r\nExpires: 0\r\n")
                    .replaceAll("Contact: [^\r]*\r\n", "Contact: *\r\n");
            phone.send(wildcard);
            assertEquals(200, status(phone.next()));
            assertEquals(List.of("laptop-1"),
                    f.directory.bindings("tenant-a", "alice").stream().map(Binding::deviceId).toList(),
                    "'*' removes only the token's device");

            String badWildcard = wildcard.replace("Expires: 0", "Expires: 60");
            phone.send(badWildcard);
            assertEquals(400, status(phone.next()));
        }
    }

    @Test
    void aClosedWebSocketRemovesItsBindings() throws Exception {
        register(phone, "alice", 600, f.token("tenant-a", "alice", "phone-1"));
        f.events.next();

        phone.socket.sendClose(1000, "done");
        phone.closed.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(new DeviceUnregistered("phone-1", "tenant-a", "alice", DeviceUnregistered.Reason.CONNECTION_CLOSED),
                f.events.next());
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty());
    }

    @Test
    void badTokensAre401WithABearerChallengeAndAReason() throws Exception {
        var foreign = new TokenIssuer(new TokenKey.Hmac("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8)),
                f.clock);
        String expired = f.issuer.mint("tenant-a", "alice", "phone-1", Duration.ofSeconds(60)).token();
        f.clock.advance(Duration.ofSeconds(120));
        String[][] cases = {
                {null, "missing token"},
                {"not-a-jwt", "malformed token"},
                {"e30.e30.AA", "unsupported algorithm"},
                {foreign.mint("tenant-a", "alice", "phone-1", Duration.ofMinutes(5)).token(), "bad signature"},
                {expired, "token expired"},
        };
        for (String[] c : cases) {
            String r = register(phone, "alice", 600, c[0]);
            assertEquals(401, status(r), r);
            String challenge = header(r, "WWW-Authenticate");
            assertTrue(challenge.startsWith("Bearer realm=\"ringedge\""), challenge);
            assertTrue(challenge.contains("error_description=\"" + c[1] + "\""), challenge);
            assertTrue(r.startsWith("SIP/2.0 401 Unauthorized (" + c[1] + ")"), r);
        }
        assertEquals(cases.length, f.edge.counters().count(RejectCounters.Reason.UNAUTHENTICATED));
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty());

        String stolen = register(phone, "alice", 600, f.token("tenant-a", "bob", "phone-9"));
        assertEquals(403, status(stolen), "a token for bob cannot register alice");

        assertEquals(200, status(register(phone, "alice", 600, f.token("tenant-a", "alice", "phone-1"))),
                "after all that, a good REGISTER still works");
    }

    private String registerWithPush(String pnParams) throws Exception {
        String token = f.token("tenant-a", "alice", "phone-1");
        phone.send(phone.register("alice", 600, "Authorization: Bearer " + token + "\r\n")
                .replace(";transport=ws>", ";transport=ws;" + pnParams + ">"));
        return phone.next();
    }

    @Test
    void rfc8599PushParametersAreStoredWithTheBinding() throws Exception {
        String apns = "pn-provider=apns;pn-prid=" + "ab12".repeat(16) + ";pn-param=ABCDE12345.com.example.phone.voip";
        assertEquals(200, status(registerWithPush(apns)));
        assertEquals(java.util.Optional.of(new io.ringedge.events.PushHandle("apns", "ab12".repeat(16),
                "ABCDE12345.com.example.phone.voip")), f.directory.bindings("tenant-a", "alice").getFirst().pushHandle());

        assertEquals(200, status(registerWithPush("pn-provider=fcm;pn-prid=fcm-token_1:APA91b")));
        assertEquals(java.util.Optional.of(new io.ringedge.events.PushHandle("fcm", "fcm-token_1:APA91b", "")),
                f.directory.bindings("tenant-a", "alice").getFirst().pushHandle(), "pn-param is optional for FCM");
    }

    @Test
    void malformedPushParametersAre400NamingTheParameter() throws Exception {
        String hex = "ab12".repeat(16);
        String[][] cases = {
                {"pn-prid=" + hex, "Missing pn-provider"},
                {"pn-provider=apns", "Missing pn-prid"},
                {"pn-provider=apns;pn-prid=not-hex-at-all-zz", "Bad pn-prid"},
                {"pn-provider=apns;pn-prid=" + hex, "Missing pn-param"},
                {"pn-provider=apns;pn-prid=" + hex + ";pn-param=voip", "Bad pn-param"},
                {"pn-provider=fcm;pn-prid=tok;pn-param=Not_A_Project", "Bad pn-param"},
                {"pn-provider=fcm;pn-prid=tok%20with%20space", "Bad pn-prid"},
                {"pn-provider=AP%2FNS;pn-prid=" + hex, "Bad pn-provider"},
        };
        for (String[] c : cases) {
            String r = registerWithPush(c[0]);
            assertTrue(r.startsWith("SIP/2.0 400 " + c[1] + "\r\n"), c[0] + " -> " + r);
        }
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty(), "nothing bound");
    }

    @Test
    void anUnknownPushServiceIs555WithTheSupportedOnesInFeatureCaps() throws Exception {
        String r = registerWithPush("pn-provider=huawei;pn-prid=abc");

        assertTrue(r.startsWith("SIP/2.0 555 Push Notification Service Not Supported"), r);
        assertEquals("*;+sip.pns=\"apns,fcm,webpush\"", header(r, "Feature-Caps"), r);
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty());
    }

    private String registerAttaching(String device, String attachToken) throws Exception {
        phone.send(phone.register("alice", 600, "Authorization: Bearer " + f.token("tenant-a", "alice", device) + "\r\n"
                + io.ringedge.edge.sip.registrar.AttachGate.HEADER + ": " + attachToken + "\r\n"));
        return phone.next();
    }

    @Test
    void aValidAttachTokenBindsAndAnnouncesTheDeviceOnce() throws Exception {
        String token = f.attachTokens.mint("phone-1", "call-7", f.clock.instant().plusSeconds(30));

        String ok = registerAttaching("phone-1", token);

        assertEquals(200, status(ok), ok);
        assertEquals("phone-1", f.directory.bindings("tenant-a", "alice").getFirst().deviceId());
        // stamped by the edge's clock when the REGISTER came in, so the timeline shows the whole attach
        var attached = new io.ringedge.events.DeviceAttached("call-7", "phone-1", "edge-r", f.clock.instant());
        assertEquals(attached, f.attached.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(f.events.events.contains(attached), "on the call's timeline: " + f.events.events);

        String again = registerAttaching("phone-1", token);
        assertTrue(again.startsWith("SIP/2.0 401 Unauthorized (attach token already used)"), again);
        assertTrue(f.attached.isEmpty(), "a reused token announces nothing");
    }

    @Test
    void refusedAttachTokensAre401AndBindNothing() throws Exception {
        String expired = f.attachTokens.mint("phone-1", "call-7", f.clock.instant().plusSeconds(30));
        String forLaptop = f.attachTokens.mint("laptop-1", "call-7", f.clock.instant().plusSeconds(300));
        var foreign = new io.ringedge.push.AttachTokens("another-attach-key-another-attach-key".getBytes(StandardCharsets.US_ASCII), f.clock);
        String forged = foreign.mint("phone-1", "call-7", f.clock.instant().plusSeconds(300));
        f.clock.advance(Duration.ofSeconds(60));
        String[][] cases = {
                {expired, "attach token expired"},
                {forLaptop, "attach token for another device"},
                {forged, "bad attach token signature"},
                {"not-a-token", "malformed attach token"},
        };
        for (String[] c : cases) {
            String r = registerAttaching("phone-1", c[0]);
            assertTrue(r.startsWith("SIP/2.0 401 Unauthorized (" + c[1] + ")"), r);
            assertTrue(header(r, "WWW-Authenticate").contains("error_description=\"" + c[1] + "\""), r);
        }
        assertTrue(f.directory.bindings("tenant-a", "alice").isEmpty(), "no binding, so no call can reach it");
        assertTrue(f.attached.isEmpty());
        assertEquals(200, status(registerAttaching("laptop-1", forLaptop)),
                "refusals did not burn the token for its own device");
    }
}
