package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/** Strings, counters, TTLs and pipelining through Jedis against a real node. */
class JedisClientTest {
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
        node.close();
    }

    @Test
    void setThenGetReturnsTheValueAndMissingKeyIsNull() {
        assertThat(jedis.set("greeting", "hello")).isEqualTo("OK");
        assertThat(jedis.get("greeting")).isEqualTo("hello");
        assertThat(jedis.get("absent")).isNull();
        assertThat(jedis.strlen("greeting")).isEqualTo(5);
        assertThat(jedis.append("greeting", " world")).isEqualTo(11);
        assertThat(jedis.get("greeting")).isEqualTo("hello world");
    }

    @Test
    void keysListsLiveKeysMatchingThePattern() {
        jedis.set("user:1", "a");
        jedis.set("user:2", "b");
        jedis.set("order:1", "c");
        jedis.del("user:2");
        assertThat(jedis.keys("user:*")).containsExactly("user:1");
        assertThat(jedis.keys("*")).containsExactlyInAnyOrder("user:1", "order:1");
    }

    @Test
    void setNxAndXxOnlyWriteWhenTheyShould() {
        assertThat(jedis.set("k", "1", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.set("k", "2", SetParams.setParams().nx())).isNull();
        assertThat(jedis.set("other", "x", SetParams.setParams().xx())).isNull();
        assertThat(jedis.set("k", "3", SetParams.setParams().xx())).isEqualTo("OK");
        assertThat(jedis.get("k")).isEqualTo("3");
        assertThat(jedis.exists("other")).isFalse();
    }

    @Test
    void countersIncrementAndRejectNonIntegers() {
        assertThat(jedis.incr("counter")).isEqualTo(1);
        assertThat(jedis.incrBy("counter", 41)).isEqualTo(42);
        assertThat(jedis.decr("counter")).isEqualTo(41);
        assertThat(jedis.decrBy("counter", 50)).isEqualTo(-9);
        jedis.set("text", "abc");
        assertThatThrownBy(() -> jedis.incr("text"))
                .isInstanceOf(JedisDataException.class)
                .hasMessage("ERR value is not an integer or out of range");
        jedis.set("big", String.valueOf(Long.MAX_VALUE));
        assertThatThrownBy(() -> jedis.incr("big")).hasMessageContaining("overflow");
    }

    @Test
    void expireSetsTtlAndPersistRemovesIt() {
        jedis.set("session", "abc");
        assertThat(jedis.ttl("session")).isEqualTo(-1);
        assertThat(jedis.ttl("nothing")).isEqualTo(-2);
        assertThat(jedis.expire("session", 100)).isEqualTo(1);
        assertThat(jedis.ttl("session")).isBetween(99L, 100L);
        assertThat(jedis.pttl("session")).isBetween(98_000L, 100_000L);
        assertThat(jedis.persist("session")).isEqualTo(1);
        assertThat(jedis.ttl("session")).isEqualTo(-1);
        assertThat(jedis.expire("nothing", 10)).isEqualTo(0);
    }

    @Test
    void expiredKeyIsInvisibleAtOnce() {
        jedis.set("short", "lived", SetParams.setParams().px(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> jedis.get("short") == null);
        assertThat(jedis.exists("short")).isFalse();
        assertThat(jedis.ttl("short")).isEqualTo(-2);
    }

    @Test
    void delCountsOnlyKeysThatExisted() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        assertThat(jedis.del("a", "b", "c")).isEqualTo(2);
        assertThat(jedis.get("a")).isNull();
        assertThat(jedis.del("a")).isEqualTo(0);
    }

    @Test
    void msetAndMgetAnswerInKeyOrder() {
        jedis.mset("x", "1", "y", "2");
        assertThat(jedis.mget("x", "missing", "y")).containsExactly("1", null, "2");
    }

    @Test
    void pipelinedCommandsAnswerInOrder() {
        Pipeline pipeline = jedis.pipelined();
        List<Response<Long>> increments = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pipeline.set("p" + i, "v" + i);
            increments.add(pipeline.incr("pipelined-counter"));
        }
        Response<String> last = pipeline.get("p499");
        pipeline.sync();
        for (int i = 0; i < increments.size(); i++) {
            assertThat(increments.get(i).get()).isEqualTo(i + 1);
        }
        assertThat(last.get()).isEqualTo("v499");
    }

    @Test
    void wrongArityAndUnknownCommandsAreRedisShapedErrors() {
        assertThatThrownBy(() -> jedis.sendCommand(() -> "GET".getBytes()))
                .hasMessage("ERR wrong number of arguments for 'get' command");
        assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCH".getBytes(), "a"))
                .hasMessageStartingWith("ERR unknown command 'NOSUCH', with args beginning with: 'a'");
        assertThat(jedis.ping()).isEqualTo("PONG");
    }

    @Test
    void consistencyHintsAreShownAndSetPerConnection() {
        assertThat(new String((byte[]) jedis.sendCommand(() -> "CONSISTENCY".getBytes())))
                .isEqualTo("READ QUORUM WRITE QUORUM");
        jedis.sendCommand(() -> "CONSISTENCY".getBytes(), "WRITE", "ONE");
        assertThat(new String((byte[]) jedis.sendCommand(() -> "CONSISTENCY".getBytes())))
                .isEqualTo("READ QUORUM WRITE ONE");
        assertThat(new String((byte[]) jedis.sendCommand(() -> "CL".getBytes(), "ALL", "SET", "cl", "v")))
                .isEqualTo("OK");
        assertThat(jedis.get("cl")).isEqualTo("v");
        assertThatThrownBy(() -> jedis.sendCommand(() -> "CONSISTENCY".getBytes(), "SOMETIMES"))
                .hasMessageContaining("unknown consistency level 'SOMETIMES'");
    }
}
