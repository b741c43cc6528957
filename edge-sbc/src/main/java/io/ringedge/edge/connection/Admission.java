package io.ringedge.edge.connection;

/** What the edge does with an INVITE from a PBX, decided before any routing work. */
public sealed interface Admission {

    /** No connection admits the source address: 403, and nothing else happens (default deny). */
    record Forbidden() implements Admission {
    }

    /** The source is a known connection but no route of it takes the DID: 404. */
    record UnknownDid(Connection connection, String did) implements Admission {
    }

    /** Ring {@code userId} of the connection's tenant. */
    record Routed(Connection connection, String did, String userId) implements Admission {
    }
}
