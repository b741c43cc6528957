package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.SipStackImpl;

import javax.sip.PeerUnavailableException;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

/**
 * jain-sip's stack with a message executor of its own that keeps each call's messages in order
 * ({@link CallIdAffinityExecutor}). jain-sip's default is one executor in a static field, shared by
 * every stack in the JVM and shut down by whichever stops first; this one belongs to this stack.
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

    @Override
    public void stopStack() {
        super.stopStack();
        messageExecutor.shutdown();
    }
}
