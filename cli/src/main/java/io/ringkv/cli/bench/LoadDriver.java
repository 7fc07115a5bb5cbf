package io.ringkv.cli.bench;

import io.ringkv.cli.RespClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Drives many RESP connections from one thread with a selector, as redis-benchmark does: each
 * connection keeps {@code pipeline} requests in flight and sends the next ones when their replies
 * are in. One thread instead of a blocking thread per connection matters here because the client
 * shares the machine's cores with the servers it measures; threads that block and wake per
 * request cost the servers a large share of their CPU in context switches.
 */
public final class LoadDriver implements AutoCloseable {
    /** Encodes the next request of a connection. */
    @FunctionalInterface
    public interface Requests {
        byte[] next(SplittableRandom random);
    }

    /** Told of every error reply. */
    @FunctionalInterface
    public interface ErrorSink {
        void error(String text);
    }

    /** The longest latency recorded; longer ones count as this. Size the run's histograms for it. */
    public static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);
    /** The run gives up when no reply at all came for this long (a hung server, a lost connection). */
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final int pipeline;

    private LoadDriver(Selector selector, int pipeline) {
        this.selector = selector;
        this.pipeline = pipeline;
    }

    /**
     * Opens {@code count} connections spread over {@code ports}; each first sends the command
     * {@code setup} (if not empty) and fails the whole open, naming it, if that is answered with an error.
     */
    public static LoadDriver open(String host, int[] ports, int count, int pipeline, long seed, String... setup)
            throws IOException {
        LoadDriver driver = new LoadDriver(Selector.open(), pipeline);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, ports[i % ports.length]));
                channel.socket().setTcpNoDelay(true);
                Connection connection = new Connection(channel, pipeline, new SplittableRandom(seed * 1_000_003 + i));
                driver.connections.add(connection);
                if (setup.length > 0) {
                    connection.handshake(setup);
                }
                channel.configureBlocking(false);
                connection.key = channel.register(driver.selector, SelectionKey.OP_READ, connection);
            }
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    /**
     * Runs until {@code deadlineNanos} or until {@code maxOps} requests were answered (when
     * positive), then waits for the replies still in flight. Latencies go to {@code recorder},
     * the count of answered requests to {@code done}.
     */
    public void run(Requests requests, long deadlineNanos, long maxOps, Recorder recorder, AtomicLong done,
                    ErrorSink errors) throws IOException {
        run(requests, 1, deadlineNanos, maxOps, recorder, done, errors);
    }

    /** As above, for requests that each get {@code repliesPerRequest} replies (MULTI ... EXEC sent as one request). */
    public void run(Requests requests, int repliesPerRequest, long deadlineNanos, long maxOps, Recorder recorder,
                    AtomicLong done, ErrorSink errors) throws IOException {
        for (Connection connection : connections) {
            connection.repliesPerRequest = repliesPerRequest;
        }
        int inFlight = 0;
        long sent = 0;
        for (Connection connection : connections) {
            int batch = nextBatch(maxOps, sent);
            if (batch > 0) {
                connection.sendBatch(requests, batch);
                inFlight += batch;
                sent += batch;
            }
        }
        long lastReply = System.nanoTime();
        while (inFlight > 0 && System.nanoTime() - lastReply < SILENCE_NANOS) {
            selector.select(100);
            boolean stopping = System.nanoTime() >= deadlineNanos || maxOps > 0 && done.get() >= maxOps;
            var selected = selector.selectedKeys().iterator();
            while (selected.hasNext()) {
                SelectionKey key = selected.next();
                selected.remove();
                Connection connection = (Connection) key.attachment();
                if (key.isWritable()) {
                    connection.writeSome();
                }
                if (key.isReadable()) {
                    int answered = connection.readReplies(recorder, errors);
                    if (answered > 0) {
                        lastReply = System.nanoTime();
                    }
                    inFlight -= answered;
                    done.addAndGet(answered);
                    if (connection.outstanding == 0 && !stopping) {
                        int batch = nextBatch(maxOps, done.get() + inFlight);
                        if (batch > 0) {
                            connection.sendBatch(requests, batch);
                            inFlight += batch;
                        }
                    }
                }
            }
        }
        if (inFlight > 0) {
            errors.error(inFlight + " requests unanswered after " + TimeUnit.NANOSECONDS.toSeconds(SILENCE_NANOS)
                    + " s without a reply");
        }
    }

    /** How many requests a connection sends next: a pipeline's worth, or what is left of {@code maxOps}. */
    private int nextBatch(long maxOps, long sentSoFar) {
        return maxOps > 0 ? (int) Math.max(0, Math.min(pipeline, maxOps - sentSoFar)) : pipeline;
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections) {
            connection.channel.close();
        }
        selector.close();
    }

    private static final class Connection {
        private final SocketChannel channel;
        private final SplittableRandom random;
        private final long[] sentAt;
        private SelectionKey key;
        private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
        private byte[] in = new byte[64 * 1024];
        private int inStart;
        private int inEnd;
        private int oldest;
        private int outstanding;
        private int repliesPerRequest = 1;
        /** Replies already read for the oldest outstanding request. */
        private int repliesOfOldest;

        Connection(SocketChannel channel, int pipeline, SplittableRandom random) {
            this.channel = channel;
            this.random = random;
            this.sentAt = new long[pipeline];
        }

        /** Blocking, before the run: sends one command and reads its reply. */
        void handshake(String... command) throws IOException {
            channel.write(ByteBuffer.wrap(RespClient.encode(command)));
            while (true) {
                int end = ReplyScanner.end(in, inStart, inEnd);
                if (end != ReplyScanner.INCOMPLETE) {
                    if (ReplyScanner.isError(in, inStart)) {
                        throw new IOException(String.join(" ", command) + ": " + ReplyScanner.errorText(in, inStart, end));
                    }
                    inStart = end;
                    return;
                }
                if (readMore() < 0) {
                    throw new IOException("server closed the connection");
                }
            }
        }

        void sendBatch(Requests requests, int count) throws IOException {
            out.clear();
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] request = requests.next(random);
                if (out.remaining() < request.length) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + request.length));
                    out.flip();
                    out = bigger.put(out);
                }
                out.put(request);
                sentAt[(oldest + outstanding) % sentAt.length] = now;
                outstanding++;
            }
            out.flip();
            writeSome();
        }

        void writeSome() throws IOException {
            channel.write(out);
            if (key != null) {
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        }

        /** Reads what arrived; returns how many replies completed. */
        int readReplies(Recorder recorder, ErrorSink errors) throws IOException {
            if (readMore() < 0) {
                throw new IOException("server closed the connection with " + outstanding + " requests in flight");
            }
            int answered = 0;
            long now = System.nanoTime();
            while (outstanding > 0) {
                int end = ReplyScanner.end(in, inStart, inEnd);
                if (end == ReplyScanner.INCOMPLETE) {
                    break;
                }
                if (ReplyScanner.isError(in, inStart)) {
                    errors.error(ReplyScanner.errorText(in, inStart, end));
                }
                inStart = end;
                if (++repliesOfOldest < repliesPerRequest) {
                    continue;
                }
                repliesOfOldest = 0;
                recorder.recordValue(Math.min(MAX_LATENCY_MICROS, (now - sentAt[oldest]) / 1000));
                oldest = (oldest + 1) % sentAt.length;
                outstanding--;
                answered++;
            }
            return answered;
        }

        private int readMore() throws IOException {
            if (inStart == inEnd) {
                inStart = 0;
                inEnd = 0;
            } else if (inEnd == in.length) {
                int kept = inEnd - inStart;
                byte[] target = kept * 2 > in.length ? new byte[in.length * 2] : in;
                System.arraycopy(in, inStart, target, 0, kept);
                in = target;
                inStart = 0;
                inEnd = kept;
            }
            int read = channel.read(ByteBuffer.wrap(in, inEnd, in.length - inEnd));
            if (read > 0) {
                inEnd += read;
            }
            return read;
        }
    }
}
