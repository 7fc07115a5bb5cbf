package io.ringkv.coordinator.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.ringkv.coordinator.command.CommandDispatcher;
import io.ringkv.coordinator.command.Replies;
import io.ringkv.coordinator.command.Session;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.coordinator.resp.RespProtocolException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.netty.channel.ChannelOutboundBuffer;
import io.ringkv.coordinator.pubsub.Subscriber;
import io.ringkv.coordinator.command.TransactionGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: runs each decoded command and writes the replies in request order,
 * though some complete later than others (a write waiting for fsync or replicas). Replies are
 * flushed once per read burst. A protocol error is answered, after the replies before it, and
 * then the connection is closed, as Redis does.
 */
final class RespConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RespConnectionHandler.class);

    private final CommandDispatcher dispatcher;
    private final Session session;
    private static final int INITIAL_BURST_BYTES = 512;

    private final int maxPendingReplies;
    private final ArrayDeque<CompletableFuture<Reply>> pending = new ArrayDeque<>();
    private boolean closing;
    /** Replies of the current read burst, written to the socket in one go at the flush. */
    private ByteBuf out;

    private final LoopFlush loopFlush;
    private final OutputLimit pubsubOutputLimit;
    /** Set while a command that must finish before the next one runs (EXEC, WATCH) is in flight. */
    private CompletableFuture<?> hold;
    /** Commands that arrived during a hold, run in order when it ends. */
    private final ArrayDeque<RespCommand> held = new ArrayDeque<>();

    /**
     * @param loopFlush asked for when replies wait: the node writes the loop iteration's AOF
     *                  records there, so those replies need no thread hop
     */
    RespConnectionHandler(CommandDispatcher dispatcher, Session session, int maxPendingReplies,
                          LoopFlush loopFlush, OutputLimit pubsubOutputLimit) {
        this.dispatcher = dispatcher;
        this.loopFlush = loopFlush;
        this.session = session;
        this.maxPendingReplies = maxPendingReplies;
        this.pubsubOutputLimit = pubsubOutputLimit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session.subscriber(new Pushes(ctx));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dispatcher.connectionClosed(session);
        ctx.fireChannelInactive();
    }

    /**
     * Published messages for this connection, queued from any thread and written on its event loop
     * by one drain task per burst (not one task per message), after the replies it already owes,
     * then flushed once. A subscriber whose unsent output would pass the limit (it stopped reading)
     * is disconnected, as Redis's client-output-buffer-limit does.
     */
    private final class Pushes implements Subscriber {
        private record Queued(Reply message, int bytes) {
        }

        private final ChannelHandlerContext ctx;
        private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();
        private final AtomicLong queuedBytes = new AtomicLong();
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        private final OutputLimit.Tracker limit = pubsubOutputLimit.tracker();
        private static final int MESSAGES_PER_DRAIN = 64;

        Pushes(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void deliver(Reply message, int bytes) {
            ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
            long owed = queuedBytes.get() + (unsent == null ? 0 : unsent.totalPendingWriteBytes());
            if (limit.exceeded(owed + bytes, System.nanoTime())) {
                if (ctx.channel().isActive()) {
                    log.warn("disconnecting subscriber {}: {} bytes of messages unsent, {}",
                            session.remoteAddress(), owed + bytes, pubsubOutputLimit.describe(owed + bytes));
                    ctx.channel().close();
                }
                return;
            }
            queuedBytes.addAndGet(bytes);
            queued.add(new Queued(message, bytes));
            if (drainScheduled.compareAndSet(false, true)) {
                ctx.executor().execute(this::drain);
            }
        }

        /**
         * On the event loop: writes up to {@link #MESSAGES_PER_DRAIN} queued messages and flushes
         * them, so the socket's own buffer (which the limit counts) takes them; runs again while
         * messages remain, letting the loop serve its other channels in between.
         */
        private void drain() {
            Queued next;
            for (int written = 0; written < MESSAGES_PER_DRAIN && (next = queued.poll()) != null; written++) {
                queuedBytes.addAndGet(-next.bytes());
                push(ctx, next.message());
            }
            flush(ctx);
            if (!queued.isEmpty()) {
                ctx.executor().execute(this::drain);
                return;
            }
            drainScheduled.set(false);
            // A message queued between the check and the reset found a drain scheduled: run one for it.
            if (!queued.isEmpty() && drainScheduled.compareAndSet(false, true)) {
                ctx.executor().execute(this::drain);
            }
        }
    }

    private void push(ChannelHandlerContext ctx, Reply message) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        if (!pending.isEmpty()) {
            pending.add(CompletableFuture.completedFuture(message));
            return;
        }
        write(ctx, message);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        RespCommand command = (RespCommand) msg;
        if (hold != null) {
            held.add(command);
            if (held.size() >= maxPendingReplies) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        run(ctx, command);
    }

    private void run(ChannelHandlerContext ctx, RespCommand command) {
        TransactionGate gate = dispatcher.gate();
        boolean gated = CommandDispatcher.passesGate(session, command);
        while (gated && !gate.tryEnter()) {
            // An EXEC on this node runs: wait for it, this command first, then the rest in order.
            CompletableFuture<Void> exec = gate.closedUntil();
            if (exec != null && !exec.isDone()) {
                held.addFirst(command);
                holdUntil(ctx, exec);
                return;
            }
        }
        CompletableFuture<Reply> reply = dispatcher.dispatch(session, command).toCompletableFuture();
        if (gated) {
            if (reply.isDone()) {
                gate.exit();
            } else {
                reply.whenComplete((r, e) -> gate.exit());
            }
        }
        CompletableFuture<?> waitFor = session.takeHold();
        if (waitFor != null && !waitFor.isDone()) {
            holdUntil(ctx, waitFor);
        }
        if (pending.isEmpty() && reply.isDone()) {
            write(ctx, reply.join());
            if (session.closeRequested()) {
                closeAfterReplies(ctx);
            }
            return;
        }
        pending.add(reply);
        if (session.closeRequested()) {
            closing = true;
        }
        if (pending.size() >= maxPendingReplies) {
            // Bounded: stop reading until the replies we owe have gone out.
            ctx.channel().config().setAutoRead(false);
        }
        reply.whenComplete((r, e) -> {
            if (ctx.executor().inEventLoop()) {
                drain(ctx);
            } else {
                ctx.executor().execute(() -> drain(ctx));
            }
        });
    }

    /** Runs no command of this connection until {@code done} completes (then {@link #release}). */
    private void holdUntil(ChannelHandlerContext ctx, CompletableFuture<?> done) {
        hold = done;
        done.whenComplete((r, e) -> ctx.executor().execute(() -> release(ctx)));
    }

    /** The command that held the later ones has finished: runs those, until one holds again. */
    private void release(ChannelHandlerContext ctx) {
        hold = null;
        while (hold == null && !held.isEmpty() && !closing) {
            run(ctx, held.poll());
        }
        if (hold == null && !closing && !ctx.channel().config().isAutoRead() && ctx.channel().isWritable()
                && pending.size() < maxPendingReplies) {
            ctx.channel().config().setAutoRead(true);
        }
        if (!pending.isEmpty()) {
            loopFlush.request(ctx.executor());
        }
        flush(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().isDone()) {
            write(ctx, pending.poll().join());
            wrote = true;
        }
        if (wrote) {
            flush(ctx);
        }
        if (pending.isEmpty()) {
            if (closing) {
                closeAfterReplies(ctx);
            } else if (!ctx.channel().config().isAutoRead() && ctx.channel().isWritable()
                    && held.size() < maxPendingReplies) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!pending.isEmpty()) {
            loopFlush.request(ctx.executor());
        }
        flush(ctx);
    }

    private void write(ChannelHandlerContext ctx, Reply reply) {
        if (out == null) {
            out = ctx.alloc().ioBuffer(INITIAL_BURST_BYTES);
        }
        reply.encode(out, session.protocolVersion());
    }

    private void flush(ChannelHandlerContext ctx) {
        if (out != null) {
            ByteBuf burst = out;
            out = null;
            ctx.writeAndFlush(burst, ctx.voidPromise());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that pipelines without reading its replies must not grow our buffers forever.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable() && pending.size() < maxPendingReplies
                && held.size() < maxPendingReplies);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof RespProtocolException protocolError) {
            answerThenClose(ctx, Replies.error(protocolError.getMessage()));
            return;
        }
        if (cause instanceof IOException) {
            ctx.close();
            return;
        }
        log.warn("closing connection {} after an unexpected error", session.remoteAddress(), cause);
        answerThenClose(ctx, Replies.error("ERR internal error: " + cause));
    }

    private void answerThenClose(ChannelHandlerContext ctx, Reply error) {
        if (closing) {
            return;
        }
        closing = true;
        ctx.channel().config().setAutoRead(false);
        if (pending.isEmpty()) {
            write(ctx, error);
            closeAfterReplies(ctx);
        } else {
            pending.add(CompletableFuture.completedFuture(error));
        }
    }

    private void closeAfterReplies(ChannelHandlerContext ctx) {
        closing = true;
        ByteBuf last = out != null ? out : Unpooled.EMPTY_BUFFER;
        out = null;
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }
}
