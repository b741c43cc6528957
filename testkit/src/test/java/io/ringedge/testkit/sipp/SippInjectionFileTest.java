package io.ringedge.testkit.sipp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -inf}: the signalling benchmark dials a different DID per call from an injection file. */
class SippInjectionFileTest {

    private static final Path ANSWER = SippScenarios.resolve(SippScenarios.ANSWER_PBX_BYE);

    @Test
    void noneByDefaultAndKeptThroughOtherChanges(@TempDir Path dir) throws IOException {
        SippRun run = SippRun.uac(ANSWER, "127.0.0.1", 5060);
        assertNull(run.injectionFile());
        Path csv = Files.writeString(dir.resolve("dids.csv"), "SEQUENTIAL\n+15551000000;\n");
        SippRun with = run.withInjectionFile(csv).withRate(50).withCalls(10).withoutMessageTrace().withMaxConcurrent(5);
        assertEquals(csv, with.injectionFile());
    }

    @Test
    void aMissingFileIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SippRun.uac(ANSWER, "127.0.0.1", 5060).withInjectionFile(Path.of("no-such-dids.csv")));
        assertTrue(e.getMessage().contains("no-such-dids.csv"), e.getMessage());
    }
}
