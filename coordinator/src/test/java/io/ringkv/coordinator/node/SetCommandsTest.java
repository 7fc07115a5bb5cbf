package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/** Sets (first slice: SADD SREM SMEMBERS SISMEMBER SCARD) through Jedis against a real node. */
class SetCommandsTest {
    private static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

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
    void addRemoveAndRead() {
        assertThat(jedis.sadd("s", "a", "b", "c", "a")).isEqualTo(3);
        assertThat(jedis.sadd("s", "a", "d")).isEqualTo(1);
        assertThat(jedis.smembers("s")).isEqualTo(Set.of("a", "b", "c", "d"));
        assertThat(jedis.scard("s")).isEqualTo(4);
        assertThat(jedis.sismember("s", "b")).isTrue();
        assertThat(jedis.sismember("s", "zz")).isFalse();
        assertThat(jedis.srem("s", "a", "zz")).isEqualTo(1);
        assertThat(jedis.type("s")).isEqualTo("set");
        assertThat(jedis.srem("s", "b", "c", "d")).isEqualTo(3);
        assertThat(jedis.exists("s")).as("an emptied set is no key").isFalse();
        assertThat(jedis.smembers("s")).isEmpty();
        assertThat(jedis.scard("nokey")).isZero();
    }

    @Test
    void wrongTypeBothWaysArityAndRestart() throws Exception {
        jedis.set("str", "x");
        assertThatThrownBy(() -> jedis.sadd("str", "m")).hasMessage(WRONG_TYPE);
        jedis.hset("h", "f", "v");
        assertThatThrownBy(() -> jedis.sadd("h", "m")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> jedis.smembers("h")).hasMessage(WRONG_TYPE);
        jedis.sadd("s", "m", "n");
        assertThatThrownBy(() -> jedis.hget("s", "m")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> jedis.get("s")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.SADD, "s"))
                .hasMessage("ERR wrong number of arguments for 'sadd' command");
        jedis.srem("s", "n");
        jedis.close();
        node.close();
        node = TestNode.start(dataDir);
        jedis = new Jedis("127.0.0.1", node.respPort());
        assertThat(jedis.smembers("s")).isEqualTo(Set.of("m"));
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", node.respPort()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.smembers("s")).isEqualTo(Set.of("m"));
        }
    }
}
