package io.ringedge.edge.sip.internal;

import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.ws.FlowTable;

/**
 * A message processor of ours. jain-sip creates processors by reflection, so what they report to
 * is attached right after the listening point exists, before the edge announces its ports.
 */
public interface EdgeProcessor {

    void attach(FlowTable flows, RejectCounters counters);
}
