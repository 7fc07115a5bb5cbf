package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizedSet.Configuration;
import io.ringkv.coordinator.linearizability.LinearizedSet.KnownPart;
import io.ringkv.coordinator.linearizability.LinearizedSet.UnknownPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowe's memoization, extended to subsets: the configurations from which the search has failed,
 * so that it never searches again from one they cover. A failed configuration covers another with
 * the same known part whose unknown part it {@linkplain UnknownPart#covers covers}: everything the
 * other could still do, it could have done.
 *
 * <p>Per known part only the minimal failures are kept (an antichain): a failure covered by a new
 * one is dropped. This keeps memory and lookups small even when the search explores millions of
 * configurations that differ only in which operations of unknown outcome they used.
 *
 * <p>Only fully explored configurations go in. One still on the search path may cover a later
 * one (the path between them linearized only operations of unknown outcome) without being known
 * to fail, so it must not prune anything yet. That the search never returns to a configuration on
 * its own path, so need not remember those, holds only while every linearized operation leaves
 * the set: each configuration then has more operations than the one before.
 */
final class FailedConfigurations implements SearchMemory {
    private final Map<KnownPart, List<UnknownPart>> minimalByKnownPart = new HashMap<>();
    private int remembered;

    @Override
    public boolean rulesOut(Configuration configuration) {
        List<UnknownPart> minimal = minimalByKnownPart.get(configuration.knownPart());
        if (minimal == null) {
            return false;
        }
        for (UnknownPart failed : minimal) {
            if (failed.covers(configuration.unknownPart())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void entered(Configuration configuration) {
    }

    @Override
    public void failed(Configuration failed) {
        if (remembered >= MAX_REMEMBERED_CONFIGURATIONS) {
            return;
        }
        List<UnknownPart> minimal = minimalByKnownPart.computeIfAbsent(failed.knownPart(), key -> new ArrayList<>(1));
        remembered -= minimal.size();
        minimal.removeIf(failed.unknownPart()::covers);
        minimal.add(failed.unknownPart());
        remembered += minimal.size();
    }
}
