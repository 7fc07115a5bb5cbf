package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/** max_client_ops_per_second: a connection over its rate gets a clear error; others are unaffected. */
class ClientRateLimitTest {
    @TempDir
    Path dataDir;

    @Test
    void aBurstOverTheLimitIsAnsweredWithAnErrorAndOtherConnectionsKeepWorking() throws Exception {
        RingkvNode node = TestNode.start(dataDir, "max_client_ops_per_second", "5");
        try (Jedis greedy = new Jedis("127.0.0.1", node.respPort());
             Jedis polite = new Jedis("127.0.0.1", node.respPort())) {
            Pipeline burst = greedy.pipelined();
            for (int i = 0; i < 50; i++) {
                burst.set("k" + i, "v");
            }
            List<Object> replies = burst.syncAndReturnAll();
            long refused = replies.stream().filter(r -> r instanceof JedisDataException e
                    && e.getMessage().startsWith("ERR rate limit exceeded")).count();
            long done = replies.stream().filter("OK"::equals).count();
            assertThat(refused + done).isEqualTo(50);
            assertThat(refused).isGreaterThanOrEqualTo(40);
            assertThat(done).isGreaterThanOrEqualTo(1);
            assertThat(polite.set("other", "fine")).isEqualTo("OK");
            // Refused commands did nothing (a third connection has its own allowance).
            try (Jedis counter = new Jedis("127.0.0.1", node.respPort())) {
                assertThat(counter.dbSize()).isEqualTo(done + 1);
            }
        } finally {
            node.close();
        }
    }
}
