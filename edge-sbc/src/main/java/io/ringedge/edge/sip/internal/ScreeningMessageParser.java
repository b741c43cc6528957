package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import io.ringedge.edge.sip.MessageDefect;
import io.ringedge.edge.sip.RejectCounters;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * jain-sip's parser, made to answer bad input instead of losing it:
 * <ul>
 *   <li>a broken optional header is kept as unparsed (RFC 3261 §7.3.1 robustness) instead of
 *       failing the whole message, on every transport;</li>
 *   <li>a message that does not parse is counted; on a stream transport, if the headers a response
 *       needs can be recovered, a placeholder request carrying {@link MessageDefect.Unparseable}
 *       goes on so the dispatcher answers 400. Datagrams are dropped: answering forged UDP sources
 *       would make the edge a reflector, and jain-sip's own UDP auto-400 is bypassed for that reason;</li>
 *   <li>a request without Content-Length is marked {@link MessageDefect.MissingContentLength}.</li>
 * </ul>
 * jain-sip passes the channel as exception listener for datagrams only (NIO channels pass null),
 * which is how the transport is told apart here.
 */
final class ScreeningMessageParser implements MessageParser {

    private static final Set<Class<?>> MANDATORY = Set.of(RequestLine.class, StatusLine.class, Via.class, From.class,
            To.class, CSeq.class, CallID.class, ContentLength.class);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(content-length|l)[ \\t]*:");
    private static final Pattern RECOVERABLE = Pattern.compile("(?i)^(via|v|from|f|to|t|call-id|i|cseq|max-forwards)[ \\t]*:.*");

    private final StringMsgParser delegate = new StringMsgParser();
    private final Supplier<RejectCounters> counters;

    ScreeningMessageParser(Supplier<RejectCounters> counters) {
        this.counters = counters;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener channel)
            throws ParseException {
        boolean datagram = channel instanceof UDPMessageChannel;
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(bytes, readBody, strict, ScreeningMessageParser::keepOptional);
        } catch (ParseException | RuntimeException e) {
            counters.get().increment(RejectCounters.Reason.UNPARSEABLE);
            if (datagram) {
                return null; // UDPMessageChannel drops a null message without answering
            }
            SIPRequest placeholder = recover(bytes, e.getMessage() == null ? "unparseable" : e.getMessage());
            if (placeholder == null) {
                throw e instanceof ParseException pe ? pe : new ParseException(String.valueOf(e.getMessage()), 0);
            }
            return placeholder;
        }
        if (message instanceof SIPRequest && !CONTENT_LENGTH.matcher(headerSection(bytes)).find()) {
            message.setApplicationData(new MessageDefect.MissingContentLength());
        }
        return message;
    }

    private static void keepOptional(ParseException ex, SIPMessage message, Class<?> header, String headerText,
                                     String messageText) throws ParseException {
        if (header == null || MANDATORY.contains(header)) {
            throw ex;
        }
        message.addUnparsed(headerText);
    }

    /** A request with just the response-making headers, or null if any is missing (or it is a response/ACK). */
    private static SIPRequest recover(byte[] bytes, String reason) {
        String[] lines = headerSection(bytes).split("\r?\n");
        if (lines.length == 0 || lines[0].startsWith("SIP/") || lines[0].startsWith("ACK ")) {
            return null;
        }
        SIPRequest request = new SIPRequest();
        for (int i = 1; i < lines.length; i++) {
            if (!RECOVERABLE.matcher(lines[i]).matches()) {
                continue;
            }
            try {
                SIPHeader h = ParserFactory.createParser(lines[i] + "\n").parse();
                request.setHeader(h);
            } catch (ParseException | RuntimeException ignored) {
                // that header is broken too: without it no response can be addressed
            }
        }
        if (request.getTopmostVia() == null || request.getFrom() == null || request.getTo() == null
                || request.getCallId() == null || request.getCSeq() == null
                || "ACK".equals(request.getCSeq().getMethod())) {
            return null;
        }
        try {
            RequestLine line = new RequestLine();
            line.setMethod(request.getCSeq().getMethod());
            line.setUri(new SipUri());
            ((SipUri) line.getUri()).setHost("unparseable.invalid");
            line.setSipVersion("SIP/2.0");
            request.setRequestLine(line);
            request.setHeader(new ContentLength(0));
            if (request.getMaxForwards() == null) {
                request.setHeader(new gov.nist.javax.sip.header.MaxForwards(70)); // jain-sip refuses a transaction without it
            }
        } catch (ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
            return null;
        }
        request.setApplicationData(new MessageDefect.Unparseable(reason));
        return request;
    }

    private static String headerSection(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
