package io.ringedge.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void aWindowIsSharedOutByKindInPercentOfOneCore() {
        MachineCpu before = MachineCpu.parse("cpu  100 0 50 800 0 0 10 0 0 0");
        MachineCpu after = MachineCpu.parse("cpu  190 10 110 820 0 0 70 0 0 0"); // 100 user, 60 system, 60 softirq, 20 idle
        assertEquals("machine: 183 % busy of 200 % (user 83, system 50, irq 50, steal 0, idle 17)", after.since(before, 2));
    }

    @Test
    void aLineThatIsNotTheAggregateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MachineCpu.parse("cpu0 1 2 3 4 5 6 7 8"));
    }
}
