package io.ringkv.cli;

import io.ringkv.cli.RespClient.RespError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A RESP server on a loopback port that answers each command (its words joined by spaces) from
 * a map, with {@code +PONG} to {@code PING} and {@code -ERR unknown command} to anything else; it
 * serves a few connections at once and records what it received. Enough to drive the CLI's
 * client side without a node.
 */
final class ScriptedRespServer implements AutoCloseable {
    private static final int MAX_ARGS = 1024;
    private static final int MAX_CONNECTIONS = 16;

    private final ServerSocket socket;
    private final Map<String, Object> replies = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    ScriptedRespServer(Map<String, Object> replies) throws IOException {
        this.replies.putAll(replies);
        this.replies.put("PING", "PONG");
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "scripted-resp-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> received() {
        return received;
    }

    /** Adds or replaces an answer, e.g. one that names the server's own port. */
    void answer(String command, Object reply) {
        replies.put(command, reply);
    }

    private void serve() {
        for (int accepted = 0; accepted < MAX_CONNECTIONS && !socket.isClosed(); accepted++) {
            try {
                Socket connection = socket.accept();
                if (closed) {
                    connection.close(); // accepted while closing: a killed node would not answer it
                    return;
                }
                connections.add(connection);
                Thread handler = new Thread(() -> answer(connection), "scripted-resp-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (String command = readCommand(in); command != null && !closed; command = readCommand(in)) {
                received.add(command);
                out.write(encode(replies.getOrDefault(command, new RespError("ERR unknown command"))));
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    /** One command as its words joined by spaces, or null at the end of the connection. */
    private static String readCommand(InputStream in) throws IOException {
        String header = readLine(in);
        if (header == null) {
            return null;
        }
        int count = header.startsWith("*") ? Integer.parseInt(header.substring(1)) : -1;
        if (count < 1 || count > MAX_ARGS) {
            throw new IOException("expected an array of 1 to " + MAX_ARGS + " bulk strings, got " + header);
        }
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = Integer.parseInt(readLine(in).substring(1));
            byte[] bytes = in.readNBytes(length + 2);
            words.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        return String.join(" ", words);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
        }
        return null;
    }

    private static byte[] encode(Object reply) {
        String text;
        if (reply instanceof RespError error) {
            text = "-" + error.message() + "\r\n";
        } else if (reply instanceof Long number) {
            text = ":" + number + "\r\n";
        } else {
            byte[] bytes = String.valueOf(reply).getBytes(StandardCharsets.UTF_8);
            text = "$" + bytes.length + "\r\n" + reply + "\r\n";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops listening and drops every connection, as a killed node would. Returns only once the
     * acceptor has left {@code accept}: the JDK closes a listening socket for good only when no
     * thread is blocked on it, and until then a client could still connect and be served.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
