package io.ringkv.coordinator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.linearizability.CheckResult;
import io.ringkv.coordinator.linearizability.Verdict;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of STRONG (see {@link PaxosSimulation}), 500 seeds per run: every
 * history must be linearizable. To replay one seed: {@code mvn -pl coordinator test
 * -Dtest=PaxosSimulationProperties#replayOneSeed -Dringkv.sim.seed=<seed>}.
 */
class PaxosSimulationProperties {

    @Property(tries = 500, seed = "20261201")
    void strongHistoriesAreLinearizable(@ForAll long seed) {
        PaxosSimulation simulation = new PaxosSimulation(seed, PaxosSimulation.Variant.STRONG);
        CheckResult result = simulation.run();
        assertThat(result.linearizable()).as(simulation.summary() + "\n" + result.explanation()).isTrue();
    }

    @Test
    void theWorkloadMeetsContentionAndFaults() {
        long unknown = 0;
        long contended = 0;
        long appliedCas = 0;
        for (long seed = 0; seed < 50; seed++) {
            PaxosSimulation simulation = new PaxosSimulation(seed, PaxosSimulation.Variant.STRONG);
            simulation.run();
            unknown += simulation.unknownOutcomes() + simulation.failedOps();
            contended += simulation.contended();
            appliedCas += simulation.appliedCas();
        }
        System.out.printf("50 seeds: %d contended, %d failed or unknown, %d CAS applied%n", contended, unknown, appliedCas);
        assertThat(contended).as("operations that met a competing proposer over 50 seeds").isGreaterThan(50);
        assertThat(unknown).as("operations failed or timed out by injected faults over 50 seeds").isGreaterThan(20);
        assertThat(appliedCas).as("compare-and-sets that applied over 50 seeds").isGreaterThan(50);
    }

    @Test
    void theCheckerRejectsQuorumReadThenWrite() {
        assertThat(seedsRejected(PaxosSimulation.Variant.QUORUM_READ_THEN_WRITE, 100))
                .as("seeds whose QUORUM history is not linearizable").isPositive();
    }

    @Test
    void theCheckerRejectsAcceptorsThatForgetPromises() {
        assertThat(seedsRejected(PaxosSimulation.Variant.ACCEPTORS_FORGET_PROMISES, 200))
                .as("seeds whose history with forgetful acceptors is not linearizable").isPositive();
    }

    private static int seedsRejected(PaxosSimulation.Variant variant, int seeds) {
        int rejected = 0;
        for (long seed = 0; seed < seeds; seed++) {
            if (new PaxosSimulation(seed, variant).run().verdict() == Verdict.NOT_LINEARIZABLE) {
                rejected++;
            }
        }
        System.out.printf("%s: %d of %d seeds rejected%n", variant, rejected, seeds);
        return rejected;
    }

    @Test
    void replayOneSeed() {
        String seed = System.getProperty("ringkv.sim.seed");
        PaxosSimulation simulation = new PaxosSimulation(seed == null ? 7 : Long.parseLong(seed), PaxosSimulation.Variant.STRONG);
        CheckResult result = simulation.run();
        assertThat(result.linearizable()).as(simulation.summary() + "\n" + result.explanation()).isTrue();
    }
}
