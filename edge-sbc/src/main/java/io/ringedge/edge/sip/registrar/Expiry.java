package io.ringedge.edge.sip.registrar;

import io.ringedge.edge.EdgeConfig;

/**
 * What the registrar grants for a requested expiry, RFC 3261 §10.3 steps 6-8: 0 removes, below the
 * minimum is refused with 423 (Min-Expires), above the maximum is shortened, nothing requested gets
 * the default.
 */
sealed interface Expiry {

    record Remove() implements Expiry {
    }

    record TooBrief(int minExpires) implements Expiry {
    }

    record Granted(int seconds) implements Expiry {
    }

    /** @param requested Contact {@code expires} param, else the Expires header, else null */
    static Expiry decide(Integer requested, EdgeConfig.Registrar bounds) {
        if (requested == null) {
            return new Granted(bounds.defaultExpires());
        }
        if (requested == 0) {
            return new Remove();
        }
        if (requested < bounds.minExpires()) {
            return new TooBrief(bounds.minExpires());
        }
        return new Granted(Math.min(requested, bounds.maxExpires()));
    }
}
