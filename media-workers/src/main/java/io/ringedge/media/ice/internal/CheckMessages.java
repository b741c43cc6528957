package io.ringedge.media.ice.internal;

import io.ringedge.media.ice.IceRole;
import io.ringedge.media.stun.StunAttribute;
import io.ringedge.media.stun.StunClass;
import io.ringedge.media.stun.StunCredentials;
import io.ringedge.media.stun.StunErrorCode;
import io.ringedge.media.stun.StunMessage;
import io.ringedge.media.stun.StunMessageBuilder;
import io.ringedge.media.stun.StunMessageType;
import java.net.InetSocketAddress;

/** The three STUN messages of ICE connectivity checks (RFC 8445 §7.2.2, §7.3.1), built on our STUN. */
public final class CheckMessages {
    private CheckMessages() {
    }

    /**
     * A Binding request for a check or a consent check: USERNAME {@code remote:local}, PRIORITY of
     * the peer-reflexive candidate it could reveal (§7.2.2), our role and tie-breaker,
     * USE-CANDIDATE when nominating, MESSAGE-INTEGRITY with the peer's password, FINGERPRINT.
     */
    public static byte[] request(byte[] transactionId, String remoteUfrag, String localUfrag, String remotePwd,
                                 long prflxPriority, IceRole role, long tieBreaker, boolean useCandidate) {
        StunMessageBuilder builder = StunMessageBuilder.of(StunMessageType.BINDING_REQUEST, transactionId)
                .username(remoteUfrag + ":" + localUfrag)
                .priority(prflxPriority);
        if (role == IceRole.CONTROLLING) {
            builder.iceControlling(tieBreaker);
        } else {
            builder.iceControlled(tieBreaker);
        }
        if (useCandidate) {
            builder.useCandidate();
        }
        return builder.buildWithIntegrity(StunCredentials.shortTermKey(remotePwd), true);
    }

    /** §7.3.1.2: success with the source address the request came from, signed with our password. */
    public static byte[] success(StunMessage request, InetSocketAddress source, String localPwd) {
        return StunMessageBuilder.responseTo(request, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(source)
                .buildWithIntegrity(StunCredentials.shortTermKey(localPwd), true);
    }

    /** RFC 8489 §6.3.1.1: 420 with the comprehension-required attributes we do not know. */
    public static byte[] unknownAttributes(StunMessage request, int[] unknown, String localPwd) {
        byte[] list = new byte[2 * unknown.length];
        for (int i = 0; i < unknown.length; i++) {
            list[2 * i] = (byte) (unknown[i] >>> 8);
            list[2 * i + 1] = (byte) unknown[i];
        }
        return StunMessageBuilder.responseTo(request, StunClass.ERROR_RESPONSE)
                .errorCode(new StunErrorCode(StunErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"))
                .attribute(StunAttribute.UNKNOWN_ATTRIBUTES, list)
                .buildWithIntegrity(StunCredentials.shortTermKey(localPwd), true);
    }

    /** §7.3.1.1: 487 Role Conflict. */
    public static byte[] roleConflict(StunMessage request, String localPwd) {
        return StunMessageBuilder.responseTo(request, StunClass.ERROR_RESPONSE)
                .errorCode(new StunErrorCode(StunErrorCode.ROLE_CONFLICT, "Role Conflict"))
                .buildWithIntegrity(StunCredentials.shortTermKey(localPwd), true);
    }
}
