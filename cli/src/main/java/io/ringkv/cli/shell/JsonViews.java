package io.ringkv.cli.shell;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.ringkv.cli.repair.RepairProgress;
import java.util.List;
import java.util.Map;

/** The {@code --json} form of what {@code status}, {@code ring}, {@code info} and {@code repair} show as text. */
final class JsonViews {
    private JsonViews() {
    }

    static JsonObject status(List<RingNode> nodes, Map<Integer, Long> keysByNode) {
        JsonArray rows = new JsonArray();
        for (RingNode node : nodes) {
            JsonObject row = new JsonObject();
            row.addProperty("node", node.id());
            row.addProperty("status", node.status());
            row.addProperty("state", node.state());
            row.addProperty("address", node.address());
            if (node.respPort() == RingNode.UNKNOWN_PORT) {
                row.add("resp_port", JsonNull.INSTANCE);
            } else {
                row.addProperty("resp_port", node.respPort());
            }
            Long keys = keysByNode.get(node.id());
            if (keys == null) {
                row.add("load_keys", JsonNull.INSTANCE);
            } else {
                row.addProperty("load_keys", keys);
            }
            row.addProperty("owns", node.owns());
            row.addProperty("tokens", node.tokens());
            rows.add(row);
        }
        JsonObject status = new JsonObject();
        status.add("nodes", rows);
        return status;
    }

    static JsonObject tokens(List<TokenOwner> owners) {
        JsonArray rows = new JsonArray();
        for (TokenOwner owner : owners) {
            JsonObject row = new JsonObject();
            // Tokens as strings: 64-bit values lose digits in JavaScript's numbers.
            row.addProperty("token", String.valueOf(owner.token()));
            row.addProperty("node", owner.node());
            rows.add(row);
        }
        JsonObject ring = new JsonObject();
        ring.add("tokens", rows);
        return ring;
    }

    static JsonObject placement(KeyPlacement placement) {
        JsonObject out = new JsonObject();
        out.addProperty("key", placement.key());
        out.addProperty("token", String.valueOf(placement.token()));
        JsonArray replicas = new JsonArray();
        placement.replicas().forEach(replicas::add);
        out.add("replicas", replicas);
        return out;
    }

    static JsonObject info(Map<String, Map<String, String>> sections) {
        JsonObject out = new JsonObject();
        sections.forEach((name, fields) -> {
            JsonObject section = new JsonObject();
            fields.forEach(section::addProperty);
            out.add(name, section);
        });
        return out;
    }

    static JsonObject repair(RepairProgress progress) {
        JsonObject out = new JsonObject();
        out.addProperty("status", progress.succeeded() ? "ok" : "failed");
        out.addProperty("ranges_total", progress.rangesTotal());
        out.addProperty("ranges_done", progress.rangesDone());
        out.addProperty("ranges_failed", progress.failures().size());
        out.addProperty("keys_compared", progress.keysCompared());
        out.addProperty("keys_repaired", progress.keysRepaired());
        out.addProperty("bytes_sent", progress.bytesSent());
        out.addProperty("duration_ms", progress.durationMs());
        JsonArray failures = new JsonArray();
        for (RepairProgress.RangeFailure failure : progress.failures()) {
            JsonObject row = new JsonObject();
            row.addProperty("range", failure.range());
            row.addProperty("reason", failure.reason());
            failures.add(row);
        }
        out.add("failures", failures);
        return out;
    }

    static JsonObject error(String message) {
        JsonObject out = new JsonObject();
        out.addProperty("error", message);
        return out;
    }
}
