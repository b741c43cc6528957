package io.ringedge.media.ice;

import java.time.Duration;

/**
 * The agent's clocks.
 *
 * @param pacing         Ta, the gap between new checks (RFC 8445 §14.2; 50 ms for one media stream)
 * @param initialRto     first retransmission timeout of a check, doubled each time (RFC 8489 §6.2.1)
 * @param maxRto         cap on the doubled timeout
 * @param maxTransmissions sends of one check before its pair fails (RFC 8489 §6.2.1: Rc = 7)
 * @param connectTimeout how long checks may run before the agent gives up without a nominated pair
 * @param consentInterval mean gap between consent checks (RFC 7675 §5.1: 5 s, randomised ±20%)
 * @param consentTimeout silence after which consent is lost (RFC 7675 §5.1: 30 s)
 */
public record IceTiming(Duration pacing, Duration initialRto, Duration maxRto, int maxTransmissions,
                        Duration connectTimeout, Duration consentInterval, Duration consentTimeout) {

    public IceTiming {
        if (pacing.isNegative() || pacing.isZero() || initialRto.isNegative() || initialRto.isZero()
                || maxRto.compareTo(initialRto) < 0 || maxTransmissions < 1 || connectTimeout.compareTo(pacing) < 0
                || consentInterval.isZero() || consentInterval.isNegative()
                || consentTimeout.compareTo(consentInterval) <= 0) {
            throw new IllegalArgumentException("inconsistent ICE timing " + pacing + "/" + initialRto + "/" + maxRto
                    + "/" + maxTransmissions + "/" + connectTimeout + "/" + consentInterval + "/" + consentTimeout);
        }
    }

    /** The RFC values, with the given connect and consent timeouts. */
    public static IceTiming standard(Duration connectTimeout, Duration consentInterval, Duration consentTimeout) {
        return new IceTiming(Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofMillis(1600), 7,
                connectTimeout, consentInterval, consentTimeout);
    }
}
