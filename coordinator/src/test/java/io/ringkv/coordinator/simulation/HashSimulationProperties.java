package io.ringkv.coordinator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of hashes under faults (see {@link HashSimulation}), 1,000 seeds per
 * run. To replay one seed: {@code mvn -pl coordinator test -Dtest=HashSimulationProperties#replayOneSeed
 * -Dringkv.sim.seed=<seed>}.
 */
class HashSimulationProperties {

    @Property(tries = 1000, seed = "20261208")
    void hashesConvergeToTheSpecification(@ForAll long seed) {
        HashSimulation simulation = new HashSimulation(seed);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    @Test
    void theFaultsBiteAndTheWorkIsReal() {
        long acknowledged = 0;
        long failed = 0;
        for (long seed = 0; seed < 50; seed++) {
            HashSimulation simulation = new HashSimulation(seed);
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

    @Test
    void replayOneSeed() {
        String seed = System.getProperty("ringkv.sim.seed");
        HashSimulation simulation = new HashSimulation(seed == null ? 42 : Long.parseLong(seed));
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }
}
