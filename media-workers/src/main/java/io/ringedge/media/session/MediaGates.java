package io.ringedge.media.session;

import io.ringedge.media.control.MediaUpdate;

/**
 * A session's mid-call directions (RFC 3264 §8.4): whether each direction is forwarded, and
 * whether each leg is expected to send. A leg on hold sends nothing, so its silence is no media
 * timeout; once it sends again, its silence counts from then. The session's loop thread's, like
 * the rest of the session.
 */
final class MediaGates {
    private boolean pbxToDevice = true;
    private boolean deviceToPbx = true;
    private boolean pbxSends = true;
    private boolean deviceSends = true;
    private long pbxSendsSince;
    private long deviceSendsSince;

    MediaGates(long nowNanos) {
        pbxSendsSince = nowNanos;
        deviceSendsSince = nowNanos;
    }

    void update(MediaUpdate update, long nowNanos) {
        if (update.pbxDirection().sends() && !pbxSends) {
            pbxSendsSince = nowNanos;
        }
        if (update.deviceDirection().sends() && !deviceSends) {
            deviceSendsSince = nowNanos;
        }
        pbxSends = update.pbxDirection().sends();
        deviceSends = update.deviceDirection().sends();
        pbxToDevice = update.pbxToDevice();
        deviceToPbx = update.deviceToPbx();
    }

    boolean pbxToDevice() {
        return pbxToDevice;
    }

    boolean deviceToPbx() {
        return deviceToPbx;
    }

    /** How long the PBX has been silent while expected to send; 0 when on hold. */
    long pbxSilence(LegCounters counters, long nowNanos) {
        return pbxSends ? Math.min(counters.silentNanos(nowNanos), nowNanos - pbxSendsSince) : 0;
    }

    /** As {@link #pbxSilence}, for the device. */
    long deviceSilence(LegCounters counters, long nowNanos) {
        return deviceSends ? Math.min(counters.silentNanos(nowNanos), nowNanos - deviceSendsSince) : 0;
    }
}
