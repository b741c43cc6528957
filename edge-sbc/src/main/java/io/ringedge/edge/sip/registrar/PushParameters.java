package io.ringedge.edge.sip.registrar;

import io.ringedge.events.PushHandle;

import javax.sip.address.SipURI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the RFC 8599 §4.1.1 push parameters of a REGISTER Contact URI ({@code pn-provider},
 * {@code pn-prid}, {@code pn-param}) into a {@link PushHandle}, or says precisely what is wrong.
 * A device that sends none of them simply cannot be woken.
 */
public final class PushParameters {

    /** The push services this deployment can reach (push-service: APNs, and FCM for fcm and webpush). */
    public static final Set<String> PROVIDERS = Set.of("apns", "fcm", "webpush");

    /** APNs device tokens are hex (Apple documents them as variable length; 32 bytes today). */
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9A-Fa-f]{16,200}");
    /** FCM registration tokens: URL-safe base64 with ':' separators; bounded so a Contact stays sane. */
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-]{1,4096}");
    /** RFC 8599 §9.2: {@code <team-id>.<bundle-id>.<service>}; the team id is ten upper-case letters or digits. */
    private static final Pattern APNS_PARAM = Pattern.compile("[A-Z0-9]{10}(\\.[A-Za-z0-9\\-]+){2,}");
    /** RFC 8599 §10.2: for FCM, pn-param is the Firebase project id. */
    private static final Pattern FCM_PARAM = Pattern.compile("[a-z][a-z0-9\\-]{3,62}");

    private PushParameters() {
    }

    /** What the Contact asks for. */
    public sealed interface Request {
        /** No pn-* parameter: the device is reachable only while attached. */
        record None() implements Request {
        }

        record Handle(PushHandle handle) implements Request {
        }

        /** A parameter is missing or malformed: 400 with {@code reason} as the reason phrase. */
        record Malformed(String reason) implements Request {
        }

        /** RFC 8599 §5.2: a push service this registrar does not support. */
        record Unsupported(String provider) implements Request {
        }
    }

    public static Request of(SipURI contact) {
        String provider = contact.getParameter("pn-provider");
        String prid = contact.getParameter("pn-prid");
        String param = contact.getParameter("pn-param");
        if (provider == null && prid == null && param == null) {
            return new Request.None();
        }
        if (provider == null || provider.isEmpty()) {
            return new Request.Malformed("Missing pn-provider");
        }
        if (!PROVIDERS.contains(provider)) {
            return provider.matches("[a-z0-9\\-]{1,32}")
                    ? new Request.Unsupported(provider) : new Request.Malformed("Bad pn-provider");
        }
        if (prid == null || prid.isEmpty()) {
            // RFC 8599 §5.2: a supported provider without pn-prid is a 400
            return new Request.Malformed("Missing pn-prid");
        }
        boolean apns = provider.equals("apns");
        if (!(apns ? APNS_TOKEN : FCM_TOKEN).matcher(prid).matches()) {
            return new Request.Malformed("Bad pn-prid");
        }
        if (apns && param == null) {
            // the topic of an APNs push comes from pn-param (RFC 8599 §9.2): no topic, no push
            return new Request.Malformed("Missing pn-param");
        }
        if (param != null && !(apns ? APNS_PARAM : FCM_PARAM).matcher(param).matches()) {
            return new Request.Malformed("Bad pn-param");
        }
        return new Request.Handle(new PushHandle(provider, prid, param == null ? "" : param));
    }
}
