package io.ringedge.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions: continuation lines joined, comments dropped, so a test can
 * ask for the USER, the HEALTHCHECK or the COPY sources without a Docker engine.
 *
 * @param file         where it is
 * @param instructions each {@code INSTRUCTION arguments}, the instruction upper case
 */
record Dockerfile(Path file, List<Instruction> instructions) {

    record Instruction(String name, String arguments) {
    }

    static Dockerfile read(Path file) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : ConfigReference.read(file).split("\n")) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (!pending.isEmpty() && line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String whole = pending.toString().strip();
            pending.setLength(0);
            int space = whole.indexOf(' ');
            out.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1).strip()));
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(file + ": ends inside a continued instruction");
        }
        return new Dockerfile(file, List.copyOf(out));
    }

    List<String> all(String name) {
        return instructions.stream().filter(i -> i.name().equals(name)).map(Instruction::arguments).toList();
    }

    int indexOf(String name) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The words of an exec-form (JSON array) argument list such as ENTRYPOINT ["java", "-jar", "x.jar"]. */
    static List<String> execForm(String arguments) {
        String s = arguments.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("not exec form: " + arguments);
        }
        List<String> words = new ArrayList<>();
        for (String part : s.substring(1, s.length() - 1).split(",")) {
            String w = part.strip();
            if (!w.startsWith("\"") || !w.endsWith("\"")) {
                throw new IllegalArgumentException("not a JSON string: " + w + " in " + arguments);
            }
            words.add(w.substring(1, w.length() - 1));
        }
        return words;
    }
}
