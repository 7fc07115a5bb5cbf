package io.ringkv.coordinator.node;

import static io.ringkv.coordinator.node.RespCalls.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Lists through Jedis on one node (a queue, a stack, errors), and on three nodes: pushes through
 * two coordinators at once are all kept, each coordinator's in its own order, and every node reads
 * the same list. Replies and errors against Redis 7's: RecordedRepliesTest (docs/resp-diff/lists.txt).
 */
class ListCommandsTest {
    @RegisterExtension
    final JedisNode server = new JedisNode();

    @TempDir
    Path root;

    @Test
    void aQueueAndAStackThroughJedis() {
        Jedis jedis = server.jedis();
        assertThat(jedis.rpush("queue", "a", "b", "c")).isEqualTo(3);
        assertThat(jedis.lpop("queue")).isEqualTo("a");
        assertThat(jedis.lpop("queue", 5)).containsExactly("b", "c");
        assertThat(jedis.exists("queue")).as("an empty list is no key").isFalse();
        assertThat(jedis.lpop("queue")).isNull();

        assertThat(jedis.lpush("stack", "1", "2", "3")).isEqualTo(3);
        assertThat(jedis.lrange("stack", 0, -1)).containsExactly("3", "2", "1");
        assertThat(jedis.rpop("stack", 2)).containsExactly("1", "2");
        assertThat(jedis.llen("stack")).isEqualTo(1);
        assertThat(jedis.lindex("stack", -1)).isEqualTo("3");
        assertThat(jedis.type("stack")).isEqualTo("list");

        jedis.set("text", "v");
        assertThatThrownBy(() -> jedis.rpush("text", "x")).isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
        assertThat(jedis.get("text")).as("a refused push changes nothing").isEqualTo("v");
    }

    /**
     * Pipelined pops from four connections through one node go together in turns (PopTurns): every
     * element is taken exactly once, each connection's pops take elements in the order it sent
     * them, a pop with a count takes consecutive elements, and the pops past the end find nothing.
     */
    @Test
    void pipelinedPopsFromManyConnectionsTakeEachElementOnce() throws Exception {
        int elements = 2_000;
        Jedis loader = server.jedis();
        for (int i = 0; i < elements; i += 500) {
            String[] batch = new String[500];
            for (int j = 0; j < 500; j++) {
                batch[j] = String.format("e%05d", i + j);
            }
            loader.rpush("work", batch);
        }
        int connections = 4;
        int popsEach = 300;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<List<List<String>>>> poppers = new ArrayList<>();
        try {
            for (int n = 0; n < connections; n++) {
                poppers.add(pool.submit(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                        redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
                        List<redis.clients.jedis.Response<List<String>>> replies = new ArrayList<>();
                        for (int i = 0; i < popsEach; i++) {
                            replies.add(pipeline.lpop("work", 1 + i % 3));
                        }
                        pipeline.sync();
                        List<List<String>> taken = new ArrayList<>();
                        for (redis.clients.jedis.Response<List<String>> reply : replies) {
                            taken.add(reply.get() == null ? List.of() : reply.get());
                        }
                        return taken;
                    }
                }));
            }
            List<String> all = new ArrayList<>();
            int emptyPops = 0;
            for (Future<List<List<String>>> popper : poppers) {
                String previous = "";
                for (List<String> taken : popper.get(60, TimeUnit.SECONDS)) {
                    emptyPops += taken.isEmpty() ? 1 : 0;
                    for (String element : taken) {
                        assertThat(element).as("one connection's pops take later elements").isGreaterThan(previous);
                        previous = element;
                    }
                    for (int i = 1; i < taken.size(); i++) {
                        int before = Integer.parseInt(taken.get(i - 1).substring(1));
                        assertThat(Integer.parseInt(taken.get(i).substring(1))).as("a pop's elements are consecutive").isEqualTo(before + 1);
                    }
                    all.addAll(taken);
                }
            }
            // 4 x 300 pops of 1, 2 or 3 (2 on average) ask for 2,400 elements: the list runs out.
            assertThat(all).hasSize(elements).doesNotHaveDuplicates();
            assertThat(emptyPops).as("pops after the list ran out").isPositive();
            assertThat(loader.exists("work")).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pushesThroughTwoNodesAtOnceAreAllKeptInEachNodesOrder() throws Exception {
        int perNode = 200;
        try (TestCluster cluster = new TestCluster(root, 3).startAll()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> pushers = new ArrayList<>();
                for (int node : List.of(1, 3)) {
                    pushers.add(pool.submit(() -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", cluster.respPort(node))) {
                            command(jedis, "CONSISTENCY", "QUORUM");
                            for (int i = 0; i < perNode; i++) {
                                jedis.rpush("shared", "n" + node + ":" + i);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> pusher : pushers) {
                    pusher.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<List<String>> views = new ArrayList<>();
            for (int node = 1; node <= 3; node++) {
                try (Jedis jedis = new Jedis("127.0.0.1", cluster.respPort(node))) {
                    command(jedis, "CONSISTENCY", "ALL");
                    views.add(jedis.lrange("shared", 0, -1));
                }
            }
            List<String> list = views.get(0);
            assertThat(views).allSatisfy(view -> assertThat(view).isEqualTo(list));
            assertThat(list).hasSize(2 * perNode);
            assertThat(new HashSet<>(list)).hasSize(2 * perNode);
            for (int node : List.of(1, 3)) {
                String prefix = "n" + node + ":";
                List<String> own = list.stream().filter(e -> e.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perNode; i++) {
                    expected.add(prefix + i);
                }
                assertThat(own).as("node %d's pushes in the order it made them", node).isEqualTo(expected);
            }
        }
    }
}
