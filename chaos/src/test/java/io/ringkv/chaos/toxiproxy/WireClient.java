package io.ringkv.chaos.toxiproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A plain TCP client for measuring what a proxy does on the wire. Every read is bounded by a
 * socket timeout, so a proxy that withholds data fails a test instead of hanging it.
 */
final class WireClient implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private int reads;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects to {@code host:port}. */
    static WireClient connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return new WireClient(socket);
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    void readTimeoutMs(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
    }

    /** Reads exactly {@code size} bytes, failing on end of stream. */
    byte[] readExactly(int size) throws IOException {
        byte[] bytes = new byte[size];
        int filled = 0;
        while (filled < size) {
            int read = readInto(bytes, filled, size - filled);
            if (read < 0) {
                throw new IOException("end of stream after " + filled + " of " + size + " bytes");
            }
            filled += read;
        }
        return bytes;
    }

    /** Reads until end of stream, failing if more than {@code maxBytes} arrive. */
    byte[] readToEnd(int maxBytes) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[maxBytes + 1];
        while (received.size() <= maxBytes) {
            int read = readInto(buffer, 0, buffer.length);
            if (read < 0) {
                return received.toByteArray();
            }
            received.write(buffer, 0, read);
        }
        throw new IOException("more than " + maxBytes + " bytes before end of stream");
    }

    /** One read of at most one byte: -1 at end of stream. */
    int readOne() throws IOException {
        return in.read();
    }

    /** Sends {@code payload} and waits for the same bytes back; returns the round trip in nanoseconds. */
    long roundTripNanos(byte[] payload) throws IOException {
        long startNanos = System.nanoTime();
        send(payload);
        byte[] echoed = readExactly(payload.length);
        long elapsedNanos = System.nanoTime() - startNanos;
        if (!Arrays.equals(echoed, payload)) {
            throw new IOException("echo differs from what was sent");
        }
        return elapsedNanos;
    }

    /** How many reads returned data so far. */
    int reads() {
        return reads;
    }

    private int readInto(byte[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            reads++;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
