package io.ringkv.cli.shell;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code status} table, laid out like {@code nodetool status}: one row per node of the
 * {@code RING} reply, with its load in keys when the node answered {@code INFO keyspace}.
 */
final class StatusTable {
    static final String UNKNOWN_LOAD = "?";

    private StatusTable() {
    }

    /** {@code keysByNode} holds the nodes whose key count is known; the others show {@value #UNKNOWN_LOAD}. */
    static String render(List<RingNode> nodes, Map<Integer, Long> keysByNode) {
        TextTable table = new TextTable(List.of("--", "Node", "Address", "RESP", "Load (keys)", "Owns", "Tokens"));
        for (RingNode node : nodes) {
            Long keys = keysByNode.get(node.id());
            table.row(List.of(node.statusCode(), String.valueOf(node.id()), node.address(),
                    node.respPort() == RingNode.UNKNOWN_PORT ? "?" : String.valueOf(node.respPort()),
                    keys == null ? UNKNOWN_LOAD : String.valueOf(keys),
                    String.format(Locale.ROOT, "%.1f%%", node.owns() * 100), String.valueOf(node.tokens())));
        }
        return "Status=Up/Down\n|/ State=Normal/Leaving/Joining\n" + table.render();
    }
}
