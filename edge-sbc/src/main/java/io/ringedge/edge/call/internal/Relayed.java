package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.Party;
import io.ringedge.edge.call.RequestRef;

/**
 * What the client transaction of a relayed mid-call request carries (its application data), so
 * its final response or timeout finds the request it answers.
 */
record Relayed(Party to, RequestRef request, String method) {
}
