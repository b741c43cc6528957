package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.ringedge.edge.sip.RejectCounters;

/**
 * Named in {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}. One instance per stack; the counters
 * are attached right after the stack is created, before any listener is bound.
 */
public final class ScreeningMessageParserFactory implements MessageParserFactory {

    private volatile RejectCounters counters = new RejectCounters();

    public void attach(RejectCounters counters) {
        this.counters = counters;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new ScreeningMessageParser(() -> counters);
    }
}
