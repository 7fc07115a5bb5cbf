package io.ringkv.cli.bench;

import io.ringkv.cli.RespClient;
import java.io.IOException;
import java.util.List;

/**
 * The {@code INFO paxos} counters summed over the nodes a benchmark talks to, so a STRONG run
 * can report how often its operations met contention. Nodes without Paxos (a single node, a
 * Redis server) count as zero.
 */
public record PaxosCounters(long operations, long contended, long retries, long timeouts) {

    public static PaxosCounters read(String host, List<Integer> ports) {
        long operations = 0;
        long contended = 0;
        long retries = 0;
        long timeouts = 0;
        for (int port : ports) {
            try (RespClient client = new RespClient(host, port, 2_000)) {
                Object reply = client.call("INFO", "paxos");
                if (!(reply instanceof String text)) {
                    continue;
                }
                for (String line : text.split("\r?\n")) {
                    String[] parts = line.split(":", 2);
                    if (parts.length != 2 || !parts[1].matches("\\d+")) {
                        continue;
                    }
                    long value = Long.parseLong(parts[1]);
                    switch (parts[0]) {
                        case "paxos_operations" -> operations += value;
                        case "paxos_contended" -> contended += value;
                        case "paxos_retries" -> retries += value;
                        case "paxos_timeouts" -> timeouts += value;
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // A node that cannot be asked adds nothing; the benchmark itself reports its errors.
            }
        }
        return new PaxosCounters(operations, contended, retries, timeouts);
    }

    public PaxosCounters minus(PaxosCounters before) {
        return new PaxosCounters(operations - before.operations, contended - before.contended,
                retries - before.retries, timeouts - before.timeouts);
    }

    /** One line for the end of a run, or null when no STRONG operation ran. */
    public String describe() {
        if (operations == 0) {
            return null;
        }
        return String.format(java.util.Locale.ROOT,
                "paxos: %,d STRONG operations, %,d contended (%.1f%%), %,d retries, %,d timeouts",
                operations, contended, 100.0 * contended / operations, retries, timeouts);
    }
}
