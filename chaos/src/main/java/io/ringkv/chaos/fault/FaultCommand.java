package io.ringkv.chaos.fault;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of {@code FAULT …} (RESP, gRPC admin and CLI alike) applied to a node's rules:
 * {@code DELAY <ms> [node]}, {@code DROP <percent> [node]}, {@code PARTITION <node…>}, {@code HEAL},
 * {@code LIST}. Answers the lines to show; bad input throws {@link IllegalArgumentException} with
 * a message for the user and changes nothing.
 */
public final class FaultCommand {
    public static final String USAGE = "FAULT DELAY <ms> [node] | DROP <percent> [node] | PARTITION <node...> | HEAL | LIST";

    private FaultCommand() {
    }

    public static List<String> apply(FaultRules rules, int selfId, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        String verb = args.get(0).toUpperCase(Locale.ROOT);
        switch (verb) {
            case "DELAY" -> {
                expectCount(args, 2, 3);
                rules.delay(number(args.get(1), "delay ms"), peer(args, selfId));
            }
            case "DROP" -> {
                expectCount(args, 2, 3);
                double percent;
                try {
                    percent = Double.parseDouble(args.get(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("drop percentage must be a number, got '" + args.get(1) + "'");
                }
                rules.drop(percent, peer(args, selfId));
            }
            case "PARTITION" -> {
                if (args.size() < 2) {
                    throw new IllegalArgumentException("usage: FAULT PARTITION <node...>");
                }
                Set<Integer> peers = new TreeSet<>();
                for (String node : args.subList(1, args.size())) {
                    peers.add(node(node, selfId));
                }
                rules.partition(peers);
            }
            case "HEAL" -> {
                expectCount(args, 1, 1);
                rules.heal();
                return List.of("healed: no faults");
            }
            case "LIST" -> expectCount(args, 1, 1);
            default -> throw new IllegalArgumentException("unknown FAULT subcommand '" + args.get(0) + "'; " + USAGE);
        }
        List<String> active = rules.describe();
        return active.isEmpty() ? List.of("no faults") : active;
    }

    private static void expectCount(List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException("wrong number of arguments; " + USAGE);
        }
    }

    private static int peer(List<String> args, int selfId) {
        return args.size() == 3 ? node(args.get(2), selfId) : FaultRules.ALL_PEERS;
    }

    private static int node(String text, int selfId) {
        long id = number(text, "node id");
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("node id must be a positive integer, got '" + text + "'");
        }
        if (id == selfId) {
            throw new IllegalArgumentException("node " + id + " is this node; faults apply between nodes");
        }
        return (int) id;
    }

    private static long number(String text, String what) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + text + "'");
        }
    }
}
