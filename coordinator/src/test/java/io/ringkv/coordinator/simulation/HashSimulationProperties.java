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

    @Test
    void replayOneSeed() {
        String seed = System.getProperty("ringkv.sim.seed");
        HashSimulation simulation = new HashSimulation(seed == null ? 42 : Long.parseLong(seed));
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }
}
