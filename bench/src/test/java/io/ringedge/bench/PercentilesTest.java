package io.ringedge.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PercentilesTest {

    @Test
    void nearestRankOverOneToHundred() {
        List<Double> samples = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            samples.add((double) i);
        }
        Collections.shuffle(samples);
        Percentiles p = Percentiles.of(samples);
        assertEquals(100, p.count());
        assertEquals(50, p.p50());
        assertEquals(99, p.p99());
        assertEquals(100, p.max());
    }

    @Test
    void oneSlowCallInAThousandIsNotThe99thPercentileButTwelveAre() {
        List<Double> samples = new ArrayList<>(Collections.nCopies(999, 3.0));
        samples.add(500.0);
        assertEquals(3, Percentiles.of(samples).p99());
        List<Double> slow = new ArrayList<>(Collections.nCopies(988, 3.0));
        slow.addAll(Collections.nCopies(12, 40.0));
        assertEquals(40, Percentiles.of(slow).p99());
    }

    @Test
    void singleSampleAndNone() {
        Percentiles one = Percentiles.of(List.of(7.5));
        assertEquals(7.5, one.p50());
        assertEquals(7.5, one.p99());
        assertSame(Percentiles.NONE, Percentiles.of(List.of()));
    }
}
