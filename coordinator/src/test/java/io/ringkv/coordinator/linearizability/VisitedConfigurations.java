package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizedSet.Configuration;
import java.util.HashSet;
import java.util.Set;

/**
 * Plain depth-first search memory: every configuration entered, never entered again. It is the
 * one to use when the search can come back to a configuration on its own path (operations of
 * unknown outcome that may take effect repeatedly): marking on entry stops the cycle, and a goal
 * reachable from the start is still found, as in any graph search with a visited set.
 */
final class VisitedConfigurations implements SearchMemory {
    private final Set<Configuration> visited = new HashSet<>();

    @Override
    public boolean rulesOut(Configuration next) {
        return visited.contains(next);
    }

    @Override
    public void entered(Configuration configuration) {
        if (visited.size() < MAX_REMEMBERED_CONFIGURATIONS) {
            visited.add(configuration);
        }
    }

    @Override
    public void failed(Configuration configuration) {
    }
}
