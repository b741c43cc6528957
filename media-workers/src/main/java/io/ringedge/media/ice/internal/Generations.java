package io.ringedge.media.ice.internal;

import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.stun.StunCredentials;
import io.ringedge.media.stun.StunMessage;

/**
 * Both sides' ICE credentials (RFC 8445 §5.3): the current generation and the one before the last
 * restart (§9). Until a new pair is selected, consent on the old pair is checked with the old ones.
 * Our old credentials still authenticate the peer's checks until the next restart, naming either
 * its old ufrag (its old-generation pairs, which libwebrtc keeps using for a while) or its new one
 * (a peer pairs its new candidates with our old ones until it has our answer, and may go on to
 * nominate and keep such a pair).
 */
public final class Generations {
    private IceCredentials local;
    private IceCredentials remote;
    private IceCredentials previousLocal;
    private IceCredentials previousRemote;

    public Generations(IceCredentials local) {
        this.local = local;
    }

    public IceCredentials local() {
        return local;
    }

    /** The peer's credentials; null until its SDP came. */
    public IceCredentials remote() {
        return remote;
    }

    public void remote(IceCredentials remote) {
        this.remote = remote;
    }

    /** A restart: the current generation becomes the previous one; the peer's new credentials follow via {@link #remote}. */
    public void restart(IceCredentials newLocal) {
        previousLocal = local;
        previousRemote = remote;
        local = newLocal;
    }

    /** Ours that authenticate {@code request} (USERNAME and MESSAGE-INTEGRITY, RFC 8445 §7.3), or null. */
    public IceCredentials authenticating(StunMessage request) {
        if (authenticates(request, local)) {
            return local;
        }
        if (previousLocal == null || remote == null) {
            return null;
        }
        String username = request.username().orElse("");
        String prefix = previousLocal.ufrag() + ":";
        boolean namesThePeer = username.equals(prefix + remote.ufrag())
                || previousRemote != null && username.equals(prefix + previousRemote.ufrag());
        return namesThePeer && authenticates(request, previousLocal) ? previousLocal : null;
    }

    /** Whether a response to our check carries the peer's integrity; during a restart, the old password's too. */
    public boolean authenticatesResponse(StunMessage response, boolean restarting) {
        return remote != null && (response.verifyIntegrity(StunCredentials.shortTermKey(remote.pwd()))
                || restarting && response.verifyIntegrity(StunCredentials.shortTermKey(previousRemote.pwd())));
    }

    /** Ours for a consent check: the old pair's consent is the old session's until a new pair is selected. */
    public IceCredentials consentLocal(boolean restarting) {
        return restarting ? previousLocal : local;
    }

    /** The peer's for a consent check, as {@link #consentLocal}. */
    public IceCredentials consentRemote(boolean restarting) {
        return restarting ? previousRemote : remote;
    }

    private static boolean authenticates(StunMessage request, IceCredentials ours) {
        return request.username().orElse("").startsWith(ours.ufrag() + ":")
                && request.verifyIntegrity(StunCredentials.shortTermKey(ours.pwd()));
    }
}
