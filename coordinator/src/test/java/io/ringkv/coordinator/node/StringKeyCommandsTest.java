package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.resps.LCSMatchResult;

/**
 * The string and key commands of issue 29 through Jedis's own methods (its parsing of the replies),
 * against a real node; every reply and error is also compared with Redis's in RecordedRepliesTest.
 */
class StringKeyCommandsTest {
    private static final long YEAR_2100 = 4_102_444_800L;

    @RegisterExtension
    final JedisNode server = new JedisNode();

    @Test
    void stringsRangesAndExpiries() {
        server.jedis().set("s", "Hello World");
        assertThat(server.jedis().getEx("s", GetExParams.getExParams().exAt(YEAR_2100))).isEqualTo("Hello World");
        assertThat(server.jedis().expireTime("s")).isEqualTo(YEAR_2100);
        assertThat(server.jedis().pexpireTime("s")).isEqualTo(YEAR_2100 * 1000);
        assertThat(server.jedis().getEx("s", GetExParams.getExParams().persist())).isEqualTo("Hello World");
        assertThat(server.jedis().ttl("s")).isEqualTo(-1);
        assertThat(server.jedis().getrange("s", -5, -1)).isEqualTo("World");
        assertThat(server.jedis().setrange("s", 6, "Redis")).isEqualTo(11);
        assertThat(server.jedis().setrange("pad", 3, "x")).isEqualTo(4);
        assertThat(server.jedis().get("pad")).isEqualTo("\0\0\0x");
        assertThat(server.jedis().get("s")).isEqualTo("Hello Redis");
        assertThat(server.jedis().msetnx("a", "1", "b", "2")).isEqualTo(1);
        assertThat(server.jedis().msetnx("b", "3", "c", "4")).isZero();
        assertThat(server.jedis().exists("c")).isFalse();
        assertThat(server.jedis().touch("a", "b", "c")).isEqualTo(2);
        assertThat(server.jedis().getEx("s", GetExParams.getExParams().pxAt(1))).as("a past time deletes").isEqualTo("Hello Redis");
        assertThat(server.jedis().exists("s")).isFalse();
        assertThatThrownBy(() -> server.jedis().getEx("a", GetExParams.getExParams().ex(0))).hasMessageContaining("invalid expire time in 'getex'");
    }

    @Test
    void longestCommonSubsequence() {
        server.jedis().mset("k1", "ohmytext", "k2", "mynewtext");
        assertThat(server.jedis().lcs("k1", "k2", LCSParams.LCSParams()).getMatchString()).isEqualTo("mytext");
        assertThat(server.jedis().lcs("k1", "k2", LCSParams.LCSParams().len()).getLen()).isEqualTo(6);
        LCSMatchResult indexes = server.jedis().lcs("k1", "k2", LCSParams.LCSParams().idx().withMatchLen());
        assertThat(indexes.getLen()).isEqualTo(6);
        assertThat(indexes.getMatches()).hasSize(2);
        assertThat(indexes.getMatches().get(0).getA().getStart()).isEqualTo(4);
        assertThat(indexes.getMatches().get(0).getA().getEnd()).isEqualTo(7);
        assertThat(indexes.getMatches().get(0).getB().getStart()).isEqualTo(5);
        assertThat(indexes.getMatches().get(0).getMatchLen()).isEqualTo(4);
        server.jedis().hset("h", "f", "v");
        assertThatThrownBy(() -> server.jedis().lcs("k1", "h", LCSParams.LCSParams())).hasMessageContaining("must contain string values");
    }

    @Test
    void renameAndCopyKeepTypeAndTtl() {
        server.jedis().hset("h", Map.of("a", "1", "b", "2"));
        server.jedis().expireAt("h", YEAR_2100);
        assertThat(server.jedis().rename("h", "h2")).isEqualTo("OK");
        assertThat(server.jedis().exists("h")).isFalse();
        assertThat(server.jedis().hgetAll("h2")).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(server.jedis().expireTime("h2")).isEqualTo(YEAR_2100);
        server.jedis().sadd("s", "x", "y");
        assertThat(server.jedis().copy("s", "h2", false)).as("the destination exists").isFalse();
        assertThat(server.jedis().copy("s", "h2", true)).isTrue();
        assertThat(server.jedis().type("h2")).isEqualTo("set");
        assertThat(server.jedis().smembers("h2")).isEqualTo(Set.of("x", "y"));
        assertThat(server.jedis().ttl("h2")).as("REPLACE takes the source's (absent) expiry").isEqualTo(-1);
        assertThat(server.jedis().smembers("s")).isEqualTo(Set.of("x", "y"));
        server.jedis().incrBy("n", 41);
        assertThat(server.jedis().renamenx("n", "s")).isZero();
        assertThat(server.jedis().renamenx("n", "m")).isEqualTo(1);
        assertThat(server.jedis().incr("m")).as("a renamed counter still counts").isEqualTo(42);
        assertThatThrownBy(() -> server.jedis().rename("nokey", "x")).hasMessage("ERR no such key");
        assertThat(server.jedis().objectEncoding("m")).isEqualTo("int");
        assertThat(server.jedis().objectEncoding("s")).isEqualTo("hashtable");
        assertThat(server.jedis().objectEncoding("nokey")).isNull();
        assertThat(server.jedis().objectRefcount("m")).isEqualTo(1);
        assertThat(List.of(server.jedis().objectHelp().get(0))).allSatisfy(line -> assertThat(line).startsWith("OBJECT"));
    }
}
