package io.ringedge.edge;

import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.runtime.observe.MeterRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What only the edge itself can count, beside the meters its events give
 * ({@code MeteredEventPublisher}: calls, registrations): the device connections it holds now, and
 * the SIP it refused or dropped before any call or registration existed (an INVITE from a source
 * no connection admits is a 403 and never a {@code CallOffered}, so it is counted only here).
 */
public final class EdgeMeters {

    private EdgeMeters() {
    }

    public static void register(MeterRegistry registry, Edge edge) {
        registry.gauge("ringedge_device_connections",
                "WebSocket (and stream) flows from devices this edge holds now (RFC 5626 flows)",
                () -> edge.flows().size());
        registry.counter("ringedge_sip_rejected_total",
                "SIP this edge refused or dropped before a call or registration, by reason "
                        + "(forbidden_source: 403, unknown_did: 404, unauthenticated: 401, unparseable, ...)",
                List.of("reason"), () -> byReason(edge.counters()));
    }

    private static Map<List<String>, Long> byReason(RejectCounters counters) {
        Map<List<String>, Long> out = new HashMap<>();
        counters.snapshot().forEach((reason, n) -> out.put(List.of(reason.name().toLowerCase(Locale.ROOT)), n));
        return out;
    }
}
