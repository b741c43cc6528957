package io.ringedge.media.ice;

import java.util.Locale;
import java.util.Optional;

/** Candidate types (RFC 8445 §5.1.1) with their recommended type preferences (§5.1.2.2). */
public enum IceCandidateType {
    HOST("host", 126),
    PEER_REFLEXIVE("prflx", 110),
    SERVER_REFLEXIVE("srflx", 100),
    RELAYED("relay", 0);

    private final String sdpName;
    private final int typePreference;

    IceCandidateType(String sdpName, int typePreference) {
        this.sdpName = sdpName;
        this.typePreference = typePreference;
    }

    public String sdpName() {
        return sdpName;
    }

    public int typePreference() {
        return typePreference;
    }

    /**
     * RFC 8445 §5.1.2.1: {@code 2^24 * type preference + 2^8 * local preference + (256 - component)}.
     */
    public long priority(int localPreference, int componentId) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    public static Optional<IceCandidateType> ofSdpName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (IceCandidateType type : values()) {
            if (type.sdpName.equals(n)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
