package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/**
 * Hashes as Redis clients see them, through Jedis against a real node: replies, WRONGTYPE both
 * ways, an emptied hash is no key, DEL and SET replace a hash, the TTL stays across HSET, the
 * hash survives a restart, and HGETALL is a map in RESP3.
 */
class HashCommandsTest {
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
    void setGetDeleteAndGetAll() {
        assertThat(jedis.hset("h", Map.of("a", "1", "b", "2"))).isEqualTo(2);
        assertThat(jedis.hset("h", "a", "10")).isZero();
        assertThat(jedis.sendCommand(Protocol.Command.HSET, "h", "c", "3", "c", "4")).isEqualTo(1L);
        assertThat(jedis.hget("h", "a")).isEqualTo("10");
        assertThat(jedis.hget("h", "c")).isEqualTo("4");
        assertThat(jedis.hget("h", "absent")).isNull();
        assertThat(jedis.hget("nokey", "a")).isNull();
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("a", "10", "b", "2", "c", "4"));
        assertThat(jedis.hgetAll("nokey")).isEmpty();
        assertThat(jedis.type("h")).isEqualTo("hash");
        assertThat(jedis.hdel("h", "a", "a", "absent")).isEqualTo(1);
        assertThat(jedis.hdel("nokey", "a")).isZero();
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("b", "2", "c", "4"));
        assertThat(jedis.hdel("h", "b", "c")).isEqualTo(2);
        assertThat(jedis.exists("h")).as("an emptied hash is no key").isFalse();
        assertThat(jedis.type("h")).isEqualTo("none");
        assertThat(jedis.hset("h", "again", "x")).isEqualTo(1);
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("again", "x"));
    }

    @Test
    void wrongTypeBothWaysAndArity() {
        jedis.set("s", "text");
        String wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        assertThatThrownBy(() -> jedis.hset("s", "f", "v")).hasMessage(wrongType);
        assertThatThrownBy(() -> jedis.hget("s", "f")).hasMessage(wrongType);
        assertThatThrownBy(() -> jedis.hgetAll("s")).hasMessage(wrongType);
        assertThatThrownBy(() -> jedis.hdel("s", "f")).hasMessage(wrongType);
        jedis.incr("n");
        assertThatThrownBy(() -> jedis.hset("n", "f", "v")).hasMessage(wrongType);
        jedis.hset("h", "f", "v");
        assertThatThrownBy(() -> jedis.get("h")).hasMessage(wrongType);
        assertThatThrownBy(() -> jedis.incr("h")).hasMessage(wrongType);
        assertThatThrownBy(() -> jedis.append("h", "x")).hasMessage(wrongType);
        assertThat(jedis.get("s")).isEqualTo("text");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.HSET, "h", "f"))
                .hasMessage("ERR wrong number of arguments for 'hset' command");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.HSET, "h", "f", "v", "g"))
                .hasMessage("ERR wrong number of arguments for 'hset' command");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.HGET, "h"))
                .hasMessage("ERR wrong number of arguments for 'hget' command");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.HDEL, "h"))
                .hasMessage("ERR wrong number of arguments for 'hdel' command");
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("f", "v"));
    }

    @Test
    void delAndSetReplaceAHashAndItsTtlStaysAcrossHset() {
        jedis.hset("h", "f", "v");
        assertThat(jedis.del("h")).isEqualTo(1);
        assertThat(jedis.hgetAll("h")).isEmpty();
        jedis.hset("h", "g", "w");
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("g", "w"));
        assertThat(jedis.set("h", "plain")).isEqualTo("OK");
        assertThat(jedis.type("h")).isEqualTo("string");
        assertThat(jedis.get("h")).isEqualTo("plain");
        jedis.del("h");
        jedis.hset("t", "f", "v");
        assertThat(jedis.expire("t", 1000)).isEqualTo(1);
        jedis.hset("t", "g", "w");
        assertThat(jedis.ttl("t")).isBetween(990L, 1000L);
        assertThat(jedis.persist("t")).isEqualTo(1);
        assertThat(jedis.ttl("t")).isEqualTo(-1);
        assertThat(jedis.hgetAll("t")).isEqualTo(Map.of("f", "v", "g", "w"));
    }

    @Test
    void aHashSurvivesARestart() throws Exception {
        jedis.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        jedis.hdel("h", "b");
        assertThat(jedis.save()).isEqualTo("OK");
        jedis.hset("h", "d", "4");
        jedis.hdel("h", "a");
        jedis.close();
        node.close();
        node = TestNode.start(dataDir);
        jedis = new Jedis("127.0.0.1", node.respPort());
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("c", "3", "d", "4"));
        assertThat(jedis.hset("h", "a", "again")).isEqualTo(1);
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("a", "again", "c", "3", "d", "4"));
    }

    @Test
    void hgetallIsAMapInResp3() {
        jedis.hset("h", Map.of("a", "1", "b", "2"));
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", node.respPort()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.hgetAll("h")).isEqualTo(Map.of("a", "1", "b", "2"));
            Object raw = resp3.sendCommand(Protocol.Command.HGETALL, "h");
            assertThat(raw).isInstanceOf(java.util.List.class);
            assertThat((java.util.List<?>) raw).hasSize(2);
        }
    }
}
