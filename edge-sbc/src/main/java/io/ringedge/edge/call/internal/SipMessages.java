package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.MessageBody;
import io.ringedge.edge.call.Sdp;

import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WarningHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;

/** jain-sip's three factories and the few message pieces both legs build the same way. */
record SipMessages(MessageFactory messages, HeaderFactory headers, AddressFactory addresses) {

    /**
     * Our Contact on a listener: the address the listener advertises (its sent-by, e.g. the
     * edge's static public IP) and its transport. Each leg gets the Contact of its own listener,
     * never the other leg's (topology hiding).
     */
    ContactHeader contact(ListeningPoint listener) throws SipException {
        try {
            SipURI uri = addresses.createSipURI("ringedge", host(listener));
            uri.setPort(port(listener));
            uri.setTransportParam(listener.getTransport().toLowerCase());
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new SipException("cannot build Contact for " + listener.getTransport(), e);
        }
    }

    /** The host of the listener's sent-by (RFC 3261 §18.2.1), an IPv6 reference kept in brackets. */
    static String host(ListeningPoint listener) {
        String sentBy = listener.getSentBy();
        if (sentBy == null || sentBy.isBlank()) {
            return listener.getIPAddress();
        }
        if (sentBy.startsWith("[")) {
            return sentBy.substring(0, sentBy.indexOf(']') + 1);
        }
        int colon = sentBy.indexOf(':');
        return colon < 0 ? sentBy : sentBy.substring(0, colon);
    }

    static int port(ListeningPoint listener) {
        String sentBy = listener.getSentBy();
        if (sentBy == null || sentBy.isBlank()) {
            return listener.getPort();
        }
        int colon = sentBy.startsWith("[") ? sentBy.indexOf("]:") + 1 : sentBy.indexOf(':');
        return colon > 0 ? Integer.parseInt(sentBy.substring(colon + 1)) : listener.getPort();
    }

    void setBody(Message message, Optional<Sdp> sdp) throws SipException {
        if (sdp.isEmpty()) {
            return;
        }
        try {
            ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
            message.setContent(sdp.get().body().getBytes(StandardCharsets.UTF_8), type);
        } catch (ParseException e) {
            throw new SipException("cannot set SDP body", e);
        }
    }

    void setMessageBody(Message message, Optional<MessageBody> body) throws SipException {
        if (body.isEmpty()) {
            return;
        }
        String[] type = body.get().contentType().split("/", 2);
        try {
            ContentTypeHeader header = headers.createContentTypeHeader(type[0].strip(),
                    type.length > 1 ? type[1].strip() : "octet-stream");
            message.setContent(body.get().content().getBytes(StandardCharsets.UTF_8), header);
        } catch (ParseException e) {
            throw new SipException("cannot set a " + body.get().contentType() + " body", e);
        }
    }

    /**
     * A Warning (RFC 3261 §20.43) with a pseudonym as warn-agent, so it hides our topology like the
     * rest; the text is made a safe quoted-string (a worker's reason may hold quotes or line breaks).
     */
    WarningHeader warning(int code, String text) throws SipException {
        String safe = text.replaceAll("[\\\\\"\\r\\n]", " ");
        try {
            return headers.createWarningHeader("ringedge", code, safe.length() > 200 ? safe.substring(0, 200) : safe);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new SipException("cannot build a Warning", e);
        }
    }

    /** A message's body with its type, relayed as it came (mid-call requests and responses). */
    static Optional<MessageBody> bodyOf(Message message) {
        byte[] raw = message.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (raw == null || raw.length == 0 || type == null) {
            return Optional.empty();
        }
        return Optional.of(new MessageBody(type.getContentType() + "/" + type.getContentSubType(),
                new String(raw, StandardCharsets.UTF_8)));
    }

    /** The SDP a message carries, if its body is {@code application/sdp} (RFC 3261 §13.2.1). */
    static Optional<Sdp> sdpOf(Message message) {
        byte[] raw = message.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (raw == null || raw.length == 0 || type == null
                || !"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return Optional.empty();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        return body.isBlank() ? Optional.empty() : Optional.of(new Sdp(body));
    }
}
