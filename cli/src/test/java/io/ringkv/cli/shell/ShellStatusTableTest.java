package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellStatusTableTest {
    private static final List<String> RING = List.of(
            "node=1 address=127.0.0.1:7101 resp=7001 status=Up state=NORMAL owns=0.333 tokens=16",
            "node=2 address=127.0.0.1:7102 resp=7002 status=Down state=NORMAL owns=0.334 tokens=16",
            "node=3 address=127.0.0.1:7103 resp=7003 status=Up state=JOINING owns=0.333 tokens=16");

    @Test
    void ringLinesParseIntoNodes() {
        List<RingNode> nodes = RingNode.parseAll(RING);
        assertThat(nodes).containsExactly(
                new RingNode(1, "127.0.0.1:7101", 7001, "Up", "NORMAL", 0.333, 16),
                new RingNode(2, "127.0.0.1:7102", 7002, "Down", "NORMAL", 0.334, 16),
                new RingNode(3, "127.0.0.1:7103", 7003, "Up", "JOINING", 0.333, 16));
        assertThat(nodes).extracting(RingNode::statusCode).containsExactly("UN", "DN", "UJ");
    }

    @Test
    void aSingleNodeWithoutRespPortAndWithATrailingNoteParses() {
        RingNode node = RingNode.parse("node=1 address=127.0.0.1 status=Up state=NORMAL owns=1.000 tokens=0 (single node, no --seeds)");
        assertThat(node.respPort()).isEqualTo(RingNode.UNKNOWN_PORT);
        assertThat(node.owns()).isEqualTo(1.0);
    }

    @Test
    void aLineWithoutANodeIdIsRejected() {
        assertThatThrownBy(() -> RingNode.parse("ERR something")).hasMessageContaining("node=<id>");
    }

    @Test
    void theTableShowsStatusLoadOwnershipAndTokensWithUnknownLoadForSilentNodes() {
        String table = StatusTable.render(RingNode.parseAll(RING), Map.of(1, 120L, 3, 98L));

        assertThat(table).isEqualTo("""
                Status=Up/Down
                |/ State=Normal/Leaving/Joining
                --  Node  Address         RESP  Load (keys)  Owns   Tokens
                UN  1     127.0.0.1:7101  7001  120          33.3%  16
                DN  2     127.0.0.1:7102  7002  ?            33.4%  16
                UJ  3     127.0.0.1:7103  7003  98           33.3%  16
                """);
    }

    @Test
    void keyCountSumsTheKeyspaceLinesAndAnEmptyNodeHasNone() {
        assertThat(InfoText.keyCount("# Keyspace\r\ndb0:keys=12,expires=3,avg_ttl=0\r\n")).isEqualTo(12);
        assertThat(InfoText.keyCount("# Keyspace\r\n")).isZero();
    }

    @Test
    void infoTextSplitsIntoSectionsInOrder() {
        var sections = InfoText.sections("# Server\r\nredis_version:7.2.0\r\nnode_id:1\r\n\r\n# Keyspace\r\ndb0:keys=2,expires=0\r\n");
        assertThat(sections).containsOnlyKeys("server", "keyspace");
        assertThat(sections.get("server")).containsExactly(Map.entry("redis_version", "7.2.0"), Map.entry("node_id", "1"));
        assertThat(sections.get("keyspace")).containsEntry("db0", "keys=2,expires=0");
    }
}
