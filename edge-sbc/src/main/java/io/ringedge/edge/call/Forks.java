package io.ringedge.edge.call;

import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every fork a call has made, in creation order. Forks are never removed, so a fork id is never
 * reused, not even by the INVITE-then-CANCEL sent to a device that attaches too late.
 */
public record Forks(List<Fork> all) {

    public Forks {
        all = List.copyOf(all);
    }

    public static Forks none() {
        return new Forks(List.of());
    }

    public Optional<Fork> find(ForkId id) {
        return all.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** A device gets at most one fork per call, however often it is located or attaches. */
    public boolean hasDevice(String deviceId) {
        return all.stream().anyMatch(f -> f.device().deviceId().equals(deviceId));
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** No fork is still waiting for the final response to its INVITE. */
    public boolean nonePending() {
        return all.stream().noneMatch(Fork::pending);
    }

    ForkId nextId(String callId) {
        return new ForkId(callId + "/f" + (all.size() + 1));
    }

    Forks add(ForkId id, AttachedDevice device, Fork.Status status) {
        List<Fork> next = new ArrayList<>(all);
        next.add(new Fork(id, device, status, 0));
        return new Forks(next);
    }

    Forks replace(Fork fork) {
        List<Fork> next = new ArrayList<>(all.size());
        for (Fork f : all) {
            next.add(f.id().equals(fork.id()) ? fork : f);
        }
        return new Forks(next);
    }
}
