package io.ringkv.cli.shell;

import io.ringkv.cli.ReplyLines;
import io.ringkv.cli.RespClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code status}, {@code ring} and {@code info}: the cluster as the connected node sees it. */
final class ClusterActions {
    private ClusterActions() {
    }

    static boolean status(ShellSession session, List<String> args) throws IOException {
        if (!args.isEmpty()) {
            throw new UsageException("usage: status");
        }
        Object reply = session.callOrPrintError("RING");
        if (reply == null) {
            return false;
        }
        List<RingNode> nodes = RingNode.parseAll(ReplyLines.of(reply));
        session.connection.rememberRing(nodes);
        Map<Integer, Long> keysByNode = keysByNode(session.connection.host(), nodes);
        if (session.json) {
            session.printJson(JsonViews.status(nodes, keysByNode));
        } else {
            session.out.print(StatusTable.render(nodes, keysByNode));
        }
        return true;
    }

    /** Each reachable node's own key count (its replicas, as nodetool's Load); unreachable ones are left out. */
    private static Map<Integer, Long> keysByNode(String host, List<RingNode> nodes) {
        Map<Integer, Long> keys = new HashMap<>();
        for (RingNode node : nodes) {
            if (node.respPort() == RingNode.UNKNOWN_PORT) {
                continue;
            }
            try (RespClient client = new RespClient(host, node.respPort(), NodeConnection.CONNECT_TIMEOUT_MS)) {
                Object info = client.call("INFO", "keyspace");
                if (info instanceof String text) {
                    keys.put(node.id(), InfoText.keyCount(text));
                }
            } catch (IOException | RuntimeException unreachable) {
                // shown as unknown load: a Down node is expected not to answer
            }
        }
        return keys;
    }

    static boolean ring(ShellSession session, List<String> args) throws IOException {
        if (args.size() > 1) {
            throw new UsageException("usage: ring [key]");
        }
        if (args.size() == 1) {
            Object reply = session.callOrPrintError("RING", "KEY", args.get(0));
            if (reply == null) {
                return false;
            }
            KeyPlacement placement = KeyPlacement.parse(ReplyLines.of(reply));
            if (session.json) {
                session.printJson(JsonViews.placement(placement));
            } else {
                session.out.print(placement.render());
            }
            return true;
        }
        Object reply = session.callOrPrintError("RING", "TOKENS");
        if (reply == null) {
            return false;
        }
        List<TokenOwner> owners = TokenOwner.parseAll(ReplyLines.of(reply));
        if (session.json) {
            session.printJson(JsonViews.tokens(owners));
        } else {
            session.out.print(TokenOwner.table(owners));
        }
        return true;
    }

    static boolean info(ShellSession session, List<String> args) throws IOException {
        if (args.size() > 1) {
            throw new UsageException("usage: info [section]");
        }
        Object reply = args.isEmpty() ? session.callOrPrintError("INFO") : session.callOrPrintError("INFO", args.get(0));
        if (reply == null) {
            return false;
        }
        String text = String.valueOf(reply);
        if (session.json) {
            session.printJson(JsonViews.info(InfoText.sections(text)));
        } else {
            session.out.println(text.replace("\r\n", "\n").stripTrailing());
        }
        return true;
    }
}
