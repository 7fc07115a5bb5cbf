package io.ringkv.cli.shell;

import io.ringkv.cli.RespCall;
import io.ringkv.cli.RespClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell's connection to a node, which moves to another node when its node goes away. Any
 * node coordinates any key, so after a lost connection it tries the other nodes of the last
 * {@code RING} reply (their RESP ports, on the same host), says which one answered, and sends
 * the command once more there. A command that was applied just before the loss may thus be
 * applied twice; for the shell's writes (last write wins) only {@code incr} can tell.
 */
public final class NodeConnection implements RespCall, AutoCloseable {
    static final int CONNECT_TIMEOUT_MS = 1_000;
    /** A node that takes longer than this to answer PING is passed over when looking for one that serves. */
    static final int PROBE_TIMEOUT_MS = 2_000;

    private final String host;
    private final int replyTimeoutMs;
    private final PrintWriter notices;
    private int port;
    private RespClient client;
    private Map<Integer, Integer> nodeIdByPort = new LinkedHashMap<>();

    private NodeConnection(String host, int port, int replyTimeoutMs, PrintWriter notices, RespClient client) {
        this.host = host;
        this.port = port;
        this.replyTimeoutMs = replyTimeoutMs;
        this.notices = notices;
        this.client = client;
    }

    /** Connects to one node, failing at once if it does not answer. Notices of reconnects go to {@code notices}. */
    public static NodeConnection open(String host, int port, int replyTimeoutMs, PrintWriter notices)
            throws IOException {
        return new NodeConnection(host, port, replyTimeoutMs, notices, connect(host, port, replyTimeoutMs));
    }

    String address() {
        return host + ":" + port;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The nodes to fail over to, from the latest {@code RING} reply. */
    void rememberRing(List<RingNode> nodes) {
        Map<Integer, Integer> byPort = new LinkedHashMap<>();
        for (RingNode node : nodes) {
            if (node.respPort() != RingNode.UNKNOWN_PORT) {
                byPort.put(node.respPort(), node.id());
            }
        }
        nodeIdByPort = byPort;
    }

    @Override
    public Object call(String... args) throws IOException {
        if (client == null) {
            connectToFirstLive(FailoverOrder.afterTimeout(port, ringPorts()));
        }
        try {
            return client.call(args);
        } catch (SocketTimeoutException slow) {
            // The reply may still arrive and would be read as the next command's, so start afresh.
            drop();
            throw new IOException("no reply from " + address() + " within " + replyTimeoutMs
                    + " ms; the next command reconnects", slow);
        } catch (IOException lost) {
            drop();
            String lostNode = describe(port);
            notices.println("connection to " + lostNode + " lost: " + lost.getMessage());
            notices.flush();
            connectToFirstLive(FailoverOrder.afterLoss(port, ringPorts()));
            if (!isSafeToRetry(args)) {
                throw new IOException(commandName(args) + " was sent to " + lostNode + " and may or may not have applied;"
                        + " not retried (now connected to " + describe(port) + ")", lost);
            }
            return retryOnce(args);
        }
    }

    /** Commands that change nothing (or set only this connection's state), so a second run is harmless. */
    private static final java.util.Set<String> SAFE_TO_RETRY = java.util.Set.of("GET", "MGET", "TTL", "PTTL", "EXISTS",
            "KEYS", "SCAN", "DBSIZE", "INFO", "RING", "PING", "TRACING", "CONSISTENCY", "COMMAND", "HELLO");

    /**
     * A write may have applied before the connection broke; running it again elsewhere could apply
     * it twice (an INCR, a STRONG operation whose outcome is unknown), so only reads are retried.
     */
    static boolean isSafeToRetry(String... args) {
        return SAFE_TO_RETRY.contains(commandName(args));
    }

    private static String commandName(String... args) {
        int at = args.length >= 3 && args[0].equalsIgnoreCase("CL") ? 2 : 0;
        return args.length == 0 ? "" : args[at].toUpperCase(java.util.Locale.ROOT);
    }

    private Object retryOnce(String... args) throws IOException {
        try {
            return client.call(args);
        } catch (IOException again) {
            drop();
            throw again;
        }
    }

    private void connectToFirstLive(List<Integer> ports) throws IOException {
        List<String> tried = new ArrayList<>();
        for (int candidate : ports) {
            try {
                client = connect(host, candidate, replyTimeoutMs);
                port = candidate;
                notices.println("reconnected to " + describe(candidate));
                notices.flush();
                return;
            } catch (IOException down) {
                tried.add(host + ":" + candidate);
            }
        }
        throw new IOException("no node answers (tried " + String.join(", ", tried)
                + "); the next command tries again");
    }

    private static RespClient connect(String host, int port, int replyTimeoutMs) throws IOException {
        RespClient candidate = new RespClient(host, port, CONNECT_TIMEOUT_MS, Math.min(PROBE_TIMEOUT_MS, replyTimeoutMs));
        try {
            // A listening socket is not yet a serving node: insist on an answer, soon, so a scan
            // over several nodes that accept but do not answer (frozen, overloaded) stays short.
            Object pong = candidate.call("PING");
            if (!"PONG".equals(pong)) {
                throw new IOException("PING answered " + pong);
            }
            candidate.replyTimeout(replyTimeoutMs);
            return candidate;
        } catch (IOException e) {
            candidate.close();
            throw e;
        }
    }

    private List<Integer> ringPorts() {
        return List.copyOf(nodeIdByPort.keySet());
    }

    private String describe(int somePort) {
        Integer id = nodeIdByPort.get(somePort);
        return host + ":" + somePort + (id == null ? "" : " (node " + id + ")");
    }

    private void drop() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException alreadyBroken) {
                // nothing to save on a connection we are abandoning
            }
            client = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
