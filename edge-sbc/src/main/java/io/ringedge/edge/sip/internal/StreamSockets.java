package io.ringedge.edge.sip.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * What every SIP stream connection of the edge (TCP, TLS, WS, WSS; accepted or opened) is set to.
 *
 * <p>No Nagle (RFC 896): SIP writes whole messages, and the edge often writes two in a row on one
 * connection (the 200 to a woken phone's REGISTER, then the INVITE it was woken for; a 100, then
 * a 180). With Nagle the second waits until the peer acknowledges the first, and a peer with
 * nothing to send delays that acknowledgement (RFC 1122 §4.2.3.2; 40 ms on Linux), so the INVITE
 * reached a woken phone some 40 ms after the edge sent it. jain-sip never sets the option.
 */
final class StreamSockets {

    private StreamSockets() {
    }

    /** Sets the options on a connection just accepted or opened; a socket already closed is left to fail on use. */
    static void configure(SocketChannel socket) {
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException closedAlready) {
            // the channel built on it fails at its first read or write, with its own error
        }
    }
}
