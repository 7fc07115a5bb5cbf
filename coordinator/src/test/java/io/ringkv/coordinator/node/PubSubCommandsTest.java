package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;

/**
 * Pub/sub on one node through Jedis's own subscriber class, RESP3 push frames on a raw socket, and
 * the output limit that disconnects a subscriber that stops reading. Single-reply sequences are
 * compared with Redis's in RecordedRepliesTest (docs/resp-diff/pubsub.txt).
 */
class PubSubCommandsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final JedisNode server = new JedisNode();

    @TempDir
    Path otherDir;

    @Test
    void messagesReachChannelAndPatternSubscribersInPublicationOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + ":" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(pattern + ">" + channel + ":" + message);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Jedis subscriber = new Jedis("127.0.0.1", server.port())) {
            pool.submit(() -> subscriber.subscribe(listener, "news", "sport"));
            await().atMost(TIMEOUT).until(() -> server.jedis().pubsubNumSub("news").get("news") == 1L);
            listener.psubscribe("n*");
            await().atMost(TIMEOUT).until(() -> server.jedis().pubsubNumPat() == 1L);
            assertThat(server.jedis().pubsubChannels()).containsExactlyInAnyOrder("news", "sport");
            assertThat(server.jedis().publish("news", "first")).as("channel and pattern subscription").isEqualTo(2);
            assertThat(server.jedis().publish("sport", "second")).isEqualTo(1);
            for (int i = 0; i < 100; i++) {
                server.jedis().publish("news", "n" + i);
            }
            assertThat(server.jedis().publish("weather", "nobody")).isZero();
            await().atMost(TIMEOUT).until(() -> received.size() == 203);
            assertThat(received.subList(0, 3)).containsExactly("news:first", "n*>news:first", "sport:second");
            List<String> direct = received.stream().filter(m -> m.startsWith("news:n")).toList();
            assertThat(direct).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(direct.get(i)).isEqualTo("news:n" + i);
            }
            listener.unsubscribe();
            listener.punsubscribe();
            await().atMost(TIMEOUT).until(() -> !listener.isSubscribed());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        await().atMost(TIMEOUT).until(() -> server.jedis().pubsubNumSub("news").get("news") == 0L);
    }

    @Test
    void shardChannelsAreANamespaceOfTheirOwn() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        JedisShardedPubSub listener = new JedisShardedPubSub() {
            @Override
            public void onSMessage(String channel, String message) {
                received.add(channel + ":" + message);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Jedis subscriber = new Jedis("127.0.0.1", server.port())) {
            pool.submit(() -> listener.proceed(subscriber.getConnection(), "orders"));
            await().atMost(TIMEOUT).until(() -> server.jedis().pubsubShardNumSub("orders").get("orders") == 1L);
            assertThat(server.jedis().pubsubShardChannels()).containsExactly("orders");
            assertThat(server.jedis().pubsubChannels()).isEmpty();
            assertThat(server.jedis().publish("orders", "plain")).as("PUBLISH does not reach shard subscribers").isZero();
            assertThat(server.jedis().sendCommand(Protocol.Command.SPUBLISH, "orders", "sharded")).isEqualTo(1L);
            await().atMost(TIMEOUT).until(() -> received.equals(List.of("orders:sharded")));
            listener.sunsubscribe();
            await().atMost(TIMEOUT).until(() -> !listener.isSubscribed());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void resp3SubscribersGetPushFramesAndMayRunOtherCommands() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(out, "HELLO", "3");
            readUntil(in, "ringkv_version");
            send(out, "SUBSCRIBE", "alerts");
            assertThat(read(in, ">3\r\n$9\r\nsubscribe\r\n$6\r\nalerts\r\n:1\r\n".length()))
                    .isEqualTo(">3\r\n$9\r\nsubscribe\r\n$6\r\nalerts\r\n:1\r\n");
            send(out, "SET", "k", "v");
            assertThat(read(in, 5)).as("RESP3 allows commands while subscribed").isEqualTo("+OK\r\n");
            assertThat(server.jedis().publish("alerts", "fire")).isEqualTo(1);
            String push = ">3\r\n$7\r\nmessage\r\n$6\r\nalerts\r\n$4\r\nfire\r\n";
            assertThat(read(in, push.length())).isEqualTo(push);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsDisconnectedAtTheOutputLimit() throws Exception {
        try (RingkvNode node = TestNode.start(otherDir, "pubsub_output_limit_bytes", "1048576");
             Jedis publisher = new Jedis("127.0.0.1", node.respPort());
             Socket stalled = stalledSocket(node.respPort())) {
            send(stalled.getOutputStream(), "SUBSCRIBE", "firehose");
            await().atMost(TIMEOUT).until(() -> publisher.pubsubNumSub("firehose").get("firehose") == 1L);
            String message = "x".repeat(64 * 1024);
            int published = 0;
            // Unbounded, the node would queue all 4,000 messages (250 MiB) for the stalled reader.
            // What gets through before the cut depends on the kernel's socket buffers (tens of MiB
            // on loopback), so the bound on it is loose.
            while (publisher.pubsubNumSub("firehose").get("firehose") == 1L && published < 4_000) {
                publisher.publish("firehose", message);
                published++;
            }
            assertThat(publisher.pubsubNumSub("firehose").get("firehose")).as("after %d messages of 64 KiB", published).isZero();
            assertThat((long) published * message.length()).as("bytes published before the cut").isGreaterThan(1_048_576L);
        }
    }

    /**
     * Below the hard limit, a subscriber that stays above the soft one for its seconds is cut: one
     * 64 KiB message every 10 ms fills the socket buffers, then the queue, and the cut comes about
     * a second after the queue passed 1 MiB, long before 64 MiB.
     */
    @Test
    void aSubscriberAboveTheSoftLimitForItsSecondsIsDisconnected() throws Exception {
        try (RingkvNode node = TestNode.start(otherDir, "pubsub_output_limit_bytes", "67108864",
                "pubsub_output_soft_limit_bytes", "1048576", "pubsub_output_soft_limit_seconds", "1");
             Jedis publisher = new Jedis("127.0.0.1", node.respPort());
             Socket stalled = stalledSocket(node.respPort())) {
            send(stalled.getOutputStream(), "SUBSCRIBE", "slow");
            await().atMost(TIMEOUT).until(() -> publisher.pubsubNumSub("slow").get("slow") == 1L);
            String message = "x".repeat(64 * 1024);
            long[] published = new long[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                publisher.publish("slow", message);
                published[0]++;
                return publisher.pubsubNumSub("slow").get("slow") == 0L;
            });
            assertThat(published[0] * message.length()).as("bytes published before the cut").isLessThan(64L << 20)
                    .isGreaterThan(1L << 20);
        }
    }

    /** A connection with a small receive buffer, set before connecting so the kernel keeps to it. */
    private static Socket stalledSocket(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private static void send(OutputStream out, String... args) throws Exception {
        StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            command.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String read(InputStream in, int bytes) throws Exception {
        return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    /** Reads up to and including the line after the one holding {@code marker} (HELLO's last field and its value). */
    private static void readUntil(InputStream in, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        int linesAfter = -1;
        while (linesAfter < 2 && seen.length() < 4096) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("closed after " + seen);
            }
            seen.append((char) b);
            if (b == '\n') {
                if (linesAfter >= 0) {
                    linesAfter++;
                } else if (seen.toString().endsWith(marker + "\r\n")) {
                    linesAfter = 0;
                }
            }
        }
    }
}
