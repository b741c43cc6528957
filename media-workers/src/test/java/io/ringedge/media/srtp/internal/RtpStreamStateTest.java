package io.ringedge.media.srtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3711 §3.3.1 / Appendix A index estimation, and the §3.3.2 replay window, as tables. */
class RtpStreamStateTest {

    @ParameterizedTest(name = "ROC {0}, s_l {1}, SEQ {2} -> index {3}")
    @CsvSource({
        // roc, s_l, seq, expected index
        "0, 100, 101, 101",
        "0, 100, 99, 99",
        "0, 65535, 0, 65536",           // the sequence number wrapped: next roll
        "0, 65500, 10, 65546",
        "0, 40000, 7000, 72536",        // s_l >= 2^15 and SEQ < s_l - 2^15: next roll
        "0, 40000, 8000, 8000",         // within 2^15 below s_l: same roll
        "1, 5, 65530, 65530",           // s_l < 2^15 and SEQ > s_l + 2^15: previous roll
        "1, 5, 30000, 95536",
        "0, 5, 65530, -1",              // a roll before the first: no index
        "7, 32768, 0, 458752",
    })
    void estimatesTheIndexLikeAppendixA(int roc, int highest, int sequence, long expected) {
        RtpStreamState state = stateWith(roc, highest);
        assertEquals(expected, state.estimateIndex(sequence));
    }

    @Test
    void acceptingTheNextRollAdvancesTheRolloverCounter() {
        RtpStreamState state = new RtpStreamState(65534);
        state.accept(state.estimateIndex(65534));
        state.accept(state.estimateIndex(65535));
        long wrapped = state.estimateIndex(0);
        state.accept(wrapped);
        assertEquals(1, state.rolloverCounter());
        assertEquals(0, state.highestSequence());
        // A late packet from before the wrap still gets the old ROC and does not move s_l back.
        long late = state.estimateIndex(65533);
        assertEquals(65533, late);
        assertTrue(state.isFresh(late));
        state.accept(late);
        assertEquals(1, state.rolloverCounter());
        assertEquals(0, state.highestSequence());
    }

    @Test
    void replayWindowRejectsDuplicatesAndPacketsOlderThanTheWindow() {
        ReplayWindow window = new ReplayWindow();
        assertTrue(window.isFresh(1000));
        window.accept(1000);
        assertFalse(window.isFresh(1000), "duplicate");
        assertTrue(window.isFresh(999), "reordered, not yet seen");
        window.accept(999);
        assertFalse(window.isFresh(999));
        window.accept(1100);
        assertFalse(window.isFresh(1100 - ReplayWindow.SIZE), "just outside the window");
        assertTrue(window.isFresh(1100 - ReplayWindow.SIZE + 1), "oldest index inside the window");
        assertFalse(window.isFresh(1000), "seen 100 packets ago: remembered in the older half");
        assertFalse(window.isFresh(999));
        assertTrue(window.isFresh(998));
        assertFalse(window.isFresh(-1), "no negative index");
    }

    /** Every shift distance, against a plain set of accepted indices. */
    @Test
    void replayWindowAgreesWithASetOfAcceptedIndicesAcrossAllShiftDistances() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3322);
        ReplayWindow window = new ReplayWindow();
        java.util.Set<Long> accepted = new java.util.HashSet<>();
        long highest = -1;
        for (int step = 0; step < 20_000; step++) {
            long index = highest < 0 ? 10 : Math.max(0, highest + random.nextInt(-150, 150));
            boolean expectedFresh = index > highest || (highest - index < ReplayWindow.SIZE && !accepted.contains(index));
            assertEquals(expectedFresh, window.isFresh(index), "index " + index + " at highest " + highest);
            if (expectedFresh) {
                window.accept(index);
                accepted.add(index);
                highest = Math.max(highest, index);
            }
        }
    }

    private static RtpStreamState stateWith(int roc, int highest) {
        RtpStreamState state = new RtpStreamState(highest);
        for (int r = 0; r < roc; r++) {
            // Walk the stream through a whole roll in steps shorter than half a roll.
            int sequence = highest;
            for (int step : new int[] {21845, 21845, 21846}) {
                sequence = (sequence + step) & 0xFFFF;
                state.accept(state.estimateIndex(sequence));
            }
        }
        assertEquals(roc, state.rolloverCounter());
        assertEquals(highest, state.highestSequence());
        return state;
    }
}
