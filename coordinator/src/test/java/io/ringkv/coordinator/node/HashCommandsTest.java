package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    final JedisNode server = new JedisNode();

    @Test
    void setGetDeleteAndGetAll() {
        assertThat(server.jedis().hset("h", Map.of("a", "1", "b", "2"))).isEqualTo(2);
        assertThat(server.jedis().hset("h", "a", "10")).isZero();
        assertThat(server.jedis().sendCommand(Protocol.Command.HSET, "h", "c", "3", "c", "4")).isEqualTo(1L);
        assertThat(server.jedis().hget("h", "a")).isEqualTo("10");
        assertThat(server.jedis().hget("h", "c")).isEqualTo("4");
        assertThat(server.jedis().hget("h", "absent")).isNull();
        assertThat(server.jedis().hget("nokey", "a")).isNull();
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("a", "10", "b", "2", "c", "4"));
        assertThat(server.jedis().hgetAll("nokey")).isEmpty();
        assertThat(server.jedis().type("h")).isEqualTo("hash");
        assertThat(server.jedis().hdel("h", "a", "a", "absent")).isEqualTo(1);
        assertThat(server.jedis().hdel("nokey", "a")).isZero();
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("b", "2", "c", "4"));
        assertThat(server.jedis().hdel("h", "b", "c")).isEqualTo(2);
        assertThat(server.jedis().exists("h")).as("an emptied hash is no key").isFalse();
        assertThat(server.jedis().type("h")).isEqualTo("none");
        assertThat(server.jedis().hset("h", "again", "x")).isEqualTo(1);
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("again", "x"));
    }

    @Test
    void wrongTypeBothWaysAndArity() {
        server.jedis().set("s", "text");
        String wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        assertThatThrownBy(() -> server.jedis().hset("s", "f", "v")).hasMessage(wrongType);
        assertThatThrownBy(() -> server.jedis().hget("s", "f")).hasMessage(wrongType);
        assertThatThrownBy(() -> server.jedis().hgetAll("s")).hasMessage(wrongType);
        assertThatThrownBy(() -> server.jedis().hdel("s", "f")).hasMessage(wrongType);
        server.jedis().incr("n");
        assertThatThrownBy(() -> server.jedis().hset("n", "f", "v")).hasMessage(wrongType);
        server.jedis().hset("h", "f", "v");
        assertThatThrownBy(() -> server.jedis().get("h")).hasMessage(wrongType);
        assertThatThrownBy(() -> server.jedis().incr("h")).hasMessage(wrongType);
        assertThatThrownBy(() -> server.jedis().append("h", "x")).hasMessage(wrongType);
        assertThat(server.jedis().get("s")).isEqualTo("text");
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.HSET, "h", "f"))
                .hasMessage("ERR wrong number of arguments for 'hset' command");
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.HSET, "h", "f", "v", "g"))
                .hasMessage("ERR wrong number of arguments for 'hset' command");
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.HGET, "h"))
                .hasMessage("ERR wrong number of arguments for 'hget' command");
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.HDEL, "h"))
                .hasMessage("ERR wrong number of arguments for 'hdel' command");
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("f", "v"));
    }

    @Test
    void delAndSetReplaceAHashAndItsTtlStaysAcrossHset() {
        server.jedis().hset("h", "f", "v");
        assertThat(server.jedis().del("h")).isEqualTo(1);
        assertThat(server.jedis().hgetAll("h")).isEmpty();
        server.jedis().hset("h", "g", "w");
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("g", "w"));
        assertThat(server.jedis().set("h", "plain")).isEqualTo("OK");
        assertThat(server.jedis().type("h")).isEqualTo("string");
        assertThat(server.jedis().get("h")).isEqualTo("plain");
        server.jedis().del("h");
        server.jedis().hset("t", "f", "v");
        assertThat(server.jedis().expire("t", 1000)).isEqualTo(1);
        server.jedis().hset("t", "g", "w");
        assertThat(server.jedis().ttl("t")).isBetween(990L, 1000L);
        assertThat(server.jedis().persist("t")).isEqualTo(1);
        assertThat(server.jedis().ttl("t")).isEqualTo(-1);
        assertThat(server.jedis().hgetAll("t")).isEqualTo(Map.of("f", "v", "g", "w"));
    }

    @Test
    void aHashSurvivesARestart() throws Exception {
        server.jedis().hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        server.jedis().hdel("h", "b");
        assertThat(server.jedis().save()).isEqualTo("OK");
        server.jedis().hset("h", "d", "4");
        server.jedis().hdel("h", "a");
        server.restart();
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("c", "3", "d", "4"));
        assertThat(server.jedis().hset("h", "a", "again")).isEqualTo(1);
        assertThat(server.jedis().hgetAll("h")).isEqualTo(Map.of("a", "again", "c", "3", "d", "4"));
    }

    @Test
    void hgetallIsAMapInResp3() {
        server.jedis().hset("h", Map.of("a", "1", "b", "2"));
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.hgetAll("h")).isEqualTo(Map.of("a", "1", "b", "2"));
            Object raw = resp3.sendCommand(Protocol.Command.HGETALL, "h");
            assertThat(raw).isInstanceOf(java.util.List.class);
            assertThat((java.util.List<?>) raw).hasSize(2);
        }
    }

    @Test
    void theRestOfTheFamily() {
        assertThat(server.jedis().hsetnx("h", "a", "1")).isEqualTo(1);
        assertThat(server.jedis().hsetnx("h", "a", "2")).isZero();
        assertThat(server.jedis().hmset("h", Map.of("b", "22", "c", "333"))).isEqualTo("OK");
        assertThat(server.jedis().hmget("h", "a", "x", "c")).containsExactly("1", null, "333");
        assertThat(server.jedis().hexists("h", "b")).isTrue();
        assertThat(server.jedis().hexists("h", "x")).isFalse();
        assertThat(server.jedis().hlen("h")).isEqualTo(3);
        assertThat(server.jedis().hlen("nokey")).isZero();
        assertThat(server.jedis().hstrlen("h", "c")).isEqualTo(3);
        assertThat(server.jedis().hstrlen("h", "x")).isZero();
        assertThat(server.jedis().hkeys("h")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(server.jedis().hvals("h")).containsExactlyInAnyOrder("1", "22", "333");
        assertThat(server.jedis().hincrBy("h", "a", 41)).isEqualTo(42);
        assertThat(server.jedis().hincrBy("h", "n", -3)).isEqualTo(-3);
        assertThatThrownBy(() -> server.jedis().hincrBy("h", "a", Long.MAX_VALUE)).hasMessage("ERR increment or decrement would overflow");
        server.jedis().hset("h", "t", "text");
        assertThatThrownBy(() -> server.jedis().hincrBy("h", "t", 1)).hasMessage("ERR hash value is not an integer");
        assertThatThrownBy(() -> server.jedis().hincrByFloat("h", "t", 1)).hasMessage("ERR hash value is not a float");
        assertThat(server.jedis().hincrByFloat("h", "f", 0.1)).isEqualTo(0.1);
        assertThat(server.jedis().hincrByFloat("h", "f", 0.2)).isEqualTo(0.3);
        assertThat(server.jedis().hget("h", "f")).isEqualTo("0.3");
    }

    @Test
    void randomFieldsAndScan() {
        Map<String, String> fields = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            fields.put("f" + i, "v" + i);
        }
        server.jedis().hset("h", fields);
        assertThat(server.jedis().hrandfield("h")).isIn(fields.keySet());
        assertThat(server.jedis().hrandfield("h", 10)).hasSize(10).doesNotHaveDuplicates().allMatch(fields::containsKey);
        assertThat(server.jedis().hrandfield("h", 500)).hasSize(100).doesNotHaveDuplicates();
        assertThat(server.jedis().hrandfield("h", -500)).hasSize(500).allMatch(fields::containsKey);
        assertThat(server.jedis().hrandfieldWithValues("h", 5)).hasSize(5)
                .allMatch(entry -> fields.get(entry.getKey()).equals(entry.getValue()));
        assertThat(server.jedis().hrandfield("nokey")).isNull();
        assertThat(server.jedis().hrandfield("nokey", 3)).isEmpty();

        // A full HSCAN returns every field present throughout, even while fields come and go.
        Map<String, String> seen = new java.util.HashMap<>();
        String cursor = "0";
        int pages = 0;
        do {
            redis.clients.jedis.resps.ScanResult<Map.Entry<String, String>> page =
                    server.jedis().hscan("h", cursor, new redis.clients.jedis.params.ScanParams().count(7));
            page.getResult().forEach(entry -> seen.put(entry.getKey(), entry.getValue()));
            server.jedis().hset("h", "extra" + pages, "x");
            server.jedis().hdel("h", "extra" + (pages - 1));
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0") && pages < 1_000);
        assertThat(pages).isGreaterThan(5);
        assertThat(seen).containsAllEntriesOf(fields);
        assertThat(server.jedis().hscan("h", "0", new redis.clients.jedis.params.ScanParams().match("f1*").count(1_000)).getResult())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("f1", "f10", "f11", "f12", "f13", "f14", "f15",
                        "f16", "f17", "f18", "f19");
    }
}
