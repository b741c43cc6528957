package io.ringedge.edge.connection;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * All configured connections. Admission is default deny: a source no connection lists is
 * {@link Admission.Forbidden}, whatever it dials.
 */
public record ConnectionTable(List<Connection> connections) {

    public ConnectionTable {
        connections = List.copyOf(connections);
    }

    /**
     * Admits an INVITE from {@code source} to {@code did}. When several connections admit the source
     * (overlapping CIDRs, e.g. two tenants behind one carrier), the first in configuration order
     * that routes the DID wins.
     */
    public Admission admit(InetAddress source, String did) {
        List<Connection> admitting = connections.stream().filter(c -> c.admits(source)).toList();
        if (admitting.isEmpty()) {
            return new Admission.Forbidden();
        }
        for (Connection connection : admitting) {
            Optional<String> user = connection.route(did);
            if (user.isPresent()) {
                return new Admission.Routed(connection, did, user.get());
            }
        }
        return new Admission.UnknownDid(admitting.getFirst(), did);
    }
}
