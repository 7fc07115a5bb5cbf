package io.ringkv.coordinator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Deterministic simulation of lists under faults (see {@link ListSimulation}), 1,000 seeds per run. */
class ListSimulationProperties {

    @Property(tries = 1000, seed = "20261209")
    void listsConvergeWithNoElementTwiceAndNoAcknowledgedPushLost(@ForAll long seed) {
        ListSimulation simulation = new ListSimulation(seed);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    /** Pushes and pops at STRONG, the pops deciding on the quorum's slices: also, no element popped twice. */
    @Property(tries = 300, seed = "20261207")
    void atStrongEachElementIsHandedToOneClient(@ForAll long seed) {
        ListSimulation simulation = new ListSimulation(seed, true);
        assertThat(simulation.run()).as(simulation.summary()).isEmpty();
    }

    @Test
    void strongPopsDeliverUnderFaults() {
        int delivered = 0;
        for (long seed = 0; seed < 50; seed++) {
            ListSimulation simulation = new ListSimulation(seed, true);
            simulation.run();
            delivered += simulation.delivered();
        }
        assertThat(delivered).as("elements popped at STRONG and acknowledged over 50 seeds").isGreaterThan(300);
    }

    @Test
    void theFaultsBiteAndTheWorkIsReal() {
        long acknowledged = 0;
        long failed = 0;
        for (long seed = 0; seed < 50; seed++) {
            ListSimulation simulation = new ListSimulation(seed);
            simulation.run();
            acknowledged += simulation.acknowledged();
            failed += simulation.failed();
        }
        assertThat(acknowledged).as("commands acknowledged over 50 seeds").isGreaterThan(1_000);
        assertThat(failed).as("commands failed by injected faults over 50 seeds").isGreaterThan(20);
    }
}
