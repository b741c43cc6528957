package io.ringedge.locator.redis;

import java.util.List;

/**
 * The Redis key layout (documented in {@code package-info.java}). Every key carries a hash tag
 * ({@code {...}}), so all keys of one user, one flow or one call hash to one Redis Cluster slot and
 * the scripts that touch several of them stay legal in a cluster.
 *
 * <p>Ids are escaped ({@code % : { }} become {@code %25 %3A %7B %7D}) before they go into a key:
 * a brace in an id would move the hash tag, and a colon would let {@code ("a:b","c")} and
 * {@code ("a","b:c")} share a key.
 */
final class Keys {

    private final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    /** The four keys of a user's slot, in the order the scripts take them. */
    List<String> user(String tenantId, String userId) {
        String base = prefix + ":{u:" + escape(required("tenantId", tenantId)) + ":"
                + escape(required("userId", userId)) + "}:";
        return List.of(base + "bindings", base + "binding-expiry", base + "handles", base + "handle-expiry");
    }

    /** The two handle keys of a user's slot. */
    List<String> handles(String tenantId, String userId) {
        return user(tenantId, userId).subList(2, 4);
    }

    String flow(String edgeNode, String flowId) {
        return prefix + ":{f:" + escape(required("edgeNode", edgeNode)) + ":" + escape(required("flowId", flowId))
                + "}:devices";
    }

    /** The pending-call record and its set of devices already tried. */
    List<String> pending(String callId) {
        String base = prefix + ":{c:" + escape(required("callId", callId)) + "}:";
        return List.of(base + "pending", base + "tried");
    }

    String located(String callId) {
        return prefix + ":{c:" + escape(required("callId", callId)) + "}:located";
    }

    /** A device as a flow-set member: {@code tenant:user:device}, each escaped. */
    static String flowMember(String tenantId, String userId, String deviceId) {
        return escape(required("tenantId", tenantId)) + ":" + escape(required("userId", userId)) + ":"
                + escape(required("deviceId", deviceId));
    }

    /** The inverse of {@link #flowMember}: tenant, user, device. */
    static List<String> parseFlowMember(String member) {
        String[] parts = member.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalStateException("not a flow member: " + member);
        }
        return List.of(unescape(parts[0]), unescape(parts[1]), unescape(parts[2]));
    }

    /** Ids come from SIP requests and tokens: a blank one is refused with its name, never stored. */
    static String required(String name, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return id;
    }

    private static String escape(String id) {
        StringBuilder out = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            String replacement = switch (c) {
                case '%' -> "%25";
                case ':' -> "%3A";
                case '{' -> "%7B";
                case '}' -> "%7D";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(id.length() + 8).append(id, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? id : out.toString();
    }

    static String unescape(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        return escaped.replace("%3A", ":").replace("%7B", "{").replace("%7D", "}").replace("%25", "%");
    }
}
