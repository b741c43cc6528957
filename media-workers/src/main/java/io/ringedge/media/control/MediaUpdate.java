package io.ringedge.media.control;

import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.Direction;

import java.util.Optional;

/**
 * A renegotiation's result for the media (RFC 3264 §8): what both legs agreed now, each leg's
 * direction as that leg declared it (so media is gated per direction and a leg on hold is not
 * expected to send, RFC 3264 §8.4), our new ICE credentials when the device restarted ICE
 * (RFC 8445 §9), and whether the PBX's address or port changed (media re-latches).
 */
public record MediaUpdate(AgreedMedia agreed, Direction pbxDirection, Direction deviceDirection,
                          Optional<IceCredentials> iceRestart, boolean pbxMoved) {

    /** PBX audio goes to the device: the PBX sends and the device receives. */
    public boolean pbxToDevice() {
        return pbxDirection.sends() && deviceDirection.receives();
    }

    /** Device audio goes to the PBX: the device sends and the PBX receives. */
    public boolean deviceToPbx() {
        return deviceDirection.sends() && pbxDirection.receives();
    }
}
