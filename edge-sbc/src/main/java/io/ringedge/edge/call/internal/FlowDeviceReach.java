package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallContext;
import io.ringedge.edge.cluster.FlowRoute;
import io.ringedge.edge.sip.EdgeSipStack;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowId;
import io.ringedge.edge.sip.ws.FlowTable;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.locator.Binding;
import io.ringedge.locator.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import java.text.ParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reaches devices from this edge. The binding in the directory gives the registered Contact (the
 * Request-URI the device expects). A device whose WebSocket this edge holds is reached over its
 * flow, which the registrar pinned that Contact to; a device attached to another edge through
 * that edge's internal listener, naming the flow in the Route (RFC 5626 §5.3), where the other
 * edge's {@code relay} takes it on.
 */
final class FlowDeviceReach implements DeviceReach {

    private static final Logger LOG = LoggerFactory.getLogger(FlowDeviceReach.class);

    private final String nodeId;
    private final EdgeSipStack stack;
    private final FlowTable flows;
    private final DeviceDirectory directory;
    private final Function<String, Optional<String>> edgeNodes;

    /** @param edgeNodes another node's internal SIP URI by node id ({@code EdgeNodeRegistry::lookup}) */
    FlowDeviceReach(String nodeId, EdgeSipStack stack, FlowTable flows, DeviceDirectory directory,
                    Function<String, Optional<String>> edgeNodes) {
        this.nodeId = nodeId;
        this.stack = stack;
        this.flows = flows;
        this.directory = directory;
        this.edgeNodes = edgeNodes;
    }

    @Override
    public Optional<DeviceTarget> target(CallContext call, AttachedDevice device) {
        Optional<SipURI> contact = contactOf(call, device);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        if (!nodeId.equals(device.edgeNode())) {
            return viaEdge(call, device, contact.get());
        }
        Optional<Flow> flow = flowOf(device.flowId());
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        Ingress ingress = Ingress.valueOf(flow.get().transport().toUpperCase());
        return Optional.of(DeviceTarget.local(stack.provider(ingress), contact.get(), device.flowId()));
    }

    /** What a relayed INVITE names: a flow of this edge, the device's Contact as Request-URI. */
    DeviceReach toFlow(Flow flow, SipURI requestUri) {
        DeviceTarget target = DeviceTarget.local(stack.provider(Ingress.valueOf(flow.transport().toUpperCase())),
                requestUri, flow.id().value());
        return new DeviceReach() {
            @Override
            public Optional<DeviceTarget> target(CallContext call, AttachedDevice device) {
                return flows.find(flow.id()).map(f -> target);
            }

            @Override
            public void pin(SipURI dialogTarget, String flowId) {
                FlowDeviceReach.this.pin(dialogTarget, flowId);
            }
        };
    }

    private Optional<DeviceTarget> viaEdge(CallContext call, AttachedDevice device, SipURI contact) {
        Optional<String> edge = edgeNodes.apply(device.edgeNode());
        if (edge.isEmpty() || !stack.has(Ingress.INTERNAL)) {
            LOG.info("call {}: edge {} holding device {} is not in the cluster", call.callId(), device.edgeNode(),
                    device.deviceId());
            return Optional.empty();
        }
        try {
            RouteHeader route = FlowRoute.to(edge.get(), device.flowId(), stack.addresses(), stack.headers());
            return Optional.of(new DeviceTarget(stack.provider(Ingress.INTERNAL), contact, device.flowId(),
                    Optional.of(route)));
        } catch (ParseException | ClassCastException e) {
            LOG.warn("call {}: edge {} has an unusable internal URI {}", call.callId(), device.edgeNode(), edge.get());
            return Optional.empty();
        }
    }

    /** The Contact the device registered on its flow: as located, or (an older event without it) from its binding. */
    private Optional<SipURI> contactOf(CallContext call, AttachedDevice device) {
        Optional<String> registered = !device.contact().isEmpty() ? Optional.of(device.contact())
                : directory.bindings(call.tenantId(), call.userId()).stream()
                        .filter(b -> b.deviceId().equals(device.deviceId()) && b.flowId().equals(device.flowId()))
                        .findFirst().map(Binding::contact);
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        try {
            return stack.addresses().createURI(registered.get()) instanceof SipURI contact
                    ? Optional.of(contact) : Optional.empty();
        } catch (ParseException e) {
            LOG.warn("call {}: unusable contact for device {}: {}", call.callId(), device.deviceId(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void pin(SipURI dialogTarget, String flowId) {
        flowOf(flowId).ifPresent(flow -> flows.pin(dialogTarget, flow.id()));
    }

    private Optional<Flow> flowOf(String flowId) {
        try {
            return flows.find(new FlowId(flowId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
