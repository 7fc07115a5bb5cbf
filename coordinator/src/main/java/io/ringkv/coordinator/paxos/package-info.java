/**
 * STRONG consistency: per-key Paxos over the key's replica set (the design of Cassandra's
 * lightweight transactions), with no leader for the cluster.
 *
 * <p>Each operation at STRONG is one Paxos instance on its key: {@link io.ringkv.coordinator.paxos.Proposer}
 * runs prepare ({@code Promise}), propose and commit against {@link io.ringkv.coordinator.paxos.Acceptor}s
 * reached through {@link io.ringkv.coordinator.paxos.PaxosTransport}. The invariants the code keeps:
 *
 * <ul>
 *   <li>An acceptor grants a prepare only for a ballot above every ballot it promised, accepts a
 *       proposal only at or above its promise, and writes its new state durably (the AOF)
 *       before it answers, so a restart never breaks a promise.</li>
 *   <li>A proposer that finds, in its quorum of promises, an accepted proposal newer than every
 *       commit the quorum reports (an <em>in-progress</em> proposal) completes that proposal under
 *       its own ballot before it proposes anything of its own.</li>
 *   <li>The value an operation reads is the newest cell the quorum of promises holds. A write's
 *       version is issued after the clock has observed every version the prepare saw, so it wins
 *       over every earlier write to the key.</li>
 *   <li>Once a proposal of its own may have been accepted anywhere, a proposer never reports a
 *       definite failure. If a quorum refused it outright it was accepted nowhere, and the
 *       operation starts again with a higher ballot. If some replicas accepted it, it prepares
 *       again: when the key's state holds it (merged in, for a typed delta) it was chosen; when it
 *       is the one in progress, or nothing was committed after it, it completes it and answers as
 *       its operation would have; another proposal in progress is finished first; after a later
 *       commit, a state that shows it never held it (another removal of the same field won)
 *       means it was not chosen and can no longer be, so the operation starts afresh. Otherwise
 *       it answers TIMEOUT (outcome unknown). Nothing is ever applied twice.</li>
 *   <li>Reads and unsuccessful compare-and-sets propose nothing: a read needs only a quorum of
 *       promises with no proposal in progress (Paxos v2's clean read).</li>
 * </ul>
 */
package io.ringkv.coordinator.paxos;
