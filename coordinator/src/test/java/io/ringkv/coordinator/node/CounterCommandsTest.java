package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Counters as Redis clients see them, through Jedis against a real node: a counter is a string
 * (TYPE, GET, STRLEN, APPEND), SET replaces it, INCR counts from an integer string, errors are
 * Redis's words, the TTL is kept by INCR and set by EXPIRE, and a counter survives a restart.
 */
class CounterCommandsTest {
    @TempDir
    Path dataDir;

    private RingkvNode node;
    private Jedis jedis;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dataDir);
        jedis = new Jedis("127.0.0.1", node.respPort());
    }

    @AfterEach
    void stop() throws Exception {
        jedis.close();
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aCounterIsAStringToClients() {
        assertThat(jedis.incrBy("c", 7)).isEqualTo(7);
        assertThat(jedis.decrBy("c", 10)).isEqualTo(-3);
        assertThat(jedis.type("c")).isEqualTo("string");
        assertThat(jedis.get("c")).isEqualTo("-3");
        assertThat(jedis.strlen("c")).isEqualTo(2);
        assertThat(jedis.mget("c", "absent")).containsExactly("-3", null);
        assertThat(jedis.append("c", "0")).isEqualTo(3);
        assertThat(jedis.get("c")).isEqualTo("-30");
        assertThat(jedis.incr("c")).isEqualTo(-29);
        assertThat(jedis.set("c", "100")).isEqualTo("OK");
        assertThat(jedis.incr("c")).isEqualTo(101);
        assertThat(jedis.getSet("c", "5")).isEqualTo("101");
        assertThat(jedis.incrBy("c", 5)).isEqualTo(10);
        assertThat(jedis.getDel("c")).isEqualTo("10");
        assertThat(jedis.exists("c")).isFalse();
        assertThat(jedis.incr("c")).isEqualTo(1);
    }

    @Test
    void errorsAreRedisWords() {
        jedis.set("text", "abc");
        assertThatThrownBy(() -> jedis.incr("text")).hasMessage("ERR value is not an integer or out of range");
        jedis.set("padded", " 1");
        assertThatThrownBy(() -> jedis.incr("padded")).hasMessage("ERR value is not an integer or out of range");
        jedis.set("big", String.valueOf(Long.MAX_VALUE));
        assertThatThrownBy(() -> jedis.incr("big")).hasMessage("ERR increment or decrement would overflow");
        assertThat(jedis.get("big")).isEqualTo(String.valueOf(Long.MAX_VALUE));
        assertThat(jedis.incrBy("small", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> jedis.decr("small")).hasMessage("ERR increment or decrement would overflow");
        assertThatThrownBy(() -> jedis.incrByFloat("text", 1.5)).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.INCRBYFLOAT, "f", "-inf"))
                .hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.INCRBYFLOAT, "f", "nan"))
                .hasMessage("ERR value is not a valid float");
        assertThat(jedis.exists("f")).isFalse();
        // Nothing was lost to the refusals.
        assertThat(jedis.get("text")).isEqualTo("abc");
        assertThat(jedis.get("small")).isEqualTo(String.valueOf(Long.MIN_VALUE));
    }

    @Test
    void incrByFloatMakesAFloatString() {
        assertThat(jedis.incrBy("f", 10)).isEqualTo(10);
        assertThat(jedis.incrByFloat("f", 0.5)).isEqualTo(10.5);
        assertThat(jedis.get("f")).isEqualTo("10.5");
        assertThatThrownBy(() -> jedis.incr("f")).hasMessage("ERR value is not an integer or out of range");
        assertThat(jedis.incrByFloat("f", -0.5)).isEqualTo(10.0);
        assertThat(jedis.get("f")).isEqualTo("10");
        assertThat(jedis.incr("f")).isEqualTo(11);
    }

    @Test
    void incrKeepsTheTtlAndExpireAndPersistApplyToACounter() {
        jedis.set("t", "1", SetParams.setParams().ex(100));
        assertThat(jedis.incr("t")).isEqualTo(2);
        assertThat(jedis.ttl("t")).isBetween(98L, 100L);
        assertThat(jedis.expire("t", 500)).isEqualTo(1);
        assertThat(jedis.ttl("t")).isBetween(498L, 500L);
        assertThat(jedis.incr("t")).isEqualTo(3);
        assertThat(jedis.ttl("t")).isBetween(498L, 500L);
        assertThat(jedis.persist("t")).isEqualTo(1);
        assertThat(jedis.ttl("t")).isEqualTo(-1);
        assertThat(jedis.get("t")).isEqualTo("3");
        assertThat(jedis.pexpire("t", 1)).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !jedis.exists("t"));
        // An expired counter starts again from zero.
        assertThat(jedis.incr("t")).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsOnOneNodeAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                clients.add(pool.submit(() -> {
                    try (Jedis client = new Jedis("127.0.0.1", node.respPort())) {
                        for (int i = 0; i < 250; i++) {
                            client.incr("hits");
                            client.append("other", "x");
                        }
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jedis.get("hits")).isEqualTo("1000");
    }

    @Test
    void aCounterSurvivesARestart() throws Exception {
        jedis.incrBy("kept", 40);
        jedis.incrBy("kept", 2);
        jedis.expire("kept", 1000);
        jedis.close();
        node.close();
        node = TestNode.start(dataDir);
        jedis = new Jedis("127.0.0.1", node.respPort());
        assertThat(jedis.get("kept")).isEqualTo("42");
        assertThat(jedis.ttl("kept")).isBetween(990L, 1000L);
        assertThat(jedis.incr("kept")).isEqualTo(43);
    }
}
