package io.ringedge.media.ice.internal;

import io.ringedge.media.ice.IceRole;
import java.util.OptionalLong;

/**
 * RFC 8445 §7.3.1.1: what an agent does with a request whose role attribute claims its own role.
 * Tie-breakers are unsigned 64-bit numbers; the larger one is controlling.
 *
 * <pre>
 *   our role     request carries       our tie-breaker >= theirs   else
 *   controlling  ICE-CONTROLLING       answer 487                  switch to controlled
 *   controlled   ICE-CONTROLLED        switch to controlling       answer 487
 *   either       the other role / none no conflict
 * </pre>
 */
public enum RoleConflict {
    NONE,
    SWITCH_ROLE,
    ANSWER_487;

    public static RoleConflict onRequest(IceRole ours, long ourTieBreaker, OptionalLong theirControlling,
                                         OptionalLong theirControlled) {
        if (ours == IceRole.CONTROLLING && theirControlling.isPresent()) {
            return Long.compareUnsigned(ourTieBreaker, theirControlling.getAsLong()) >= 0 ? ANSWER_487 : SWITCH_ROLE;
        }
        if (ours == IceRole.CONTROLLED && theirControlled.isPresent()) {
            return Long.compareUnsigned(ourTieBreaker, theirControlled.getAsLong()) >= 0 ? SWITCH_ROLE : ANSWER_487;
        }
        return NONE;
    }
}
