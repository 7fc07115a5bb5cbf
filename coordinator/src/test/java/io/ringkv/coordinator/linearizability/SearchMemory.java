package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizedSet.Configuration;

/**
 * What the search remembers of configurations it has been to, so it never searches one twice.
 *
 * <p>Memory is bounded by {@link #MAX_REMEMBERED_CONFIGURATIONS}: past it, new configurations are
 * not remembered. That costs search time (a configuration may be searched again), never a wrong
 * verdict, and the explored-state limit still ends every search.
 */
interface SearchMemory {
    /** At roughly 200 bytes each, a few hundred MB at worst, within the tests' 1 GB heap. */
    int MAX_REMEMBERED_CONFIGURATIONS = 1_000_000;

    /** True when searching from {@code next} cannot find anything the search has not ruled out. */
    boolean rulesOut(Configuration next);

    void entered(Configuration configuration);

    /** Every choice from {@code configuration} has been searched without success. */
    void failed(Configuration configuration);
}
