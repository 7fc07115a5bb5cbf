package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/** Set commands through Jedis against a real node. */
class SetCommandsTest {
    private static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    @RegisterExtension
    final JedisNode server = new JedisNode();

    @Test
    void addRemoveAndRead() {
        assertThat(server.jedis().sadd("s", "a", "b", "c", "a")).isEqualTo(3);
        assertThat(server.jedis().sadd("s", "a", "d")).isEqualTo(1);
        assertThat(server.jedis().smembers("s")).isEqualTo(Set.of("a", "b", "c", "d"));
        assertThat(server.jedis().scard("s")).isEqualTo(4);
        assertThat(server.jedis().sismember("s", "b")).isTrue();
        assertThat(server.jedis().sismember("s", "zz")).isFalse();
        assertThat(server.jedis().srem("s", "a", "zz")).isEqualTo(1);
        assertThat(server.jedis().type("s")).isEqualTo("set");
        assertThat(server.jedis().srem("s", "b", "c", "d")).isEqualTo(3);
        assertThat(server.jedis().exists("s")).as("an emptied set is no key").isFalse();
        assertThat(server.jedis().smembers("s")).isEmpty();
        assertThat(server.jedis().scard("nokey")).isZero();
    }

    /** Above 16,384 members, SRANDMEMBER and SPOP pick members at random instead of listing the set. */
    @Test
    void samplesOfALargeSet() {
        String[] members = new String[20_000];
        for (int i = 0; i < members.length; i++) {
            members[i] = "m" + i;
        }
        assertThat(server.jedis().sadd("big", members)).isEqualTo(members.length);
        Set<String> all = Set.of(members);
        java.util.List<String> distinct = server.jedis().srandmember("big", 100);
        assertThat(distinct).hasSize(100).doesNotHaveDuplicates().allSatisfy(m -> assertThat(all).contains(m));
        assertThat(server.jedis().srandmember("big", -300)).hasSize(300).allSatisfy(m -> assertThat(all).contains(m));
        assertThat(all).contains(server.jedis().srandmember("big"));
        Set<String> popped = server.jedis().spop("big", 50);
        assertThat(popped).hasSize(50);
        assertThat(server.jedis().scard("big")).isEqualTo(members.length - 50);
        assertThat(server.jedis().smismember("big", popped.toArray(String[]::new))).containsOnly(false);
        assertThat(server.jedis().srandmember("big", 30_000)).as("a count above the size answers the whole set")
                .hasSize(members.length - 50).doesNotHaveDuplicates();
    }

    @Test
    void wrongTypeBothWaysArityAndRestart() throws Exception {
        server.jedis().set("str", "x");
        assertThatThrownBy(() -> server.jedis().sadd("str", "m")).hasMessage(WRONG_TYPE);
        server.jedis().hset("h", "f", "v");
        assertThatThrownBy(() -> server.jedis().sadd("h", "m")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> server.jedis().smembers("h")).hasMessage(WRONG_TYPE);
        server.jedis().sadd("s", "m", "n");
        assertThatThrownBy(() -> server.jedis().hget("s", "m")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> server.jedis().get("s")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.SADD, "s"))
                .hasMessage("ERR wrong number of arguments for 'sadd' command");
        server.jedis().srem("s", "n");
        server.restart();
        assertThat(server.jedis().smembers("s")).isEqualTo(Set.of("m"));
        try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(resp3.smembers("s")).isEqualTo(Set.of("m"));
        }
    }

    @Test
    void popRandomMoveAndScan() {
        Set<String> all = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            all.add("m" + i);
        }
        server.jedis().sadd("s", all.toArray(String[]::new));
        assertThat(server.jedis().smismember("s", "m1", "zz", "m2")).containsExactly(true, false, true);
        assertThat(server.jedis().srandmember("s")).isIn(all);
        assertThat(server.jedis().srandmember("s", 10)).hasSize(10).doesNotHaveDuplicates().allMatch(all::contains);
        assertThat(server.jedis().srandmember("s", -80)).hasSize(80).allMatch(all::contains);
        Set<String> popped = new java.util.HashSet<>(server.jedis().spop("s", 5));
        assertThat(popped).hasSize(5).allMatch(all::contains);
        String one = server.jedis().spop("s");
        assertThat(popped).doesNotContain(one);
        assertThat(server.jedis().scard("s")).isEqualTo(44);
        popped.add(one);
        Set<String> scanned = new java.util.HashSet<>();
        String cursor = "0";
        int pages = 0;
        do {
            var page = server.jedis().sscan("s", cursor, new redis.clients.jedis.params.ScanParams().count(7));
            scanned.addAll(page.getResult());
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0") && pages < 1_000);
        Set<String> left = new java.util.HashSet<>(all);
        left.removeAll(popped);
        assertThat(scanned).isEqualTo(left);
        String member = left.iterator().next();
        assertThat(server.jedis().smove("s", "t", member)).isEqualTo(1);
        assertThat(server.jedis().smove("s", "t", member)).isZero();
        assertThat(server.jedis().sismember("t", member)).isTrue();
        assertThat(server.jedis().sismember("s", member)).isFalse();
        server.jedis().set("str", "x");
        assertThatThrownBy(() -> server.jedis().smove("s", "str", left.iterator().next())).hasMessage(WRONG_TYPE);
        assertThat(server.jedis().scard("s")).as("a refused SMOVE moves nothing").isEqualTo(43);
        assertThatThrownBy(() -> server.jedis().spop("s", -1)).hasMessage("ERR value is out of range, must be positive");
    }

    @Test
    void algebraOverSeveralKeys() {
        server.jedis().sadd("k1", "a", "b", "c");
        server.jedis().sadd("k2", "b", "c", "d");
        server.jedis().sadd("k3", "c", "e");
        assertThat(server.jedis().sinter("k1", "k2")).isEqualTo(Set.of("b", "c"));
        assertThat(server.jedis().sunion("k1", "k2", "k3")).isEqualTo(Set.of("a", "b", "c", "d", "e"));
        assertThat(server.jedis().sdiff("k1", "k2")).isEqualTo(Set.of("a"));
        assertThat(server.jedis().sinter("k1", "nokey")).isEmpty();
        assertThat(server.jedis().sintercard("k1", "k2")).isEqualTo(2);
        assertThat(server.jedis().sintercard(1, "k1", "k2")).isEqualTo(1);
        assertThat(server.jedis().sinterstore("dst", "k1", "k2", "k3")).isEqualTo(1);
        assertThat(server.jedis().smembers("dst")).isEqualTo(Set.of("c"));
        server.jedis().set("str", "x");
        assertThat(server.jedis().sunionstore("str", "k1", "k3")).as("a *STORE replaces any type").isEqualTo(4);
        assertThat(server.jedis().type("str")).isEqualTo("set");
        assertThat(server.jedis().sdiffstore("dst", "k1", "k1")).isZero();
        assertThat(server.jedis().exists("dst")).isFalse();
        server.jedis().hset("h", "f", "v");
        assertThatThrownBy(() -> server.jedis().sinter("k1", "h")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> server.jedis().sendCommand(Protocol.Command.SINTERCARD, "0", "k1"))
                .hasMessage("ERR numkeys should be greater than 0");
    }
}
