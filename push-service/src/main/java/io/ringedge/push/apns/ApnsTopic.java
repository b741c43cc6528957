package io.ringedge.push.apns;

import java.util.Optional;

/**
 * The APNs topics of one app, from an RFC 8599 section 9 {@code pn-param}:
 * {@code <team-id>.<bundle-id>.<service>}, e.g. {@code ABCDE12345.com.example.phone.voip}. The
 * team id is the first label and the service the last; the bundle id (itself dotted) is between.
 *
 * @param bundleId the app's bundle id: the topic of its alert pushes
 */
public record ApnsTopic(String teamId, String bundleId, String service) {

    /** The only service a ringing call can use: PushKit VoIP. */
    public static final String VOIP = "voip";

    public static Optional<ApnsTopic> parse(String pnParam) {
        if (pnParam == null) {
            return Optional.empty();
        }
        int first = pnParam.indexOf('.');
        int last = pnParam.lastIndexOf('.');
        if (first <= 0 || last <= first + 1 || last == pnParam.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ApnsTopic(pnParam.substring(0, first), pnParam.substring(first + 1, last),
                pnParam.substring(last + 1)));
    }

    /** The {@code apns-topic} of a VoIP push: the bundle id with {@code .voip} appended (Apple's PushKit rule). */
    public String voipTopic() {
        return bundleId + ".voip";
    }
}
