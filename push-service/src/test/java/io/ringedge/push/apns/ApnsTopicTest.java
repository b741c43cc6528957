package io.ringedge.push.apns;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 8599 section 9: pn-param for APNs is {@code <team-id>.<bundle-id>.<service>}. */
class ApnsTopicTest {

    @Test
    void teamIdFirstServiceLastBundleIdBetween() {
        ApnsTopic topic = ApnsTopic.parse("ABCDE12345.com.example.phone.voip").orElseThrow();

        assertEquals(new ApnsTopic("ABCDE12345", "com.example.phone", "voip"), topic);
        assertEquals("com.example.phone.voip", topic.voipTopic());
        assertEquals(Optional.of(new ApnsTopic("T", "b", "voip")), ApnsTopic.parse("T.b.voip"));
    }

    @Test
    void anythingWithoutThreePartsIsNotAPnParam() {
        for (String bad : new String[]{null, "", "voip", "T.voip", ".b.voip", "T..voip", "T.b.", "T.b"}) {
            assertEquals(Optional.empty(), ApnsTopic.parse(bad), String.valueOf(bad));
        }
    }
}
