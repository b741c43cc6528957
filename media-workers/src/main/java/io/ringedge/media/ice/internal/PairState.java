package io.ringedge.media.ice.internal;

/**
 * Candidate pair states (RFC 8445 §6.1.2.6). There is no Frozen: with one component and one data
 * stream (rtcp-mux and BUNDLE) and a single local candidate, every pair has its own foundation
 * pair, so the initial states rule puts them all in Waiting.
 */
public enum PairState {
    WAITING,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
}
