package io.ringedge.media.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The session media's states as a table: current state, what is reported, resulting state. */
class MediaHealthTest {
    private static final MediaHealth TIMEOUT = MediaHealth.failed("media-timeout", "no RTP from the PBX for PT30S");
    private static final MediaHealth CONSENT = MediaHealth.failed("consent-lost", "no answer for PT30S");

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(MediaHealth.OFFERED, MediaHealth.ANSWERED, MediaHealth.ANSWERED),
                Arguments.of(MediaHealth.OFFERED, MediaHealth.CONNECTED, MediaHealth.OFFERED),
                Arguments.of(MediaHealth.OFFERED, TIMEOUT, TIMEOUT),
                Arguments.of(MediaHealth.ANSWERED, MediaHealth.CONNECTED, MediaHealth.CONNECTED),
                Arguments.of(MediaHealth.ANSWERED, CONSENT, CONSENT),
                Arguments.of(MediaHealth.CONNECTED, TIMEOUT, TIMEOUT),
                Arguments.of(MediaHealth.CONNECTED, MediaHealth.CONNECTED, MediaHealth.CONNECTED),
                Arguments.of(TIMEOUT, CONSENT, TIMEOUT),
                Arguments.of(TIMEOUT, MediaHealth.CONNECTED, TIMEOUT),
                Arguments.of(CONSENT, MediaHealth.ANSWERED, CONSENT));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("transitions")
    void transition(MediaHealth current, MediaHealth reported, MediaHealth expected) {
        assertEquals(expected, current.then(reported));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void onlyAnsweredAndConnectedExpectMedia(MediaHealth state) {
        boolean expected = state == MediaHealth.ANSWERED || state == MediaHealth.CONNECTED;
        assertEquals(expected, state.expectsMedia());
    }
}
