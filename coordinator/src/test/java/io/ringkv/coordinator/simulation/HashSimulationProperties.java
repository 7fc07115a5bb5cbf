package io.ringkv.coordinator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deterministic simulation of hashes and of sets under faults (see {@link HashSimulation}), 1,000
 * seeds of each per run. To replay one seed: {@code mvn -pl coordinator test -Dtest=HashSimulationProperties#replayOneSeed
 * -Dringkv.sim.seed=<seed>} (add {@code -Dringkv.sim.kind=SETS} for a set seed).
 */
class HashSimulationProperties {

    @Property(tries = 1000, seed = "20261208")
    void hashesConvergeToTheSpecification(@ForAll long seed) {
        HashSimulation simulation = new HashSimulation(seed);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    /** SADD, SREM and SPOP (one or two members) of three members of two sets. */
    @Property(tries = 1000, seed = "20261206")
    void setsConvergeToTheSpecification(@ForAll long seed) {
        HashSimulation simulation = new HashSimulation(seed, HashSimulation.Kind.SETS);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HashSimulation.Kind.class)
    void theFaultsBiteAndTheWorkIsReal(HashSimulation.Kind kind) {
        long acknowledged = 0;
        long failed = 0;
        for (long seed = 0; seed < 50; seed++) {
            HashSimulation simulation = new HashSimulation(seed, kind);
            simulation.run();
            acknowledged += simulation.acknowledged();
            failed += simulation.failed();
        }
        assertThat(acknowledged).as("commands acknowledged over 50 seeds").isGreaterThan(1_000);
        assertThat(failed).as("commands failed by injected faults over 50 seeds").isGreaterThan(20);
    }

    /** A read of one field at QUORUM is answered with that field: replicas ship projections, not the hash. */
    @Test
    void aFieldReadShipsOnlyThatField() {
        SimulatedCluster cluster = new SimulatedCluster(new java.util.SplittableRandom(7));
        var kv = cluster.nodes[0].coordinator();
        byte[] key = "big".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<byte[]> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            pairs.add(("f" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            pairs.add(("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var written = kv.update(key, io.ringkv.coordinator.consistency.ConsistencyLevel.ALL,
                io.ringkv.coordinator.consistency.ConsistencyLevel.ALL, current -> io.ringkv.storage.types.hash.HashEdits.set(
                        current, pairs, new io.ringkv.storage.types.Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()).delta());
        cluster.scheduler.runUntilIdle(SimulatedCluster.MAX_EVENTS);
        assertThat(written).isCompleted();

        var read = kv.read(key, io.ringkv.coordinator.consistency.ConsistencyLevel.QUORUM,
                java.util.List.of("f7".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        cluster.scheduler.runUntilIdle(SimulatedCluster.MAX_EVENTS);
        var answer = io.ringkv.storage.types.hash.HashState.of(read.join());
        assertThat(answer.size()).as("fields in the merged answer").isEqualTo(1);
        assertThat(answer.get("f7".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("v7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.isHash()).isTrue();
        for (int replica : cluster.replicasOf(key)) {
            assertThat(io.ringkv.storage.types.hash.HashState.of(cluster.nodes[replica - 1].get(key)).size()).isEqualTo(1_000);
        }
    }

    /**
     * HLEN and SCARD read summaries: replicas that agree ship a count and a digest, no fields; when
     * they differ the coordinator reads the whole value, which repairs them.
     */
    @Test
    void aCountShipsNoFieldsUnlessTheReplicasDiffer() {
        SimulatedCluster cluster = new SimulatedCluster(new java.util.SplittableRandom(11));
        var kv = cluster.nodes[0].coordinator();
        byte[] key = bytes("counted");
        java.util.List<byte[]> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            pairs.add(bytes("f" + i));
            pairs.add(bytes("v" + i));
        }
        var written = kv.update(key, ConsistencyLevel.ALL, ConsistencyLevel.ALL, current -> HashEdits.set(
                current, pairs, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()).delta());
        cluster.scheduler.runUntilIdle(SimulatedCluster.MAX_EVENTS);
        assertThat(written).isCompleted();

        Cell agreed = countRead(cluster, key, cluster.replicasOf(key).get(0));
        assertThat(agreed.type()).as("the answer is a summary").isEqualTo(Summary.TAG);
        assertThat(agreed.value().length).as("bytes shipped per replica").isLessThan(32);
        assertThat(HashEdits.count(agreed, kv.nowMs(), HashType.TAG)).isEqualTo(1_000);

        int stale = cluster.replicasOf(key).get(1);
        Cell extra = HashEdits.set(cluster.nodes[stale - 1].get(key), java.util.List.of(bytes("only-here"), bytes("x")),
                new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()).delta();
        cluster.nodes[stale - 1].apply(key, extra);
        Cell differing = countRead(cluster, key, stale);
        assertThat(differing.type()).as("replicas differ: the whole hash").isEqualTo(HashType.TAG);
        assertThat(HashEdits.count(differing, kv.nowMs(), HashType.TAG)).isEqualTo(1_001);
        assertThat(countRead(cluster, key, stale).type()).as("repaired, they agree again").isEqualTo(Summary.TAG);
    }

    /** A read for a summary at QUORUM through node {@code via}, which asks itself first when it is a replica. */
    private static Cell countRead(SimulatedCluster cluster, byte[] key, int via) {
        var read = cluster.nodes[via - 1].coordinator().read(key, ConsistencyLevel.QUORUM, Summary.REQUEST);
        cluster.scheduler.runUntilIdle(SimulatedCluster.MAX_EVENTS);
        return read.join();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void replayOneSeed() {
        String seed = System.getProperty("ringkv.sim.seed");
        HashSimulation.Kind kind = HashSimulation.Kind.valueOf(System.getProperty("ringkv.sim.kind", "HASHES"));
        HashSimulation simulation = new HashSimulation(seed == null ? 42 : Long.parseLong(seed), kind);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }
}
