package io.ringedge.media.ice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.ice.IceRole;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleConflictTest {

    /** RFC 8445 §7.3.1.1 as a table; "-" is an absent attribute. Tie-breakers are unsigned. */
    @ParameterizedTest
    @CsvSource({
        "CONTROLLING, 10, 5,  -,  ANSWER_487",
        "CONTROLLING, 10, 10, -,  ANSWER_487",
        "CONTROLLING, 5,  10, -,  SWITCH_ROLE",
        "CONTROLLING, 5,  -,  10, NONE",
        "CONTROLLED,  10, -,  5,  SWITCH_ROLE",
        "CONTROLLED,  10, -,  10, SWITCH_ROLE",
        "CONTROLLED,  5,  -,  10, ANSWER_487",
        "CONTROLLED,  5,  10, -,  NONE",
        "CONTROLLING, 5,  -,  -,  NONE",
        // 0xFFFF... is the largest unsigned tie-breaker, not -1
        "CONTROLLING, -1, 9223372036854775807, -, ANSWER_487",
        "CONTROLLED,  9223372036854775807, -, -1, ANSWER_487",
    })
    void table(IceRole ours, long ourTieBreaker, String theirControlling, String theirControlled, RoleConflict expected) {
        assertEquals(expected, RoleConflict.onRequest(ours, ourTieBreaker, opt(theirControlling), opt(theirControlled)));
    }

    private static OptionalLong opt(String value) {
        return "-".equals(value) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    }
}
