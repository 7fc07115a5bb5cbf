package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * MULTI/EXEC/DISCARD/WATCH through Jedis's own transaction and pipeline classes against a real
 * node; the replies and errors of the same sequences are compared with Redis's in
 * RecordedRepliesTest (docs/resp-diff/transactions.txt).
 */
class TransactionCommandsTest {
    @RegisterExtension
    final JedisNode server = new JedisNode();

    @Test
    void execRunsTheQueueInOrderAndAnswersEveryReply() {
        server.jedis().set("text", "hello");
        Transaction multi = server.jedis().multi();
        Response<String> set = multi.set("n", "41");
        Response<Long> incremented = multi.incr("n");
        multi.incr("text");
        Response<Long> appended = multi.append("text", " world");
        List<Object> replies = multi.exec();
        assertThat(set.get()).isEqualTo("OK");
        assertThat(incremented.get()).isEqualTo(42);
        assertThat(replies.get(2)).isInstanceOf(JedisDataException.class)
                .hasFieldOrPropertyWithValue("message", "ERR value is not an integer or out of range");
        assertThat(appended.get()).as("a runtime error does not stop the commands after it").isEqualTo(11);
        assertThat(server.jedis().get("text")).isEqualTo("hello world");
    }

    @Test
    void aRefusedCommandWhileQueuingDiscardsTheTransaction() {
        Transaction multi = server.jedis().multi();
        multi.set("kept", "no");
        multi.sendCommand(Protocol.Command.SET, "only-a-key");
        assertThatThrownBy(multi::exec).isInstanceOf(JedisDataException.class)
                .hasMessage("EXECABORT Transaction discarded because of previous errors.");
        assertThat(server.jedis().exists("kept")).isFalse();
        Transaction discarded = server.jedis().multi();
        discarded.set("kept", "no");
        assertThat(discarded.discard()).isEqualTo("OK");
        assertThat(server.jedis().exists("kept")).isFalse();
    }

    @Test
    void execAtStrongIsRefusedAndAppliesNothing() {
        server.jedis().sendCommand(() -> "CONSISTENCY".getBytes(), "STRONG");
        Transaction strong = server.jedis().multi();
        strong.set("s", "1");
        assertThatThrownBy(strong::exec).isInstanceOf(JedisDataException.class)
                .hasMessageStartingWith("ERR EXEC at STRONG is not supported yet")
                .hasMessageContaining("ANY, ONE, QUORUM or ALL");
        server.jedis().sendCommand(() -> "CONSISTENCY".getBytes(), "QUORUM");
        Transaction wrapped = server.jedis().multi();
        wrapped.sendCommand(() -> "CL".getBytes(), "STRONG", "SET", "s", "2");
        assertThatThrownBy(wrapped::exec).hasMessageStartingWith("ERR EXEC at STRONG");
        assertThat(server.jedis().exists("s")).isFalse();
        Transaction quorum = server.jedis().multi();
        quorum.set("s", "3");
        assertThat(quorum.exec()).containsExactly("OK");
    }

    @Test
    void commandsPipelinedAfterExecSeeWhatItDid() {
        Pipeline pipeline = server.jedis().pipelined();
        pipeline.set("counter", "10");
        pipeline.sendCommand(Protocol.Command.MULTI, new String[0]);
        for (int i = 0; i < 50; i++) {
            pipeline.incr("counter");
        }
        Response<Object> exec = pipeline.sendCommand(Protocol.Command.EXEC, new String[0]);
        Response<String> after = pipeline.get("counter");
        pipeline.sync();
        assertThat((List<?>) exec.get()).hasSize(50).last().isEqualTo(60L);
        assertThat(after.get()).isEqualTo("60");
    }

    @Test
    void aWriteFromAnotherConnectionToAWatchedKeyAbortsExec() {
        server.jedis().hset("profile", "name", "ada");
        try (Jedis other = new Jedis("127.0.0.1", server.port())) {
            server.jedis().watch("profile", "absent");
            other.hset("profile", "city", "london");
            Transaction multi = server.jedis().multi();
            multi.hset("profile", "name", "grace");
            assertThat(multi.exec()).as("EXEC after a watched key changed").isNull();
            assertThat(server.jedis().hget("profile", "name")).isEqualTo("ada");

            server.jedis().watch("profile", "absent");
            assertThat(other.hgetAll("profile")).containsEntry("city", "london");
            Transaction unchanged = server.jedis().multi();
            unchanged.hset("profile", "name", "grace");
            assertThat(unchanged.exec()).as("reads of a watched key are no change").containsExactly(0L);
            assertThat(server.jedis().hget("profile", "name")).isEqualTo("grace");
        }
    }

    @Test
    void deletingFlushingRenamingOrExpiringAWatchedKeyAbortsExec() {
        try (Jedis other = new Jedis("127.0.0.1", server.port())) {
            assertThat(watchedExecAfter("k", () -> other.del("k"))).isNull();
            assertThat(watchedExecAfter("k", () -> other.flushAll())).isNull();
            assertThat(watchedExecAfter("k", () -> other.rename("k", "moved"))).isNull();
            assertThat(watchedExecAfter("k", () -> {
                other.pexpire("k", 20);
                await().atMost(Duration.ofSeconds(10)).until(() -> !other.exists("k"));
            })).isNull();
            assertThat(watchedExecAfter("k", () -> other.get("k"))).as("a read is no change").containsExactly("OK");
        }
    }

    @Test
    void anotherConnectionNeverSeesATransactionHalfDone() throws Exception {
        String[] keys = {"t:1", "t:2", "t:3", "t:4", "t:5"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (Jedis writer = new Jedis("127.0.0.1", server.port());
             Jedis reader = new Jedis("127.0.0.1", server.port())) {
            java.util.concurrent.Future<?> transactions = pool.submit(() -> {
                try {
                    for (int round = 1; round <= 300; round++) {
                        Transaction multi = writer.multi();
                        for (String key : keys) {
                            multi.set(key, String.valueOf(round));
                        }
                        multi.exec();
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            int reads = 0;
            while (writing.get() && reads < 100_000) {
                List<String> values = reader.mget(keys);
                assertThat(new java.util.HashSet<>(values)).as("MGET %s during the transactions", values).hasSize(1);
                reads++;
            }
            transactions.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reader.mget(keys)).containsOnly("300");
            assertThat(reads).as("reads made while transactions ran").isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Object> watchedExecAfter(String key, Runnable change) {
        server.jedis().set(key, "v");
        server.jedis().watch(key);
        change.run();
        Transaction multi = server.jedis().multi();
        multi.set("last", key);
        return multi.exec();
    }
}
