package io.ringedge.media.ice;

/**
 * RFC 8445 §6.1.1: a full agent that sends the offer is controlling; the answerer is controlled.
 * Conflicts (both full agents thinking the same) are settled by tie-breaker (§7.3.1.1).
 */
public enum IceRole {
    CONTROLLING,
    CONTROLLED;

    public IceRole other() {
        return this == CONTROLLING ? CONTROLLED : CONTROLLING;
    }
}
