package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.repair.RepairProgress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellJsonTest {

    @Test
    void statusHasOneObjectPerNodeWithNullForAnUnknownLoad() {
        List<RingNode> nodes = RingNode.parseAll(List.of(
                "node=1 address=127.0.0.1:7101 resp=7001 status=Up state=NORMAL owns=0.5 tokens=16",
                "node=2 address=127.0.0.1:7102 resp=7002 status=Down state=NORMAL owns=0.5 tokens=16"));

        assertThat(JsonViews.status(nodes, Map.of(1, 7L)).toString()).isEqualTo("{\"nodes\":["
                + "{\"node\":1,\"status\":\"Up\",\"state\":\"NORMAL\",\"address\":\"127.0.0.1:7101\",\"resp_port\":7001,"
                + "\"load_keys\":7,\"owns\":0.5,\"tokens\":16},"
                + "{\"node\":2,\"status\":\"Down\",\"state\":\"NORMAL\",\"address\":\"127.0.0.1:7102\",\"resp_port\":7002,"
                + "\"load_keys\":null,\"owns\":0.5,\"tokens\":16}]}");
    }

    @Test
    void tokensAreStringsSoNoDigitIsLost() {
        assertThat(JsonViews.tokens(List.of(new TokenOwner(-9033454176964697392L, 3))).toString())
                .isEqualTo("{\"tokens\":[{\"token\":\"-9033454176964697392\",\"node\":3}]}");
        assertThat(JsonViews.placement(new KeyPlacement("k", 5L, List.of(2, 1))).toString())
                .isEqualTo("{\"key\":\"k\",\"token\":\"5\",\"replicas\":[2,1]}");
    }

    @Test
    void infoSectionsBecomeNestedObjects() {
        assertThat(JsonViews.info(InfoText.sections("# Keyspace\r\ndb0:keys=2\r\n")).toString())
                .isEqualTo("{\"keyspace\":{\"db0\":\"keys=2\"}}");
    }

    @Test
    void repairReportsTotalsAndFailures() {
        RepairProgress progress = new RepairProgress(2, 2, 10, 1, 300, 20,
                List.of(new RepairProgress.RangeFailure("(1, 2]", "ERR replica 3 is down")));
        assertThat(JsonViews.repair(progress).toString()).isEqualTo("{\"status\":\"failed\",\"ranges_total\":2,"
                + "\"ranges_done\":2,\"ranges_failed\":1,\"keys_compared\":10,\"keys_repaired\":1,\"bytes_sent\":300,"
                + "\"duration_ms\":20,\"failures\":[{\"range\":\"(1, 2]\",\"reason\":\"ERR replica 3 is down\"}]}");
    }
}
