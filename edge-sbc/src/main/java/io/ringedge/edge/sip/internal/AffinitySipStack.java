package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.ServerResponseInterface;

import javax.sip.PeerUnavailableException;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

/**
 * jain-sip's stack with two changes:
 * <ul>
 * <li>a message executor of its own that keeps each call's messages in order
 * ({@link CallIdAffinityExecutor}). jain-sip's default is one executor in a static field, shared by
 * every stack in the JVM and shut down by whichever stops first; this one belongs to this stack.
 * <li>a response that no client transaction holds goes to the core without a search of every
 * client transaction ({@link #newSIPServerResponse}).
 * </ul>
 */
public final class AffinitySipStack extends SipStackImpl {

    private final CallIdAffinityExecutor messageExecutor;

    public AffinitySipStack(Properties properties, int threads) throws PeerUnavailableException {
        super(properties);
        this.messageExecutor = new CallIdAffinityExecutor(threads);
    }

    @Override
    public ScheduledExecutorService getSelfRoutingThreadpoolExecutor() {
        return messageExecutor;
    }

    /**
     * RFC 3261 §17.1.3: a response whose top Via branch has the magic cookie matches the client
     * transaction of that branch (and CSeq method) or none, and §18.1.2 passes one matching none to
     * the core. jain-sip looks the branch up, then, when no transaction has it, tests every client
     * transaction in turn, which only helps pre-RFC 3261 peers (its request path skips that search
     * for magic-cookie branches). Every device 2xx retransmitted after its INVITE transaction ended
     * costs such a search, over thousands of lingering transactions under load: the edge spent a
     * quarter of its CPU there at 300 calls/s once ACKs ran late, which made them later still.
     */
    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        String key = response.getTransactionId();
        if (sipMessageValves.isEmpty() && key.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE)
                && findTransaction(key, false) == null) {
            return sipMessageFactory.newSIPServerResponse(response, channel);
        }
        return super.newSIPServerResponse(response, channel);
    }

    @Override
    public void stopStack() {
        super.stopStack();
        messageExecutor.shutdown();
    }
}
