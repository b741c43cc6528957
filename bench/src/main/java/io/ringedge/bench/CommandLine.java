package io.ringedge.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A benchmark's command line split into flags ({@code --keep-going}) and {@code --name value}
 * options, with the number parsing every benchmark's options share. Each benchmark still says in
 * its own switch what its options mean.
 *
 * @param flags   the flags given, of those the benchmark knows
 * @param options every other option with its value, in order
 */
public record CommandLine(Set<String> flags, List<Option> options) {

    /** One {@code --name value} option. */
    public record Option(String name, String value) {

        /** The value as a whole number 0..{@link Integer#MAX_VALUE}. */
        public long whole() {
            return whole(value);
        }

        /** The value as a comma-separated list of whole numbers. */
        public List<Integer> wholes() {
            return Arrays.stream(value.split(",")).map(String::trim).map(v -> Math.toIntExact(whole(v))).toList();
        }

        private long whole(String text) {
            try {
                long v = Long.parseLong(text.trim());
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(name + ": must not be negative, was " + text);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": must be a whole number, was '" + text + "'");
            }
        }

        /** The error for an option the benchmark does not know. */
        public IllegalArgumentException unknown() {
            return new IllegalArgumentException("unknown option " + name);
        }
    }

    /** Splits {@code args}; anything but one of {@code knownFlags} must be followed by its value. */
    public static CommandLine parse(String[] args, Set<String> knownFlags) {
        Set<String> flags = new HashSet<>();
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (knownFlags.contains(name)) {
                flags.add(name);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": needs a value");
            }
            options.add(new Option(name, args[++i]));
        }
        return new CommandLine(Set.copyOf(flags), List.copyOf(options));
    }
}
