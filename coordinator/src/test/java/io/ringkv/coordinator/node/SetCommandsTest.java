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

/** Set commands through Jedis against a real node. */
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

    /** Above 16,384 members, SRANDMEMBER and SPOP pick members at random instead of listing the set. */
    @Test
    void samplesOfALargeSet() {
        String[] members = new String[20_000];
        for (int i = 0; i < members.length; i++) {
            members[i] = "m" + i;
        }
        assertThat(jedis.sadd("big", members)).isEqualTo(members.length);
        Set<String> all = Set.of(members);
        java.util.List<String> distinct = jedis.srandmember("big", 100);
        assertThat(distinct).hasSize(100).doesNotHaveDuplicates().allSatisfy(m -> assertThat(all).contains(m));
        assertThat(jedis.srandmember("big", -300)).hasSize(300).allSatisfy(m -> assertThat(all).contains(m));
        assertThat(all).contains(jedis.srandmember("big"));
        Set<String> popped = jedis.spop("big", 50);
        assertThat(popped).hasSize(50);
        assertThat(jedis.scard("big")).isEqualTo(members.length - 50);
        assertThat(jedis.smismember("big", popped.toArray(String[]::new))).containsOnly(false);
        assertThat(jedis.srandmember("big", 30_000)).as("a count above the size answers the whole set")
                .hasSize(members.length - 50).doesNotHaveDuplicates();
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

    @Test
    void popRandomMoveAndScan() {
        Set<String> all = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            all.add("m" + i);
        }
        jedis.sadd("s", all.toArray(String[]::new));
        assertThat(jedis.smismember("s", "m1", "zz", "m2")).containsExactly(true, false, true);
        assertThat(jedis.srandmember("s")).isIn(all);
        assertThat(jedis.srandmember("s", 10)).hasSize(10).doesNotHaveDuplicates().allMatch(all::contains);
        assertThat(jedis.srandmember("s", -80)).hasSize(80).allMatch(all::contains);
        Set<String> popped = new java.util.HashSet<>(jedis.spop("s", 5));
        assertThat(popped).hasSize(5).allMatch(all::contains);
        String one = jedis.spop("s");
        assertThat(popped).doesNotContain(one);
        assertThat(jedis.scard("s")).isEqualTo(44);
        popped.add(one);
        Set<String> scanned = new java.util.HashSet<>();
        String cursor = "0";
        int pages = 0;
        do {
            var page = jedis.sscan("s", cursor, new redis.clients.jedis.params.ScanParams().count(7));
            scanned.addAll(page.getResult());
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0") && pages < 1_000);
        Set<String> left = new java.util.HashSet<>(all);
        left.removeAll(popped);
        assertThat(scanned).isEqualTo(left);
        String member = left.iterator().next();
        assertThat(jedis.smove("s", "t", member)).isEqualTo(1);
        assertThat(jedis.smove("s", "t", member)).isZero();
        assertThat(jedis.sismember("t", member)).isTrue();
        assertThat(jedis.sismember("s", member)).isFalse();
        jedis.set("str", "x");
        assertThatThrownBy(() -> jedis.smove("s", "str", left.iterator().next())).hasMessage(WRONG_TYPE);
        assertThat(jedis.scard("s")).as("a refused SMOVE moves nothing").isEqualTo(43);
        assertThatThrownBy(() -> jedis.spop("s", -1)).hasMessage("ERR value is out of range, must be positive");
    }

    @Test
    void algebraOverSeveralKeys() {
        jedis.sadd("k1", "a", "b", "c");
        jedis.sadd("k2", "b", "c", "d");
        jedis.sadd("k3", "c", "e");
        assertThat(jedis.sinter("k1", "k2")).isEqualTo(Set.of("b", "c"));
        assertThat(jedis.sunion("k1", "k2", "k3")).isEqualTo(Set.of("a", "b", "c", "d", "e"));
        assertThat(jedis.sdiff("k1", "k2")).isEqualTo(Set.of("a"));
        assertThat(jedis.sinter("k1", "nokey")).isEmpty();
        assertThat(jedis.sintercard("k1", "k2")).isEqualTo(2);
        assertThat(jedis.sintercard(1, "k1", "k2")).isEqualTo(1);
        assertThat(jedis.sinterstore("dst", "k1", "k2", "k3")).isEqualTo(1);
        assertThat(jedis.smembers("dst")).isEqualTo(Set.of("c"));
        jedis.set("str", "x");
        assertThat(jedis.sunionstore("str", "k1", "k3")).as("a *STORE replaces any type").isEqualTo(4);
        assertThat(jedis.type("str")).isEqualTo("set");
        assertThat(jedis.sdiffstore("dst", "k1", "k1")).isZero();
        assertThat(jedis.exists("dst")).isFalse();
        jedis.hset("h", "f", "v");
        assertThatThrownBy(() -> jedis.sinter("k1", "h")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.SINTERCARD, "0", "k1"))
                .hasMessage("ERR numkeys should be greater than 0");
    }
}
