package io.ringkv.chaos.toxiproxy.proxy;

import io.ringkv.chaos.toxiproxy.toxic.Flow;
import io.ringkv.chaos.toxiproxy.toxic.Piece;
import io.ringkv.chaos.toxiproxy.toxic.ToxicChain;
import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One direction of one connection: a reader thread that stamps what it reads with the time and
 * queues it, and a forwarding thread that runs it through the stream's {@link ToxicChain} and
 * writes it out when the chain says. Splitting the two keeps reading (and the read timestamps)
 * going while a toxic holds data back, so latency delays data without throttling it.
 *
 * <p>When the toxics change while data waits, the waiting data is written at once and a planned
 * close is dropped; the new chain then takes over (Toxiproxy "doesn't drop data on the floor").
 */
final class StreamLink {

    private static final int READ_BUFFER_BYTES = 32 * 1024;
    private static final int INBOX_CAPACITY_PIECES = 8;

    private final InputStream source;
    private final OutputStream sink;
    private final Supplier<List<ToxicConfig>> toxics;
    private final LongSupplier nanoClock;
    private final Runnable closeConnection;
    private final LinkInbox inbox;
    private ToxicChain chain;

    StreamLink(InputStream source, OutputStream sink, Supplier<List<ToxicConfig>> toxics,
               LongSupplier nanoClock, Random random, Runnable closeConnection) {
        this.source = source;
        this.sink = sink;
        this.toxics = toxics;
        this.nanoClock = nanoClock;
        this.closeConnection = closeConnection;
        this.inbox = new LinkInbox(INBOX_CAPACITY_PIECES, nanoClock);
        this.chain = ToxicChain.start(toxics.get(), nanoClock.getAsLong(), random);
    }

    void start(Executor threads) {
        threads.execute(this::readSource);
        threads.execute(this::forward);
    }

    void toxicsChanged() {
        inbox.toxicsChanged();
    }

    void close() {
        inbox.close();
    }

    private void readSource() {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            while (true) {
                int read = source.read(buffer);
                if (read < 0 || !inbox.put(new Piece(Arrays.copyOf(buffer, read), nanoClock.getAsLong()))) {
                    break;
                }
            }
        } catch (IOException e) {
            // A reset or our own close: either way the source has ended.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inbox.end(nanoClock.getAsLong());
    }

    private void forward() {
        try {
            while (true) {
                LinkInbox.Event event = inbox.next(chain.nextDeadlineNanos());
                Flow flow;
                switch (event.kind()) {
                    case CLOSED:
                        return;
                    case TOXICS_CHANGED:
                        ToxicChain.Update update = chain.rebuild(toxics.get(), nanoClock.getAsLong());
                        chain = update.chain();
                        if (update.closesConnection()) {
                            closeConnection.run();
                            return;
                        }
                        continue;
                    case DEADLINE:
                        flow = chain.onDeadline(event.atNanos());
                        break;
                    case DATA:
                        flow = chain.onData(event.piece());
                        break;
                    case END:
                        flow = chain.onEnd(event.atNanos());
                        break;
                    default:
                        throw new AssertionError(event.kind());
                }
                if (!deliver(flow)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeConnection.run();
        }
    }

    /** Carries out a flow; returns false once the connection is finished. */
    private boolean deliver(Flow flow) throws InterruptedException {
        List<Piece> pieces = flow.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            LinkInbox.Wake wake = inbox.sleepUntil(pieces.get(i).readyAtNanos());
            if (wake == LinkInbox.Wake.CLOSED) {
                return false;
            }
            if (wake == LinkInbox.Wake.TOXICS_CHANGED) {
                return writeAll(pieces.subList(i, pieces.size()));
            }
            if (!write(pieces.get(i))) {
                return false;
            }
        }
        if (flow.endAtNanos().isEmpty()) {
            return true;
        }
        LinkInbox.Wake wake = inbox.sleepUntil(flow.endAtNanos().getAsLong());
        if (wake == LinkInbox.Wake.REACHED) {
            closeConnection.run();
            return false;
        }
        return wake == LinkInbox.Wake.TOXICS_CHANGED;
    }

    private boolean writeAll(List<Piece> pieces) {
        for (Piece piece : pieces) {
            if (!write(piece)) {
                return false;
            }
        }
        return true;
    }

    private boolean write(Piece piece) {
        try {
            sink.write(piece.data());
            sink.flush();
            return true;
        } catch (IOException e) {
            closeConnection.run();
            return false;
        }
    }
}
