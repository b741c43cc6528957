package io.ringedge.edge.sip.internal;

import io.ringedge.edge.sip.ws.FlowTable;

/** A message processor whose connections are flows. */
public interface FlowSource {

    void attach(FlowTable flows);
}
