package io.ringedge.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EModelTest {

    @ParameterizedTest(name = "R {0} → MOS {1}")
    @CsvSource({
            "93.2,  4.41",
            "100,   4.50",
            "80,    4.02",
            "70,    3.60",
            "60,    3.10",
            "50,    2.58",
            "0,     1.00",
            "-5,    1.00",
            "120,   4.50",
    })
    void mosFromRatingFollowsAnnexB(double r, double mos) {
        assertEquals(mos, EModel.mos(r), 0.006);
    }

    @ParameterizedTest(name = "{1} with {2} % loss and {0} ms one way → R {3}")
    @CsvSource({
            // Defaults, no delay, no loss: the G.107 reference connection.
            "0,   G711_WITH_PLC,    0, 93.2",
            // Ie,eff = 95·1/(1 + 25.1) = 3.64 (G.113 Appendix I values).
            "0,   G711_WITH_PLC,    1, 89.56",
            "0,   G711_WITH_PLC,    5, 77.42",
            // Without concealment the same 1 % costs far more: 95·1/(1 + 4.3) = 17.92.
            "0,   G711_WITHOUT_PLC, 1, 75.28",
            "0,   OPUS,             0, 88.2",
    })
    void ratingWithCodecAndLoss(double delay, CodecImpairment codec, double loss, double expected) {
        assertEquals(expected, EModel.rating(delay, codec, loss), 0.05);
    }

    @Test
    void delayCostsLittleUntilAboutOneHundredFiftyMillisecondsThenMore() {
        double r150 = EModel.rating(150, CodecImpairment.G711_WITH_PLC, 0);
        double r300 = EModel.rating(300, CodecImpairment.G711_WITH_PLC, 0);
        double r400 = EModel.rating(400, CodecImpairment.G711_WITH_PLC, 0);
        // Cross-checked with the Cole-Rosenbluth fit of G.107's default delay curve,
        // Id = 0.024 d + 0.11 (d - 177.3) H(d - 177.3): 3.6, 20.7 and 34.1 at 150, 300 and 400 ms.
        assertTrue(r150 > 88.5 && r150 < 91.5, "R at 150 ms " + r150);
        assertTrue(r300 > 70 && r300 < 76, "R at 300 ms " + r300);
        assertTrue(r400 > 55 && r400 < 64, "R at 400 ms " + r400);
        assertTrue(EModel.rating(0, CodecImpairment.G711_WITH_PLC, 0) - r150 < 93.2 - 88.5);
        assertEquals(4.4, EModel.mos(EModel.rating(0, CodecImpairment.G711_WITH_PLC, 0)), 0.02);
    }
}
