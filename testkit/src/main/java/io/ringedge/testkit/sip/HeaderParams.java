package io.ringedge.testkit.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses and formats {@code ;name=value;flag} parameter lists, keeping their order. */
final class HeaderParams {

    private HeaderParams() {
    }

    /** Parameters from text starting right after the first ';' (or empty text). Flags map to "". */
    static Map<String, String> parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : split(text, ';')) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                params.put(p, "");
            } else {
                params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(params);
    }

    static String format(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            sb.append(';').append(k);
            if (!v.isEmpty()) {
                sb.append('=').append(v);
            }
        });
        return sb.toString();
    }

    /** Splits at a separator outside double quotes (honouring backslash escapes) and angle brackets. */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == separator) {
                out.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        out.add(current.toString());
        return out;
    }
}
