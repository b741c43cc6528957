package io.ringedge.edge.call;

import io.ringedge.events.CallEnded.EndCause;

import java.util.List;

/**
 * The final response the PBX gets when no device answered, after the best-response rules of
 * RFC 3261 §16.7 step 6, adapted to a B2BUA that speaks for one user:
 * <ol>
 *   <li>A 6xx beats everything (§16.7: "MUST choose from the 6xx class"): 603 if any device
 *       declined, else 600, 604, 606 in that order. Unlike §16.7 step 5, a 6xx from one fork does
 *       not cancel the others: one device declining does not speak for the user's other devices,
 *       and the call fails with 603 only once every fork has failed.</li>
 *   <li>Else 486 if any device was busy: the user is busy, which the PBX can act on (voicemail).</li>
 *   <li>Else 488 if any device could not accept the offered session: §16.7 prefers responses that
 *       tell the caller how to resubmit, and a new offer may succeed.</li>
 *   <li>Else 480. Other failures describe a device leg, not the user: a 3xx or a 401/407 would
 *       point the PBX at a device or ask it to authenticate to one (topology hiding forbids both),
 *       a 503 must not be forwarded at all (§16.7 step 6) and 408/5xx mean "not reachable now",
 *       which is what 480 says.</li>
 * </ol>
 */
final class BestResponse {

    record FinalAnswer(int status, String reason, EndCause cause) {
    }

    static final FinalAnswer NO_DEVICES = new FinalAnswer(480, "Temporarily Unavailable", EndCause.NO_DEVICES);
    static final FinalAnswer NO_ANSWER = new FinalAnswer(480, "Temporarily Unavailable", EndCause.NO_ANSWER);

    private static final List<Integer> GLOBAL_FAILURE_PREFERENCE = List.of(603, 600, 604, 606);

    private BestResponse() {
    }

    /** @param failures the final status of every fork, none of them 2xx; not empty */
    static FinalAnswer choose(List<Integer> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("no fork failure to choose from");
        }
        for (int status : GLOBAL_FAILURE_PREFERENCE) {
            if (failures.contains(status)) {
                return globalFailure(status);
            }
        }
        int otherGlobal = failures.stream().filter(s -> s >= 600).findFirst().orElse(0);
        if (otherGlobal != 0) {
            return new FinalAnswer(otherGlobal, "Global Failure", EndCause.FAILED);
        }
        if (failures.contains(486)) {
            return new FinalAnswer(486, "Busy Here", EndCause.BUSY);
        }
        if (failures.contains(488)) {
            return new FinalAnswer(488, "Not Acceptable Here", EndCause.FAILED);
        }
        return new FinalAnswer(480, "Temporarily Unavailable", EndCause.FAILED);
    }

    private static FinalAnswer globalFailure(int status) {
        return switch (status) {
            case 603 -> new FinalAnswer(603, "Decline", EndCause.DECLINED);
            case 600 -> new FinalAnswer(600, "Busy Everywhere", EndCause.BUSY);
            case 604 -> new FinalAnswer(604, "Does Not Exist Anywhere", EndCause.FAILED);
            case 606 -> new FinalAnswer(606, "Not Acceptable", EndCause.FAILED);
            default -> throw new IllegalArgumentException("not a preferred 6xx: " + status);
        };
    }
}
