package io.ringedge.testkit.sipp;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PBX scenarios of the e2e suite (e2e-tests/src/test/resources/sipp) by name, and where to find
 * them: the folder named by system property {@value #DIR_PROPERTY}, else {@code sipp/} on the
 * classpath (the e2e module's test resources).
 */
public final class SippScenarios {

    public static final String DIR_PROPERTY = "ringedge.sipp.scenarios";

    /** answered, then the PBX hangs up after {@code -d} */
    public static final String ANSWER_PBX_BYE = "pbx-answer-pbx-bye.xml";
    /** answered, then waits for the device's BYE */
    public static final String ANSWER_DEVICE_BYE = "pbx-answer-device-bye.xml";
    /** answered, plays the PCMU capture {@code -key pcap} from {@code [media_port+4]}, BYE after {@code -d} */
    public static final String PLAY_PCAP_PBX_BYE = "pbx-play-pcap-pbx-bye.xml";
    /** answered, plays the PCMU capture {@code -key pcap} from {@code [media_port+4]}, waits for the edge's BYE */
    public static final String PLAY_PCAP_DEVICE_BYE = "pbx-play-pcap-device-bye.xml";
    /** CANCEL {@code -d} after the 180; expects 200 and 487 */
    public static final String CANCEL = "pbx-cancel.xml";
    /** offers PCMA only, plays the SIPp sample recording (g711a.pcap) once answered, hangs up after {@code -d} */
    public static final String ANSWER_PLAY_PCMA = "pbx-answer-play-pcma.xml";
    /** offers G.729 only; expects 488 */
    public static final String EXPECT_G729_REFUSED_488 = "pbx-expect-488-g729.xml";
    public static final String EXPECT_BUSY_486 = "pbx-expect-486.xml";
    public static final String EXPECT_RING_TIMEOUT_480 = "pbx-expect-480.xml";
    public static final String EXPECT_DECLINE_603 = "pbx-expect-603.xml";
    public static final String EXPECT_FORBIDDEN_403 = "pbx-expect-403.xml";
    public static final String EXPECT_UNKNOWN_DID_404 = "pbx-expect-404.xml";
    /** benchmark: fixed rate, the device hangs up; rtds "ringing" and "answered" */
    public static final String LOAD = "pbx-load.xml";
    /** benchmark: fixed rate, the PBX hangs up after {@code -d}; same rtds */
    public static final String LOAD_PBX_BYE = "pbx-load-pbx-bye.xml";

    private SippScenarios() {
    }

    public static Path resolve(String fileName) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, fileName);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no SIPp scenario " + fileName + " in " + DIR_PROPERTY + "=" + dir);
            }
            return p;
        }
        URL url = SippScenarios.class.getClassLoader().getResource("sipp/" + fileName);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalStateException("no SIPp scenario sipp/" + fileName
                    + " on the classpath as a file; set -D" + DIR_PROPERTY + "=<folder>");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad scenario URL " + url, e);
        }
    }
}
