package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The configuration the Terraform hands to instances and tasks uses exactly the service
 * configuration keys agreed with the services (Helidon config keys; the user data and task
 * definitions turn each into the environment variable Helidon maps back to it).
 */
class ConfigKeysTest {

    static final Set<String> AGREED_KEYS = Set.of(
            "edge.node-id", "edge.sip.bind-address", "edge.sip.advertised-address", "edge.sip.udp-port",
            "edge.sip.tcp-port", "edge.sip.tls-port", "edge.ws.port", "edge.wss.port", "edge.http.port",
            "kafka.bootstrap-servers", "redis.uri", "media.bind-address", "media.advertised-address",
            "media.pbx-port-range", "media.device-port-range", "push.apns.key-secret",
            "push.fcm.credentials-secret", "edge.jwt.key-secret");

    private static final String KEY = "(?:edge|media|kafka|redis|push)\\.[a-z0-9.-]+";
    private static final Pattern WHOLE_KEY = Pattern.compile("^" + KEY + "$");
    private static final Pattern KEY_IN_EXPRESSION = Pattern.compile("\"(" + KEY + ")\"\\s*=");

    @Test
    void theLocalsPassExactlyTheAgreedServiceKeys() {
        Set<String> passed = new TreeSet<>();
        for (TerraformModule module : ParsedTrees.repository().modules().values()) {
            for (var local : module.locals().values()) {
                for (String s : Expressions.strings(local)) {
                    if (WHOLE_KEY.matcher(s).matches()) {
                        passed.add(s);
                    }
                    Matcher m = KEY_IN_EXPRESSION.matcher(s);
                    while (m.find()) {
                        passed.add(m.group(1));
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(AGREED_KEYS), passed);
    }
}
