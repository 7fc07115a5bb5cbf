package io.ringkv.coordinator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of the replicated coordinator (see {@link ReplicationSimulation}),
 * 1,000 seeds per run. A failing seed is printed in the assertion message (and by jqwik); to
 * replay exactly that run: {@code mvn -pl coordinator test -Dtest=ReplicationSimulationProperties
 * -Dringkv.sim.seed=<seed>}.
 */
class ReplicationSimulationProperties {

    @Property(tries = 1000, seed = "20261124")
    void quorumReadsSeeAcknowledgedWritesAndReplicasConverge(@ForAll long seed) {
        ReplicationSimulation simulation = new ReplicationSimulation(seed);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    @Test
    void theFaultsBiteAndTheWorkIsReal() {
        long acknowledged = 0;
        long failed = 0;
        for (long seed = 0; seed < 50; seed++) {
            ReplicationSimulation simulation = new ReplicationSimulation(seed);
            simulation.run();
            acknowledged += simulation.acknowledgedWrites();
            failed += simulation.failedOps();
        }
        assertThat(acknowledged).as("writes acknowledged over 50 seeds").isGreaterThan(500);
        assertThat(failed).as("operations failed by injected faults over 50 seeds").isGreaterThan(20);
    }

    @Test
    void theCheckerCatchesStaleReadsAtOne() {
        int seedsWithViolations = 0;
        for (long seed = 0; seed < 200; seed++) {
            if (!new ReplicationSimulation(seed, ConsistencyLevel.ONE).run().isEmpty()) {
                seedsWithViolations++;
            }
        }
        assertThat(seedsWithViolations).as("seeds where ONE reads returned stale data").isPositive();
    }

    @Test
    void replayOneSeed() {
        String seed = System.getProperty("ringkv.sim.seed");
        long chosen = seed == null ? 42 : Long.parseLong(seed);
        ReplicationSimulation simulation = new ReplicationSimulation(chosen);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }
}
