package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A node refuses to start on an AOF corrupted mid-file, says where, and --repair-aof gets past it. */
class CorruptAofTest {
    private static final int KEYS = 1_000;

    @TempDir
    Path workDir;

    @Test
    void corruptionInTheMiddleRefusesToStartNamingFileAndOffset() throws Exception {
        try (NodeProcess node = NodeProcess.start(workDir, "--appendfsync", "always");
             Jedis jedis = new Jedis("127.0.0.1", node.respPort())) {
            for (int i = 0; i < KEYS; i++) {
                jedis.set("key" + i, "value" + i);
            }
            node.stop();
        }
        Path aof = onlyAof(workDir.resolve("data"));
        long size = Files.size(aof);
        flipBytes(aof, size / 2);

        NodeProcess refused = NodeProcess.startExpectingExit(workDir, "--appendfsync", "always");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains(aof.getFileName().toString()).containsPattern("offset \\d+")
                .contains("--repair-aof");

        try (NodeProcess repaired = NodeProcess.start(workDir, "--repair-aof");
             Jedis jedis = new Jedis("127.0.0.1", repaired.respPort())) {
            assertThat(jedis.get("key0")).isEqualTo("value0");
            assertThat(jedis.get("key" + (KEYS / 4))).isEqualTo("value" + (KEYS / 4));
            assertThat(jedis.get("key" + (KEYS - 1))).isNull();
        }
    }

    private static Path onlyAof(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            List<Path> aofs = files.filter(p -> p.getFileName().toString().startsWith("aof")).toList();
            assertThat(aofs).hasSize(1);
            return aofs.get(0);
        }
    }

    private static void flipBytes(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(8);
            channel.read(buffer, offset);
            for (int i = 0; i < 8; i++) {
                buffer.put(i, (byte) ~buffer.get(i));
            }
            buffer.rewind();
            channel.write(buffer, offset);
            channel.force(true);
        }
    }
}
