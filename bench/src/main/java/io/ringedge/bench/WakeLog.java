package io.ringedge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The phones' wakes, one CSV line each, flushed per line so the driver can read them while the phones run. */
final class WakeLog implements AutoCloseable {

    private final BufferedWriter out;

    private WakeLog(BufferedWriter out) {
        this.out = out;
    }

    static WakeLog create(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(PhoneWake.HEADER);
        out.newLine();
        out.flush();
        return new WakeLog(out);
    }

    synchronized void add(PhoneWake wake) {
        try {
            out.write(wake.csv());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PhoneWake> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                .map(PhoneWake::parse).toList();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
