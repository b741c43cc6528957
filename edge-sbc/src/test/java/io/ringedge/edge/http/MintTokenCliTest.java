package io.ringedge.edge.http;

import io.ringedge.edge.token.TokenKey;
import io.ringedge.edge.token.TokenVerifier;
import io.ringedge.edge.token.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The CLI reads the edge's configuration the way the edge does (here: system properties). */
class MintTokenCliTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.clearProperty("edge.http.admin-api-key");
        System.clearProperty("edge.token.hmac-secret");
    }

    @Test
    void printsATokenTheEdgeAccepts() {
        System.setProperty("edge.http.admin-api-key", "k");
        System.setProperty("edge.token.hmac-secret", SECRET);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));

        MintTokenCli.main(new String[]{"tenant-a", "alice", "demo-phone", "60"});

        String token = out.toString(StandardCharsets.UTF_8).strip();
        var verifier = new TokenVerifier(new TokenKey.Hmac(SECRET.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(),
                Duration.ofSeconds(5));
        var claims = assertInstanceOf(Verification.Valid.class, verifier.verify(token)).claims();
        assertEquals("demo-phone", claims.deviceId());
        assertEquals(Duration.ofSeconds(60), Duration.between(claims.issuedAt(), claims.expiresAt()));
    }
}
