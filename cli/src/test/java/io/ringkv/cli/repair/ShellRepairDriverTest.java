package io.ringkv.cli.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.cli.RespCall;
import io.ringkv.cli.RespClient.RespError;
import io.ringkv.sharding.TokenRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver against a scripted server: which commands it sends and how it counts the replies. */
class ShellRepairDriverTest {
    private final List<String> sent = new ArrayList<>();

    private RespCall server(Map<String, Object> replies) {
        return args -> {
            String command = String.join(" ", args);
            sent.add(command);
            return replies.containsKey(command) ? replies.get(command) : new RespError("ERR unknown command");
        };
    }

    @Test
    void aFullRepairListsTheRangesThenRepairsEachInOrder() throws Exception {
        RepairDriver driver = new RepairDriver(server(Map.of(
                "REPAIR RANGES", "-10 0\n0 10\n",
                "REPAIR -10 0", "range=(-10, 0] replicas=1,2,3 keys_compared=5 keys_repaired=1 bytes_sent=100 duration_ms=3 status=ok\n",
                "REPAIR 0 10", List.of("range=(0, 10] replicas=2,3,1 keys_compared=7 keys_repaired=0 bytes_sent=50 duration_ms=2 status=ok"))));

        RepairProgress result = driver.run(driver.plan(Optional.empty()), RepairListener.silent());

        assertThat(sent).containsExactly("REPAIR RANGES", "REPAIR -10 0", "REPAIR 0 10");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.keysCompared()).isEqualTo(12);
        assertThat(result.keysRepaired()).isEqualTo(1);
        assertThat(result.bytesSent()).isEqualTo(150);
    }

    @Test
    void oneNamedRangeIsRepairedWithoutListingTheRest() throws Exception {
        RepairDriver driver = new RepairDriver(server(Map.of("REPAIR 0 10",
                "range=(0, 10] replicas=1 keys_compared=1 keys_repaired=0 bytes_sent=1 duration_ms=1 status=ok")));

        RepairProgress result = driver.run(driver.plan(Optional.of(new TokenRange(0, 10))), RepairListener.silent());

        assertThat(sent).containsExactly("REPAIR 0 10");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void anErrorReplyFailsThatRangeAndTheRunGoesOn() throws Exception {
        RepairDriver driver = new RepairDriver(server(Map.of(
                "REPAIR RANGES", "-10 0\n0 10\n",
                "REPAIR -10 0", new RespError("ERR replica 3 is down"),
                "REPAIR 0 10", "range=(0, 10] replicas=1 keys_compared=1 keys_repaired=0 bytes_sent=1 duration_ms=1 status=ok")));

        RepairProgress result = driver.run(driver.plan(Optional.empty()), RepairListener.silent());

        assertThat(sent).containsExactly("REPAIR RANGES", "REPAIR -10 0", "REPAIR 0 10");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).extracting(RepairProgress.RangeFailure::reason).containsExactly("ERR replica 3 is down");
    }

    @Test
    void aServerWithoutRepairRefusesThePlan() {
        RepairDriver driver = new RepairDriver(server(Map.of()));
        assertThatThrownBy(() -> driver.plan(Optional.empty())).isInstanceOf(RepairPlanException.class)
                .hasMessage("ERR unknown command");
    }

    @Test
    void theListenerSeesEveryRange() throws Exception {
        RepairDriver driver = new RepairDriver(server(Map.of("REPAIR RANGES", "1 2\n2 3\n")));
        List<Integer> seen = new ArrayList<>();
        driver.run(driver.plan(Optional.empty()), new RepairListener() {
            @Override
            public void started(RepairProgress progress) {
                seen.add(progress.rangesDone());
            }

            @Override
            public void rangeFinished(RangeOutcome outcome, RepairProgress progress) {
                seen.add(progress.rangesDone());
            }

            @Override
            public void finished(RepairProgress progress) {
                seen.add(-progress.failures().size());
            }
        });
        assertThat(seen).containsExactly(0, 1, 2, -2);
    }
}
