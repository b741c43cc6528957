package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallContext;
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
import java.text.ParseException;
import java.util.Optional;

/**
 * Reaches devices whose WebSocket this edge holds: the binding in the directory gives the
 * registered Contact (the Request-URI the device expects), the flow table the connection, which
 * the registrar pinned that Contact to.
 */
final class FlowDeviceReach implements DeviceReach {

    private static final Logger LOG = LoggerFactory.getLogger(FlowDeviceReach.class);

    private final String nodeId;
    private final EdgeSipStack stack;
    private final FlowTable flows;
    private final DeviceDirectory directory;

    FlowDeviceReach(String nodeId, EdgeSipStack stack, FlowTable flows, DeviceDirectory directory) {
        this.nodeId = nodeId;
        this.stack = stack;
        this.flows = flows;
        this.directory = directory;
    }

    @Override
    public Optional<DeviceTarget> target(CallContext call, AttachedDevice device) {
        if (!nodeId.equals(device.edgeNode())) {
            LOG.info("call {}: device {} is attached to edge {}; edge-to-edge forking is not served yet",
                    call.callId(), device.deviceId(), device.edgeNode());
            return Optional.empty();
        }
        Optional<Flow> flow = flowOf(device.flowId());
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        Optional<Binding> binding = directory.bindings(call.tenantId(), call.userId()).stream()
                .filter(b -> b.deviceId().equals(device.deviceId()) && b.flowId().equals(device.flowId()))
                .findFirst();
        if (binding.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!(stack.addresses().createURI(binding.get().contact()) instanceof SipURI contact)) {
                return Optional.empty();
            }
            Ingress ingress = Ingress.valueOf(flow.get().transport().toUpperCase());
            return Optional.of(new DeviceTarget(stack.provider(ingress), contact, device.flowId()));
        } catch (ParseException | IllegalArgumentException e) {
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
