package io.ringedge.media.sdp;

import java.util.Arrays;
import java.util.List;

/** {@code a=group:<semantics> *(SP <mid>)} (RFC 5888 §5); BUNDLE is RFC 8843 §7. */
public record Group(String semantics, List<String> mids) {

    public Group {
        mids = List.copyOf(mids);
    }

    public static Group parse(String value) {
        String[] f = Tokens.fields(value, "group");
        for (String token : f) {
            if (!Tokens.isToken(token)) {
                throw new SdpSyntaxException("group: not a token: '" + token + "'");
            }
        }
        return new Group(f[0], Arrays.asList(f).subList(1, f.length));
    }

    public static Group bundle(List<String> mids) {
        return new Group("BUNDLE", mids);
    }

    public Attribute toAttribute() {
        return Attribute.of("group", mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids));
    }
}
