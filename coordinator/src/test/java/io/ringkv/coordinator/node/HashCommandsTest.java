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

    @Test
    void theRestOfTheFamily() {
        assertThat(jedis.hsetnx("h", "a", "1")).isEqualTo(1);
        assertThat(jedis.hsetnx("h", "a", "2")).isZero();
        assertThat(jedis.hmset("h", Map.of("b", "22", "c", "333"))).isEqualTo("OK");
        assertThat(jedis.hmget("h", "a", "x", "c")).containsExactly("1", null, "333");
        assertThat(jedis.hexists("h", "b")).isTrue();
        assertThat(jedis.hexists("h", "x")).isFalse();
        assertThat(jedis.hlen("h")).isEqualTo(3);
        assertThat(jedis.hlen("nokey")).isZero();
        assertThat(jedis.hstrlen("h", "c")).isEqualTo(3);
        assertThat(jedis.hstrlen("h", "x")).isZero();
        assertThat(jedis.hkeys("h")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(jedis.hvals("h")).containsExactlyInAnyOrder("1", "22", "333");
        assertThat(jedis.hincrBy("h", "a", 41)).isEqualTo(42);
        assertThat(jedis.hincrBy("h", "n", -3)).isEqualTo(-3);
        assertThatThrownBy(() -> jedis.hincrBy("h", "a", Long.MAX_VALUE)).hasMessage("ERR increment or decrement would overflow");
        jedis.hset("h", "t", "text");
        assertThatThrownBy(() -> jedis.hincrBy("h", "t", 1)).hasMessage("ERR hash value is not an integer");
        assertThatThrownBy(() -> jedis.hincrByFloat("h", "t", 1)).hasMessage("ERR hash value is not a float");
        assertThat(jedis.hincrByFloat("h", "f", 0.1)).isEqualTo(0.1);
        assertThat(jedis.hincrByFloat("h", "f", 0.2)).isEqualTo(0.3);
        assertThat(jedis.hget("h", "f")).isEqualTo("0.3");
    }

    @Test
    void randomFieldsAndScan() {
        Map<String, String> fields = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            fields.put("f" + i, "v" + i);
        }
        jedis.hset("h", fields);
        assertThat(jedis.hrandfield("h")).isIn(fields.keySet());
        assertThat(jedis.hrandfield("h", 10)).hasSize(10).doesNotHaveDuplicates().allMatch(fields::containsKey);
        assertThat(jedis.hrandfield("h", 500)).hasSize(100).doesNotHaveDuplicates();
        assertThat(jedis.hrandfield("h", -500)).hasSize(500).allMatch(fields::containsKey);
        assertThat(jedis.hrandfieldWithValues("h", 5)).hasSize(5)
                .allMatch(entry -> fields.get(entry.getKey()).equals(entry.getValue()));
        assertThat(jedis.hrandfield("nokey")).isNull();
        assertThat(jedis.hrandfield("nokey", 3)).isEmpty();

        // A full HSCAN returns every field present throughout, even while fields come and go.
        Map<String, String> seen = new java.util.HashMap<>();
        String cursor = "0";
        int pages = 0;
        do {
            redis.clients.jedis.resps.ScanResult<Map.Entry<String, String>> page =
                    jedis.hscan("h", cursor, new redis.clients.jedis.params.ScanParams().count(7));
            page.getResult().forEach(entry -> seen.put(entry.getKey(), entry.getValue()));
            jedis.hset("h", "extra" + pages, "x");
            jedis.hdel("h", "extra" + (pages - 1));
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0") && pages < 1_000);
        assertThat(pages).isGreaterThan(5);
        assertThat(seen).containsAllEntriesOf(fields);
        assertThat(jedis.hscan("h", "0", new redis.clients.jedis.params.ScanParams().match("f1*").count(1_000)).getResult())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("f1", "f10", "f11", "f12", "f13", "f14", "f15",
                        "f16", "f17", "f18", "f19");
    }
}
