package io.ringedge.edge.sip.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.SipURI;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The WebSocket flows this edge holds, fed by the stack's WebSocket processors (open on accept,
 * close when jain-sip drops the connection), and the request targets pinned to them.
 *
 * <p>Why pinning: a device's Contact is {@code sip:x@random.invalid;transport=ws} (RFC 7118 §5.2),
 * which no router can resolve. The registrar pins that URI to the flow the REGISTER came on; the
 * stack's router then sends any request whose Request-URI is a pinned target over exactly that
 * connection, including in-dialog requests sent by jain-sip's dialog layer.
 */
public final class FlowTable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowTable.class);

    private final Map<FlowId, Flow> byId = new ConcurrentHashMap<>();
    private final Map<String, Flow> byRemote = new ConcurrentHashMap<>();
    private final Map<String, FlowId> pinned = new ConcurrentHashMap<>();
    private final List<Consumer<Flow>> closeListeners = new CopyOnWriteArrayList<>();

    /** Called by the stack when it accepts a WebSocket connection. */
    public Flow opened(String transport, InetSocketAddress remote) {
        Flow flow = new Flow(FlowId.random(), transport, remote);
        Flow previous = byRemote.put(remoteKey(transport, remote), flow);
        if (previous != null) {
            // The same address/port can only reappear after the old socket is gone.
            forget(previous);
        }
        byId.put(flow.id(), flow);
        LOG.debug("flow {} opened: {} {}", flow.id(), transport, remote);
        return flow;
    }

    /** Called by the stack when a WebSocket connection is gone; notifies listeners once. */
    public void closed(String transport, InetSocketAddress remote) {
        Flow flow = byRemote.remove(remoteKey(transport, remote));
        if (flow != null) {
            forget(flow);
        }
    }

    private void forget(Flow flow) {
        if (byId.remove(flow.id()) == null) {
            return;
        }
        pinned.values().removeIf(flow.id()::equals);
        LOG.debug("flow {} closed: {} {}", flow.id(), flow.transport(), flow.remote());
        for (Consumer<Flow> listener : closeListeners) {
            try {
                listener.accept(flow);
            } catch (RuntimeException e) {
                LOG.error("flow close listener failed for {}", flow.id(), e);
            }
        }
    }

    public void onClose(Consumer<Flow> listener) {
        closeListeners.add(listener);
    }

    public Optional<Flow> find(FlowId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The flow a request arrived on, from its transport and the socket's remote address. */
    public Optional<Flow> find(String transport, InetSocketAddress remote) {
        return Optional.ofNullable(byRemote.get(remoteKey(transport, remote)));
    }

    /** Requests whose Request-URI is {@code target} go over {@code flow} until the flow closes. */
    public void pin(SipURI target, FlowId flow) {
        if (byId.containsKey(flow)) {
            pinned.put(targetKey(target), flow);
        }
    }

    public void unpin(SipURI target) {
        pinned.remove(targetKey(target));
    }

    /** The live flow {@code target} is pinned to. */
    public Optional<Flow> pinnedFlow(SipURI target) {
        FlowId id = pinned.get(targetKey(target));
        return id == null ? Optional.empty() : find(id);
    }

    public int size() {
        return byId.size();
    }

    private static String remoteKey(String transport, InetSocketAddress remote) {
        return transport.toUpperCase() + "|" + remote.getAddress().getHostAddress() + "|" + remote.getPort();
    }

    /** RFC 3261 §19.1.4 compares user, host and port; parameters do not identify a device. */
    private static String targetKey(SipURI uri) {
        return (uri.getUser() == null ? "" : uri.getUser()) + "@" + uri.getHost().toLowerCase() + ":" + uri.getPort();
    }
}
