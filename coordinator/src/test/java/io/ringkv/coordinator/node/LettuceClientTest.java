package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings, counters, TTLs and pipelining through Lettuce, which opens with {@code HELLO 3} and so
 * talks RESP3 to the node.
 */
class LettuceClientTest {
    @TempDir
    Path dataDir;

    private RingkvNode node;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dataDir);
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(node.respPort())
                .withTimeout(Duration.ofSeconds(10)).build());
        connection = client.connect();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        node.close();
    }

    @Test
    void stringsCountersAndTtlsWorkOverResp3() {
        RedisCommands<String, String> redis = connection.sync();
        assertThat(redis.clientInfo()).contains("resp=3");
        assertThat(redis.set("name", "ringkv")).isEqualTo("OK");
        assertThat(redis.get("name")).isEqualTo("ringkv");
        assertThat(redis.get("missing")).isNull();
        assertThat(redis.incrby("n", 5)).isEqualTo(5);
        assertThat(redis.decr("n")).isEqualTo(4);
        assertThat(redis.set("temp", "x", SetArgs.Builder.ex(30))).isEqualTo("OK");
        assertThat(redis.ttl("temp")).isBetween(29L, 30L);
        assertThat(redis.exists("name", "temp", "missing")).isEqualTo(2);
        assertThat(redis.del("name", "temp")).isEqualTo(2);
        assertThat(redis.dbsize()).isEqualTo(1);
    }

    @Test
    void pipelinedAsyncCommandsCompleteInOrder() throws Exception {
        RedisAsyncCommands<String, String> async = connection.async();
        connection.setAutoFlushCommands(false);
        List<RedisFuture<Long>> counts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            async.set("key" + i, "value" + i);
            counts.add(async.incr("lettuce-counter"));
        }
        RedisFuture<String> last = async.get("key999");
        connection.flushCommands();
        connection.setAutoFlushCommands(true);
        for (int i = 0; i < counts.size(); i++) {
            assertThat(counts.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
        }
        assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo("value999");
    }
}
