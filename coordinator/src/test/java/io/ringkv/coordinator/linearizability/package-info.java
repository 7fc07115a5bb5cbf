/**
 * A linearizability checker for per-key register histories (read, write, compare-and-set), for
 * simulations and real-cluster tests: record operations into a {@link
 * io.ringkv.coordinator.linearizability.History}, then call {@link
 * io.ringkv.coordinator.linearizability.LinearizabilityChecker#check}.
 *
 * <p>Per key, a quick test for values from nowhere ({@code UnwrittenValues}), then Wing and Gong's
 * search with Lowe's memoization ({@code LinearizationSearch}). What the verdicts rely on:
 *
 * <ul>
 *   <li>Real time is the order in which events were recorded: an invoke recorded before a request
 *       is sent and a completion recorded after its answer arrived never make a correct system look
 *       wrong.</li>
 *   <li>Only operations with a known outcome must be linearized. An operation of unknown outcome
 *       has no deadline, so it stays a candidate for ever; leaving it out means it never took
 *       effect.</li>
 *   <li>Every pruning ({@code NextChoices}, {@code FailedConfigurations}) drops only choices whose
 *       success a kept choice would share, so the search is exact: {@link
 *       io.ringkv.coordinator.linearizability.Verdict#NOT_LINEARIZABLE} is always a real
 *       violation, and so is one found by the relaxed search, whose specification is weaker.</li>
 *   <li>When the explored-state limit stops a search, the verdict is {@link
 *       io.ringkv.coordinator.linearizability.Verdict#UNKNOWN}, never a guess.</li>
 * </ul>
 *
 * <p>{@code BruteForceLinearizability} is the reference the search is tested against: every order,
 * no pruning, its own copy of the register's rules.
 */
package io.ringkv.coordinator.linearizability;
