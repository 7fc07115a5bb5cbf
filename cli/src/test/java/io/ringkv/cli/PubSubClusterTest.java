package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisProtocol;

/**
 * Pub/sub across three node processes started through the launcher: subscribers on every node
 * (one speaking RESP3) receive every message published through any node exactly once and in
 * each publisher's order, PUBLISH counts receivers cluster-wide, PUBSUB NUMSUB adds up the nodes,
 * a subscriber on node 2 that stops reading is disconnected without growing that node's memory,
 * and keyspace events of commands through node 1 (an expiry's from one replica) reach node 2.
 */
class PubSubClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int NODES = 3;
    private static final int MESSAGES_PER_PUBLISHER = 300;

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void everySubscriberOnEveryNodeGetsEveryMessageOnceInPublisherOrder() throws Exception {
        cluster = clusters.start(NODES);
        ExecutorService pool = Executors.newFixedThreadPool(2 * NODES);
        List<Recorder> recorders = new ArrayList<>();
        List<Jedis> subscribers = new ArrayList<>();
        try {
            for (int node = 1; node <= NODES; node++) {
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                Jedis subscriber = node == 3
                        ? new Jedis(new HostAndPort("127.0.0.1", cluster.respPort(node)),
                                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())
                        : cluster.node(node);
                subscribers.add(subscriber);
                pool.submit(() -> subscriber.subscribe(recorder, "feed"));
            }
            try (Jedis node1 = cluster.node(1)) {
                await().atMost(TIMEOUT).until(() -> node1.pubsubNumSub("feed").get("feed") == NODES);
                assertThat(node1.pubsubChannels("fe*")).containsExactly("feed");
            }
            List<Future<List<Long>>> publishers = new ArrayList<>();
            for (int node = 1; node <= NODES; node++) {
                int publisher = node;
                publishers.add(pool.submit(() -> publish(publisher)));
            }
            for (Future<List<Long>> counts : publishers) {
                assertThat(counts.get(120, TimeUnit.SECONDS)).as("PUBLISH replies").containsOnly((long) NODES);
            }
            for (int node = 1; node <= NODES; node++) {
                Recorder recorder = recorders.get(node - 1);
                await().atMost(TIMEOUT).until(() -> recorder.messages.size() >= NODES * MESSAGES_PER_PUBLISHER);
                assertThat(recorder.messages).as("subscriber on node %d", node).hasSize(NODES * MESSAGES_PER_PUBLISHER);
                for (int publisher = 1; publisher <= NODES; publisher++) {
                    String prefix = "p" + publisher + ":";
                    List<String> fromPublisher = recorder.messages.stream().filter(m -> m.startsWith(prefix)).toList();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < MESSAGES_PER_PUBLISHER; i++) {
                        expected.add(prefix + i);
                    }
                    assertThat(fromPublisher).as("node %d's subscriber, messages of publisher %d", node, publisher)
                            .isEqualTo(expected);
                }
            }
            recorders.forEach(JedisPubSub::unsubscribe);
            try (Jedis node2 = cluster.node(2)) {
                await().atMost(TIMEOUT).until(() -> node2.pubsubNumSub("feed").get("feed") == 0L);
            }
        } finally {
            subscribers.forEach(Jedis::close);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void keyspaceEventsOfCommandsThroughNode1ReachASubscriberOfNode2() throws Exception {
        cluster = clusters.start(NODES);
        for (int node = 1; node <= NODES; node++) {
            try (Jedis jedis = cluster.node(node)) {
                assertThat(jedis.configSet("notify-keyspace-events", "KEA")).isEqualTo("OK");
            }
        }
        List<String> events = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                events.add(channel.substring("__keyevent@0__:".length()) + " " + message);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Jedis subscriber = cluster.node(2); Jedis node1 = cluster.node(1)) {
            pool.submit(() -> subscriber.psubscribe(listener, "__keyevent@0__:*"));
            await().atMost(TIMEOUT).until(() -> node1.pubsubNumPat() == 1L);
            node1.set("greeting", "hello");
            node1.hset("profile", "name", "ada");
            node1.del("greeting");
            node1.set("session", "token");
            node1.pexpire("session", 200);
            await().atMost(TIMEOUT).until(() -> events.contains("expired session"));
            assertThat(events).containsExactly("set greeting", "hset profile", "del greeting", "set session",
                    "expire session", "expired session");
            listener.punsubscribe();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsCutOffWithoutGrowingItsNode() throws Exception {
        cluster = clusters.start(2);
        long rssBefore = rssKiB(2);
        try (Socket stalled = stalledSocket(cluster.respPort(2));
             Jedis publisher = cluster.node(1)) {
            send(stalled.getOutputStream(), "SUBSCRIBE", "firehose");
            await().atMost(TIMEOUT).until(() -> publisher.pubsubNumSub("firehose").get("firehose") == 1L);
            String message = "x".repeat(64 * 1024);
            int published = 0;
            while (publisher.pubsubNumSub("firehose").get("firehose") == 1L && published < 20_000) {
                publisher.publish("firehose", message);
                published++;
            }
            assertThat(publisher.pubsubNumSub("firehose").get("firehose")).as("after %d messages of 64 KiB", published).isZero();
            long rssAfter = rssKiB(2);
            System.out.printf("stalled subscriber cut after %d messages of 64 KiB (%d MiB); node 2 RSS %d -> %d MiB%n",
                    published, published / 16, rssBefore / 1024, rssAfter / 1024);
            assertThat(published).as("messages before the cut (32 MiB limit plus the kernel's socket buffers)").isLessThan(4_000);
            assertThat(rssAfter - rssBefore).as("node 2's RSS growth, KiB").isLessThan(256 * 1024);
        }
    }

    private List<Long> publish(int node) {
        List<Long> counts = new ArrayList<>();
        try (Jedis publisher = cluster.node(node)) {
            for (int i = 0; i < MESSAGES_PER_PUBLISHER; i++) {
                counts.add(publisher.publish("feed", "p" + node + ":" + i));
            }
        }
        return counts;
    }

    private long rssKiB(int node) throws IOException {
        long pid = cluster.pid(node);
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** A connection with a small receive buffer, set before connecting so the kernel keeps to it. */
    private static Socket stalledSocket(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            command.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static final class Recorder extends JedisPubSub {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String channel, String message) {
            messages.add(message);
        }
    }
}
