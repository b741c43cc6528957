package io.ringedge.bench;

import java.util.Locale;

/**
 * The benchmark's numbering plan, shared by the system's configuration (one DID route per user),
 * SIPp's injection file (the DIDs it dials) and the load devices (the users they register as):
 * device {@code i} is the only device of user {@code load-i}, reached on DID {@code +15551iiiiii}.
 * One device per user because the edge forks a call to every device of its user.
 */
public final class LoadUsers {

    public static final String TENANT = "bench";
    public static final String DOMAIN = "bench.ringedge.test";
    private static final int MAX = 1_000_000;

    private LoadUsers() {
    }

    public static String user(int i) {
        check(i);
        return String.format(Locale.ROOT, "load-%06d", i);
    }

    public static String did(int i) {
        check(i);
        return String.format(Locale.ROOT, "+15551%06d", i);
    }

    private static void check(int i) {
        if (i < 0 || i >= MAX) {
            throw new IllegalArgumentException("user index must be 0.." + (MAX - 1) + ", was " + i);
        }
    }
}
