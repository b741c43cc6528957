package io.ringedge.edge.connection;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A customer PBX trunk: the sources it may send from and the DIDs it may call.
 *
 * @param id             stable connection id
 * @param tenantId       tenant the calls belong to
 * @param allowedSources CIDRs admitted as this connection's source addresses
 * @param routes         DID routes; {@link #route} picks the most specific
 * @param limits         calls per second and concurrent calls it may place
 */
public record Connection(String id, String tenantId, List<Cidr> allowedSources, List<DidRoute> routes,
                         CallLimits limits) {

    public Connection {
        allowedSources = List.copyOf(allowedSources);
        routes = routes.stream().sorted(Comparator.comparingInt(DidRoute::rank)).toList();
    }

    /** A connection without call limits. */
    public Connection(String id, String tenantId, List<Cidr> allowedSources, List<DidRoute> routes) {
        this(id, tenantId, allowedSources, routes, CallLimits.NONE);
    }

    public boolean admits(InetAddress source) {
        return allowedSources.stream().anyMatch(c -> c.contains(source));
    }

    /** The user a call to {@code did} rings on this connection. */
    public Optional<String> route(String did) {
        return routes.stream().filter(r -> r.pattern().matches(did)).map(DidRoute::userId).findFirst();
    }
}
