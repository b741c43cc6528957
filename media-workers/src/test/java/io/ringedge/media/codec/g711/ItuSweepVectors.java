package io.ringedge.media.codec.g711;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ITU-T G.191 STL G.711 sweep files in {@code shared/testdata/g711}: each 65,536 16-bit
 * little-endian words. The repository is cloned beside {@code shared/} (as {@code <x>/main} next
 * to {@code <x>/shared}); a worktree may sit deeper, so every ancestor of the working directory is
 * tried. {@code -Dringedge.shared.dir=...} overrides the search. Missing vectors fail the test:
 * a G.711 that was never compared with the reference must not pass silently.
 */
final class ItuSweepVectors {
    static final int WORDS = 65_536;
    private static final String RELATIVE = "testdata/g711";

    private ItuSweepVectors() {
    }

    static Path directory() {
        String override = System.getProperty("ringedge.shared.dir");
        if (override != null && !override.isBlank()) {
            Path candidate = Path.of(override).resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve("sweep.src"))) {
                return candidate;
            }
            throw new AssertionError("ITU G.711 reference vectors not found: -Dringedge.shared.dir="
                    + override + " has no " + candidate.resolve("sweep.src"));
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve("sweep.src"))) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new AssertionError("ITU G.711 reference vectors not found: expected sweep.src in "
                + "shared/" + RELATIVE + " beside the repository (tried " + tried
                + "); set -Dringedge.shared.dir=<path to shared> if it lives elsewhere");
    }

    /** All words of one file as signed 16-bit values. */
    static short[] words(String name) {
        Path file = directory().resolve(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ITU vector " + file, e);
        }
        if (bytes.length != WORDS * 2) {
            throw new AssertionError(file + ": expected " + WORDS * 2 + " bytes, found " + bytes.length);
        }
        short[] words = new short[WORDS];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(words);
        return words;
    }

    /** A code file: one code per 16-bit word, in its low byte (the high byte must be zero). */
    static byte[] codes(String name) {
        short[] words = words(name);
        byte[] codes = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & 0xFF00) != 0) {
                throw new AssertionError(name + " word " + i + " is not a G.711 code: " + words[i]);
            }
            codes[i] = (byte) words[i];
        }
        return codes;
    }
}
