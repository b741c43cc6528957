package io.ringedge.edge.call;

import io.ringedge.edge.call.BestResponse.FinalAnswer;
import io.ringedge.events.CallEnded.EndCause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fork failures (in arrival order) → the PBX's final response and the call's end cause. */
class BestResponseTest {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            486             | 486 | Busy Here               | BUSY
            486 486         | 486 | Busy Here               | BUSY
            603             | 603 | Decline                 | DECLINED
            603 603         | 603 | Decline                 | DECLINED
            486 603         | 603 | Decline                 | DECLINED
            600 603         | 603 | Decline                 | DECLINED
            486 600         | 600 | Busy Everywhere         | BUSY
            480 604         | 604 | Does Not Exist Anywhere | FAILED
            606 488         | 606 | Not Acceptable          | FAILED
            699 486         | 699 | Global Failure          | FAILED
            408 486         | 486 | Busy Here               | BUSY
            503 486 480     | 486 | Busy Here               | BUSY
            488 408         | 488 | Not Acceptable Here     | FAILED
            486 488         | 486 | Busy Here               | BUSY
            480             | 480 | Temporarily Unavailable | FAILED
            408             | 480 | Temporarily Unavailable | FAILED
            503             | 480 | Temporarily Unavailable | FAILED
            500 502         | 480 | Temporarily Unavailable | FAILED
            401 407         | 480 | Temporarily Unavailable | FAILED
            302             | 480 | Temporarily Unavailable | FAILED
            404 487         | 480 | Temporarily Unavailable | FAILED
            """)
    void choose(String failures, int status, String reason, EndCause cause) {
        List<Integer> statuses = Arrays.stream(failures.trim().split("\\s+")).map(Integer::valueOf).toList();
        assertEquals(new FinalAnswer(status, reason, cause), BestResponse.choose(statuses));
    }

    @org.junit.jupiter.api.Test
    void nothingToChooseFrom() {
        assertThrows(IllegalArgumentException.class, () -> BestResponse.choose(List.of()));
    }
}
