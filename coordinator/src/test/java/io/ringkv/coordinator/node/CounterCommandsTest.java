package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Counters as Redis clients see them, through Jedis against a real node: a counter is a string
 * (TYPE, GET, STRLEN, APPEND), SET replaces it, INCR counts from an integer string, errors are
 * Redis's words, the TTL is kept by INCR and set by EXPIRE, and a counter survives a restart.
 */
class CounterCommandsTest {
    @RegisterExtension
    final JedisNode server = new JedisNode();

    @Test
    void aCounterIsAStringToClients() {
        assertThat(server.jedis().incrBy("c", 7)).isEqualTo(7);
        assertThat(server.jedis().decrBy("c", 10)).isEqualTo(-3);
        assertThat(server.jedis().type("c")).isEqualTo("string");
        assertThat(server.jedis().get("c")).isEqualTo("-3");
        assertThat(server.jedis().strlen("c")).isEqualTo(2);
        assertThat(server.jedis().mget("c", "absent")).containsExactly("-3", null);
        assertThat(server.jedis().append("c", "0")).isEqualTo(3);
        assertThat(server.jedis().get("c")).isEqualTo("-30");
        assertThat(server.jedis().incr("c")).isEqualTo(-29);
        assertThat(server.jedis().set("c", "100")).isEqualTo("OK");
        assertThat(server.jedis().incr("c")).isEqualTo(101);
        assertThat(server.jedis().getSet("c", "5")).isEqualTo("101");
        assertThat(server.jedis().incrBy("c", 5)).isEqualTo(10);
        assertThat(server.jedis().getDel("c")).isEqualTo("10");
        assertThat(server.jedis().exists("c")).isFalse();
        assertThat(server.jedis().incr("c")).isEqualTo(1);
    }

    @Test
    void errorsAreRedisWords() {
        server.jedis().set("text", "abc");
        assertThatThrownBy(() -> server.jedis().incr("text")).hasMessage("ERR value is not an integer or out of range");
        server.jedis().set("padded", " 1");
        assertThatThrownBy(() -> server.jedis().incr("padded")).hasMessage("ERR value is not an integer or out of range");
        server.jedis().set("big", String.valueOf(Long.MAX_VALUE));
        assertThatThrownBy(() -> server.jedis().incr("big")).hasMessage("ERR increment or decrement would overflow");
        assertThat(server.jedis().get("big")).isEqualTo(String.valueOf(Long.MAX_VALUE));
        assertThat(server.jedis().incrBy("small", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> server.jedis().decr("small")).hasMessage("ERR increment or decrement would overflow");
        assertThatThrownBy(() -> server.jedis().incrByFloat("text", 1.5)).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> server.jedis().sendCommand(redis.clients.jedis.Protocol.Command.INCRBYFLOAT, "f", "-inf"))
                .hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> server.jedis().sendCommand(redis.clients.jedis.Protocol.Command.INCRBYFLOAT, "f", "nan"))
                .hasMessage("ERR value is not a valid float");
        assertThat(server.jedis().exists("f")).isFalse();
        // Nothing was lost to the refusals.
        assertThat(server.jedis().get("text")).isEqualTo("abc");
        assertThat(server.jedis().get("small")).isEqualTo(String.valueOf(Long.MIN_VALUE));
    }

    @Test
    void incrByFloatMakesAFloatString() {
        assertThat(server.jedis().incrBy("f", 10)).isEqualTo(10);
        assertThat(server.jedis().incrByFloat("f", 0.5)).isEqualTo(10.5);
        assertThat(server.jedis().get("f")).isEqualTo("10.5");
        assertThatThrownBy(() -> server.jedis().incr("f")).hasMessage("ERR value is not an integer or out of range");
        assertThat(server.jedis().incrByFloat("f", -0.5)).isEqualTo(10.0);
        assertThat(server.jedis().get("f")).isEqualTo("10");
        assertThat(server.jedis().incr("f")).isEqualTo(11);
    }

    @Test
    void incrKeepsTheTtlAndExpireAndPersistApplyToACounter() {
        server.jedis().set("t", "1", SetParams.setParams().ex(100));
        assertThat(server.jedis().incr("t")).isEqualTo(2);
        assertThat(server.jedis().ttl("t")).isBetween(98L, 100L);
        assertThat(server.jedis().expire("t", 500)).isEqualTo(1);
        assertThat(server.jedis().ttl("t")).isBetween(498L, 500L);
        assertThat(server.jedis().incr("t")).isEqualTo(3);
        assertThat(server.jedis().ttl("t")).isBetween(498L, 500L);
        assertThat(server.jedis().persist("t")).isEqualTo(1);
        assertThat(server.jedis().ttl("t")).isEqualTo(-1);
        assertThat(server.jedis().get("t")).isEqualTo("3");
        assertThat(server.jedis().pexpire("t", 1)).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !server.jedis().exists("t"));
        // An expired counter starts again from zero.
        assertThat(server.jedis().incr("t")).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsOnOneNodeAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                clients.add(pool.submit(() -> {
                    try (Jedis client = new Jedis("127.0.0.1", server.port())) {
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
        assertThat(server.jedis().get("hits")).isEqualTo("1000");
    }

    @Test
    void aCounterSurvivesARestart() throws Exception {
        server.jedis().incrBy("kept", 40);
        server.jedis().incrBy("kept", 2);
        server.jedis().expire("kept", 1000);
        server.restart();
        assertThat(server.jedis().get("kept")).isEqualTo("42");
        assertThat(server.jedis().ttl("kept")).isBetween(990L, 1000L);
        assertThat(server.jedis().incr("kept")).isEqualTo(43);
    }
}
