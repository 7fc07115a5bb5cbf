package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * redis-py (Debian's python3-redis; .ci/run installs it) against a real node: each script in
 * {@code src/test/python} sends every command of a type and checks the replies and errors Redis 7
 * gives for the same calls (the scripts pass against a redis-server too).
 */
class RedisPyTest {
    /** Debian's interpreter, which has python3-redis, ahead of whatever python3 the PATH finds first. */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    Path dataDir;

    private RingkvNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash", "set", "list", "transaction", "pubsub", "keyspace"})
    void everyCommandOfTheTypeThroughRedisPy(String type) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "src/test/python/" + type + "_commands.py", String.valueOf(node.respPort()))
                .redirectErrorStream(true).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(type + " commands: all hold");
    }
}
