package io.ringedge.edge.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Edge-to-edge "your device is here" over Redis pub/sub: each edge subscribes to
 * {@code ringedge:attach:<node-id>}; the edge where a woken device attached publishes there for the
 * edge holding the call. Pub/sub, not Kafka and not polling: a phone showing its incoming-call UI
 * waits on this hop, and Redis delivers it in well under a millisecond on a LAN. A message lost
 * while the holding edge reconnects costs that one device (the call still rings elsewhere); the
 * {@code DeviceAttached} event on Kafka is the record, not the trigger.
 */
public final class AttachChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AttachChannel.class);
    static final String PREFIX = "ringedge:attach:";
    /** An edge of a newer release may add fields: they are ignored, not a reason to drop the message. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A device attached on {@code edgeNode} over its WebSocket {@code flowId}, woken for {@code callId}. */
    public record Attached(String callId, String deviceId, String edgeNode, String flowId, String contact) {
    }

    private final RedisLink link;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    private AttachChannel(RedisLink link, StatefulRedisPubSubConnection<String, String> subscriber) {
        this.link = link;
        this.subscriber = subscriber;
    }

    /**
     * Subscribes this node (returns once Redis confirmed the subscription, so no attach sent after
     * start is missed) and hands every message to {@code onAttached} on Lettuce's I/O thread: the
     * consumer must not block.
     */
    public static AttachChannel start(RedisLink.Settings redis, String nodeId, Consumer<Attached> onAttached) {
        RedisLink link = RedisLink.connect(redis);
        try {
            StatefulRedisPubSubConnection<String, String> subscriber = link.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    try {
                        onAttached.accept(JSON.readValue(message, Attached.class));
                    } catch (JsonProcessingException e) {
                        LOG.warn("unreadable attach message on {}: {}", channel, e.getOriginalMessage());
                    }
                }
            });
            subscriber.sync().subscribe(PREFIX + nodeId);
            return new AttachChannel(link, subscriber);
        } catch (RedisException e) {
            link.close();
            throw e;
        }
    }

    /**
     * Tells {@code holdingEdge}; false if no edge listened (it is gone: its calls went with it). On
     * a Redis Cluster the count is of the node that took the PUBLISH only, so false there means
     * "not seen", not "gone".
     */
    public boolean send(String holdingEdge, Attached attached) {
        try {
            return link.commands().publish(PREFIX + holdingEdge, JSON.writeValueAsString(attached)) > 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of four strings always serialises", e);
        }
    }

    @Override
    public void close() {
        subscriber.close();
        link.close();
    }
}
