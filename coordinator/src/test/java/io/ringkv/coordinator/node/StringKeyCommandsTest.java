package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.resps.LCSMatchResult;

/**
 * The string and key commands of issue 29 through Jedis's own methods (its parsing of the replies),
 * against a real node; every reply and error is also compared with Redis's in RecordedRepliesTest.
 */
class StringKeyCommandsTest {
    private static final long YEAR_2100 = 4_102_444_800L;

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
    void stringsRangesAndExpiries() {
        jedis.set("s", "Hello World");
        assertThat(jedis.getEx("s", GetExParams.getExParams().exAt(YEAR_2100))).isEqualTo("Hello World");
        assertThat(jedis.expireTime("s")).isEqualTo(YEAR_2100);
        assertThat(jedis.pexpireTime("s")).isEqualTo(YEAR_2100 * 1000);
        assertThat(jedis.getEx("s", GetExParams.getExParams().persist())).isEqualTo("Hello World");
        assertThat(jedis.ttl("s")).isEqualTo(-1);
        assertThat(jedis.getrange("s", -5, -1)).isEqualTo("World");
        assertThat(jedis.setrange("s", 6, "Redis")).isEqualTo(11);
        assertThat(jedis.setrange("pad", 3, "x")).isEqualTo(4);
        assertThat(jedis.get("pad")).isEqualTo("\0\0\0x");
        assertThat(jedis.get("s")).isEqualTo("Hello Redis");
        assertThat(jedis.msetnx("a", "1", "b", "2")).isEqualTo(1);
        assertThat(jedis.msetnx("b", "3", "c", "4")).isZero();
        assertThat(jedis.exists("c")).isFalse();
        assertThat(jedis.touch("a", "b", "c")).isEqualTo(2);
        assertThat(jedis.getEx("s", GetExParams.getExParams().pxAt(1))).as("a past time deletes").isEqualTo("Hello Redis");
        assertThat(jedis.exists("s")).isFalse();
        assertThatThrownBy(() -> jedis.getEx("a", GetExParams.getExParams().ex(0))).hasMessageContaining("invalid expire time in 'getex'");
    }

    @Test
    void longestCommonSubsequence() {
        jedis.mset("k1", "ohmytext", "k2", "mynewtext");
        assertThat(jedis.lcs("k1", "k2", LCSParams.LCSParams()).getMatchString()).isEqualTo("mytext");
        assertThat(jedis.lcs("k1", "k2", LCSParams.LCSParams().len()).getLen()).isEqualTo(6);
        LCSMatchResult indexes = jedis.lcs("k1", "k2", LCSParams.LCSParams().idx().withMatchLen());
        assertThat(indexes.getLen()).isEqualTo(6);
        assertThat(indexes.getMatches()).hasSize(2);
        assertThat(indexes.getMatches().get(0).getA().getStart()).isEqualTo(4);
        assertThat(indexes.getMatches().get(0).getA().getEnd()).isEqualTo(7);
        assertThat(indexes.getMatches().get(0).getB().getStart()).isEqualTo(5);
        assertThat(indexes.getMatches().get(0).getMatchLen()).isEqualTo(4);
        jedis.hset("h", "f", "v");
        assertThatThrownBy(() -> jedis.lcs("k1", "h", LCSParams.LCSParams())).hasMessageContaining("must contain string values");
    }

    @Test
    void renameAndCopyKeepTypeAndTtl() {
        jedis.hset("h", Map.of("a", "1", "b", "2"));
        jedis.expireAt("h", YEAR_2100);
        assertThat(jedis.rename("h", "h2")).isEqualTo("OK");
        assertThat(jedis.exists("h")).isFalse();
        assertThat(jedis.hgetAll("h2")).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(jedis.expireTime("h2")).isEqualTo(YEAR_2100);
        jedis.sadd("s", "x", "y");
        assertThat(jedis.copy("s", "h2", false)).as("the destination exists").isFalse();
        assertThat(jedis.copy("s", "h2", true)).isTrue();
        assertThat(jedis.type("h2")).isEqualTo("set");
        assertThat(jedis.smembers("h2")).isEqualTo(Set.of("x", "y"));
        assertThat(jedis.ttl("h2")).as("REPLACE takes the source's (absent) expiry").isEqualTo(-1);
        assertThat(jedis.smembers("s")).isEqualTo(Set.of("x", "y"));
        jedis.incrBy("n", 41);
        assertThat(jedis.renamenx("n", "s")).isZero();
        assertThat(jedis.renamenx("n", "m")).isEqualTo(1);
        assertThat(jedis.incr("m")).as("a renamed counter still counts").isEqualTo(42);
        assertThatThrownBy(() -> jedis.rename("nokey", "x")).hasMessage("ERR no such key");
        assertThat(jedis.objectEncoding("m")).isEqualTo("int");
        assertThat(jedis.objectEncoding("s")).isEqualTo("hashtable");
        assertThat(jedis.objectEncoding("nokey")).isNull();
        assertThat(jedis.objectRefcount("m")).isEqualTo(1);
        assertThat(List.of(jedis.objectHelp().get(0))).allSatisfy(line -> assertThat(line).startsWith("OBJECT"));
    }
}
