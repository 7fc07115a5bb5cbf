package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Malformed RESP, oversized lengths, deep nesting and binary garbage sent to a live node: the
 * offending connection gets an error and is closed, and the node keeps serving everyone else.
 */
class BadInputTest {
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    @TempDir
    Path dataDir;

    private RingkvNode node;
    private Jedis bystander;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dataDir, "max_value_bytes", "1048576");
        bystander = new Jedis("127.0.0.1", node.respPort());
        bystander.set("survivor", "still here");
    }

    @AfterEach
    void stop() throws Exception {
        bystander.close();
        node.close();
    }

    @Test
    void hugeBulkLengthIsRefusedWithTheNumbersBeforeAnyAllocation() throws Exception {
        String reply = sendRaw("*2\r\n$3\r\nGET\r\n$2000000000\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).startsWith("-ERR Protocol error").contains("2000000000");
        assertNodeStillServes();
    }

    @Test
    void absurdArrayLengthIsRefused() throws Exception {
        String reply = sendRaw("*9999999999\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).startsWith("-ERR Protocol error");
        assertNodeStillServes();
    }

    @Test
    void deeplyNestedArraysAreRefused() throws Exception {
        String reply = sendRaw("*1\r\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).startsWith("-ERR Protocol error");
        assertNodeStillServes();
    }

    @Test
    void negativeAndNonNumericLengthsAreRefused() throws Exception {
        assertThat(sendRaw("*1\r\n$-5\r\n".getBytes(StandardCharsets.US_ASCII))).startsWith("-ERR Protocol error");
        assertThat(sendRaw("*1\r\n$abc\r\n".getBytes(StandardCharsets.US_ASCII))).startsWith("-ERR Protocol error");
        assertNodeStillServes();
    }

    @Test
    void binaryGarbageNeverTakesTheNodeDown() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            garbage[0] = (byte) "*$+-:\u0000\u00ff".charAt(random.nextInt(7));
            // Garbage may parse as an unterminated inline command, so end our side to let the node close.
            sendRaw(garbage, true);
        }
        assertNodeStillServes();
    }

    @Test
    void valueOverTheConfiguredLimitIsAnErrorAndNothingIsStored() {
        String big = "x".repeat(1_048_577);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bystander.set("big", big))
                .hasMessageContaining("1048577").hasMessageContaining("1048576");
        assertNodeStillServes();
        assertThat(bystander.exists("big")).isFalse();
    }

    private void assertNodeStillServes() {
        assertThat(bystander.get("survivor")).isEqualTo("still here");
        try (Jedis fresh = new Jedis("127.0.0.1", node.respPort())) {
            assertThat(fresh.ping()).isEqualTo("PONG");
        }
    }

    /** Sends bytes, then reads what the node answers until it closes the connection (bounded). */
    private String sendRaw(byte[] bytes) throws IOException {
        return sendRaw(bytes, false);
    }

    private String sendRaw(byte[] bytes, boolean endInput) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.respPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                if (endInput) {
                    socket.shutdownOutput();
                }
            } catch (SocketException closedWhileWriting) {
                // The node may close as soon as it has seen enough; what it answered is still readable.
            }
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while (reply.size() < MAX_REPLY_BYTES && (n = in.read(buffer)) > 0) {
                reply.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the error reply is an acceptable way to close.
        }
        return reply.toString(StandardCharsets.ISO_8859_1);
    }
}
