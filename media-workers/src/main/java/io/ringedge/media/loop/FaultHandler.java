package io.ringedge.media.loop;

/**
 * Who answers for what a channel handler, timer or task of one owner (a transport, a session)
 * throws on a {@link MediaLoop}. The loop serves many sessions, so a throwable escaping one of
 * them must end that one (with cause {@code internal-error}) and never the thread.
 */
@FunctionalInterface
public interface FaultHandler {
    /** Runs on the loop thread; should stop the owner's I/O so a persistent fault does not repeat per packet. */
    void onFault(Throwable fault);
}
