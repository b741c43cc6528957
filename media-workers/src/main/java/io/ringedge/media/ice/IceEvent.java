package io.ringedge.media.ice;

import java.net.InetSocketAddress;
import java.time.Duration;

/** What the agent tells its transport; delivered on the transport's media loop. */
public sealed interface IceEvent {

    /** A pair was nominated (RFC 8445 §8): media goes to {@code remote} from now on. */
    record Selected(InetSocketAddress remote, IceRole role) implements IceEvent {
    }

    /** No pair works, or none was nominated in time: the call cannot have media. */
    record Failed(String reason) implements IceEvent {
    }

    /**
     * RFC 7675 §5.1: no authenticated answer to our consent checks for {@code silence}; the agent
     * stopped and the session must end the call.
     */
    record ConsentLost(InetSocketAddress remote, Duration silence) implements IceEvent {
    }
}
