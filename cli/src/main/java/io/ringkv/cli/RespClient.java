package io.ringkv.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for the CLI's own needs (readiness checks, status, bench, shell):
 * sends commands as arrays of bulk strings, reads one reply each. Errors come back as
 * {@link RespError}, not exceptions, so callers can show them.
 */
public final class RespClient implements RespCall, AutoCloseable {
    private static final int MAX_BULK_BYTES = 64 * 1024 * 1024;

    /** An error reply, e.g. {@code UNAVAILABLE QUORUM needs 2, 1 alive}. */
    public record RespError(String message) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(String host, int port, int timeoutMs) throws IOException {
        this(host, port, timeoutMs, timeoutMs);
    }

    /** A short connect timeout with a longer reply timeout suits probing nodes that may be gone. */
    public RespClient(String host, int port, int connectTimeoutMs, int replyTimeoutMs) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            socket.setSoTimeout(replyTimeoutMs);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** How long a reply may take from now on. */
    public void replyTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public Object call(String... args) throws IOException {
        send(args);
        out.flush();
        return read();
    }

    /** Writes a command without flushing, for pipelining; pair with {@link #flush} and {@link #read}. */
    public void send(String... args) throws IOException {
        out.write(encode(args));
    }

    /** A command as the RESP array of bulk strings a client sends. */
    public static byte[] encode(String... args) {
        java.io.ByteArrayOutputStream command = new java.io.ByteArrayOutputStream();
        command.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            command.writeBytes(bytes);
            command.write('\r');
            command.write('\n');
        }
        return command.toByteArray();
    }

    public void flush() throws IOException {
        out.flush();
    }

    public Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RespError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                if (length > MAX_BULK_BYTES) {
                    throw new IOException("bulk reply of " + length + " bytes is over " + MAX_BULK_BYTES);
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-reply");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
