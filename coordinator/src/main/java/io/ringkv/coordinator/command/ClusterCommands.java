package io.ringkv.coordinator.command;

import static io.ringkv.coordinator.command.Replies.done;

import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.sharding.TokenRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Cluster administration over RESP: {@code RING [KEY k | TOKENS]} and
 * {@code REPAIR [FULL | RANGES | CANCEL | <start> <end>]}.
 */
final class ClusterCommands {
    private final NodeControl node;

    ClusterCommands(NodeControl node) {
        this.node = node;
    }

    void register(CommandTable t) {
        t.add("RING", -1, List.of("admin"), 0, 0, 0, this::ring);
        t.add("REPAIR", -1, List.of("admin"), 0, 0, 0, this::repair);
        t.add("TRACING", 2, List.of("fast"), 0, 0, 0, this::tracing);
        t.add("FAULT", -2, List.of("admin"), 0, 0, 0, this::fault);
    }

    private CompletionStage<Reply> fault(CommandContext c, RespCommand cmd) {
        List<String> args = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i++) {
            args.add(Args.text(cmd.arg(i)));
        }
        try {
            return done(Replies.verbatim(String.join("\n", node.fault(args)) + "\n"));
        } catch (IllegalArgumentException e) {
            return done(Replies.error("ERR " + e.getMessage()));
        }
    }

    /** TRACING ON|OFF for this connection; TRACING LAST shows the trace of the last traced command. */
    private CompletionStage<Reply> tracing(CommandContext c, RespCommand cmd) {
        String sub = Args.text(cmd.arg(1)).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "ON", "OFF" -> {
                c.session().tracing(sub.equals("ON"));
                return done(Replies.ok());
            }
            case "LAST" -> {
                var trace = c.session().lastTrace();
                return done(trace == null ? Replies.error("ERR no traced command yet (TRACING ON first)")
                        : Replies.verbatim(trace.render()));
            }
            default -> {
                return done(Replies.error("ERR syntax error, try TRACING ON | OFF | LAST"));
            }
        }
    }

    private CompletionStage<Reply> ring(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() == 1) {
            return done(Replies.verbatim(node.ring()));
        }
        String sub = Args.text(cmd.arg(1)).toUpperCase(Locale.ROOT);
        if (sub.equals("KEY") && cmd.argCount() == 3) {
            return done(Replies.verbatim(node.ringKey(cmd.arg(2))));
        }
        if (sub.equals("TOKENS") && cmd.argCount() == 2) {
            return done(Replies.verbatim(node.ringTokens()));
        }
        return done(Replies.error("ERR syntax error, try RING, RING KEY <key> or RING TOKENS"));
    }

    private CompletionStage<Reply> repair(CommandContext c, RespCommand cmd) {
        RepairControl repairs = node.repairs();
        if (repairs == null) {
            return done(Replies.error("ERR repair needs a cluster: this node runs alone (no --seeds)"));
        }
        String sub = cmd.argCount() > 1 ? Args.text(cmd.arg(1)).toUpperCase(Locale.ROOT) : "FULL";
        if (cmd.argCount() <= 2 && sub.equals("FULL")) {
            return repairAll(repairs);
        }
        if (cmd.argCount() == 2 && sub.equals("RANGES")) {
            StringBuilder out = new StringBuilder();
            repairs.ranges().forEach(r -> out.append(r.start()).append(' ').append(r.end()).append('\n'));
            return done(Replies.verbatim(out.toString()));
        }
        if (cmd.argCount() == 2 && sub.equals("CANCEL")) {
            return done(Replies.integer(repairs.cancel()));
        }
        if (cmd.argCount() == 3) {
            long start;
            long end;
            try {
                start = Long.parseLong(Args.text(cmd.arg(1)));
                end = Long.parseLong(Args.text(cmd.arg(2)));
            } catch (NumberFormatException e) {
                return done(Replies.error("ERR start and end must be tokens (signed 64-bit integers)"));
            }
            TokenRange range = new TokenRange(start, end);
            return repairs.repair(range).handle((line, failure) -> failure == null
                    ? Replies.verbatim(line + "\n")
                    : Replies.error("ERR repair of " + range + " failed: " + reason(failure)));
        }
        return done(Replies.error("ERR syntax error, try REPAIR [FULL | RANGES | CANCEL | <start> <end>]"));
    }

    /** Every range in turn; failed ranges are reported in their line and the summary, the rest go on. */
    private CompletionStage<Reply> repairAll(RepairControl repairs) {
        List<TokenRange> ranges = repairs.ranges();
        List<String> lines = new ArrayList<>();
        int[] failed = {0};
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (TokenRange range : ranges) {
            chain = chain.thenCompose(ignored -> repairs.repair(range).handle((line, failure) -> {
                if (failure == null) {
                    lines.add(line);
                } else {
                    failed[0]++;
                    lines.add("range=" + range + " status=failed reason=" + reason(failure).replace(' ', '_'));
                }
                return null;
            }));
        }
        return chain.thenApply(ignored -> {
            StringBuilder out = new StringBuilder();
            lines.forEach(line -> out.append(line).append('\n'));
            out.append("summary: ranges=").append(ranges.size()).append(" failed=").append(failed[0]).append('\n');
            return failed[0] == 0 ? Replies.verbatim(out.toString())
                    : Replies.error("ERR repair failed for " + failed[0] + " of " + ranges.size()
                            + " ranges; REPAIR <start> <end> retries one: " + lines.stream()
                            .filter(l -> l.contains("status=failed")).findFirst().orElse(""));
        });
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return String.valueOf(cause.getMessage());
    }
}
