package io.ringkv.chaos.toxiproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.chaos.toxiproxy.toxic.Piece;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarding thread's mailbox: event priorities, bounded queue and interruptible waits. */
class LinkInboxTest {

    private final AtomicLong nowNanos = new AtomicLong(1_000);
    private final LinkInbox inbox = new LinkInbox(2, nowNanos::get);
    private final ExecutorService helper = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopHelper() throws InterruptedException {
        inbox.close();
        helper.shutdownNow();
        assertThat(helper.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void toxicChangesComeBeforeQueuedDataAndDataBeforeTheEnd() throws InterruptedException {
        inbox.put(piece(1));
        inbox.end(5);
        inbox.toxicsChanged();

        assertThat(inbox.next(Long.MAX_VALUE).kind()).isEqualTo(LinkInbox.Kind.TOXICS_CHANGED);
        assertThat(inbox.next(Long.MAX_VALUE).kind()).isEqualTo(LinkInbox.Kind.DATA);
        LinkInbox.Event end = inbox.next(Long.MAX_VALUE);
        assertThat(end.kind()).isEqualTo(LinkInbox.Kind.END);
        assertThat(end.atNanos()).isEqualTo(5);
        assertThat(inbox.next(Long.MAX_VALUE).kind()).as("the end stays visible to a rebuilt chain").isEqualTo(LinkInbox.Kind.END);
    }

    @Test
    void aDueDeadlineComesBeforeData() throws InterruptedException {
        inbox.put(piece(1));

        assertThat(inbox.next(nowNanos.get()).kind()).isEqualTo(LinkInbox.Kind.DEADLINE);
    }

    @Test
    void closeWinsOverEverything() throws InterruptedException {
        inbox.put(piece(1));
        inbox.toxicsChanged();
        inbox.close();

        assertThat(inbox.next(Long.MAX_VALUE).kind()).isEqualTo(LinkInbox.Kind.CLOSED);
        assertThat(inbox.put(piece(2))).as("pieces after close are dropped").isFalse();
        assertThat(inbox.sleepUntil(Long.MAX_VALUE)).isEqualTo(LinkInbox.Wake.CLOSED);
    }

    @Test
    void aFullInboxHoldsTheReaderBackUntilThereIsRoom() throws Exception {
        inbox.put(piece(1));
        inbox.put(piece(2));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> putUninterruptibly(piece(3)), helper);

        assertThat(inbox.next(Long.MAX_VALUE).piece().data()).containsExactly(1);

        assertThat(third.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inbox.next(Long.MAX_VALUE).piece().data()).containsExactly(2);
        assertThat(inbox.next(Long.MAX_VALUE).piece().data()).containsExactly(3);
    }

    @Test
    void sleepReturnsEarlyWhenToxicsChangeWithoutConsumingTheChange() throws Exception {
        CompletableFuture<LinkInbox.Wake> sleeping = CompletableFuture.supplyAsync(() -> sleepUninterruptibly(Long.MAX_VALUE), helper);

        inbox.toxicsChanged();

        assertThat(sleeping.get(5, TimeUnit.SECONDS)).isEqualTo(LinkInbox.Wake.TOXICS_CHANGED);
        assertThat(inbox.next(Long.MAX_VALUE).kind()).isEqualTo(LinkInbox.Kind.TOXICS_CHANGED);
    }

    @Test
    void sleepUntilAPastTimeReturnsAtOnce() throws InterruptedException {
        assertThat(inbox.sleepUntil(nowNanos.get() - 1)).isEqualTo(LinkInbox.Wake.REACHED);
    }

    private boolean putUninterruptibly(Piece piece) {
        try {
            return inbox.put(piece);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private LinkInbox.Wake sleepUninterruptibly(long deadlineNanos) {
        try {
            return inbox.sleepUntil(deadlineNanos);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Piece piece(int value) {
        return new Piece(new byte[] {(byte) value}, value);
    }
}
