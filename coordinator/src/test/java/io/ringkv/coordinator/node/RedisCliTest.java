package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * The real redis-cli (Debian's redis-tools; .ci/run installs it) against a node: one-shot
 * commands, and a pipe of many commands on stdin.
 */
class RedisCliTest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

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

    @Test
    void stringsCountersAndTtlsFromTheCommandLine() throws Exception {
        assertThat(cli("SET", "city", "Lisbon")).isEqualTo("OK");
        assertThat(cli("GET", "city")).isEqualTo("Lisbon");
        assertThat(cli("INCR", "visits")).isEqualTo("1");
        assertThat(cli("INCRBY", "visits", "9")).isEqualTo("10");
        assertThat(cli("EXPIRE", "city", "120")).isEqualTo("1");
        assertThat(Long.parseLong(cli("TTL", "city"))).isBetween(119L, 120L);
        assertThat(cli("DEL", "city")).isEqualTo("1");
        assertThat(cli("GET", "city")).isEmpty();
        assertThat(cli("EXISTS", "city")).isEqualTo("0");
        assertThat(cli("INCR", "visits", "extra")).isEqualTo("ERR wrong number of arguments for 'incr' command");
    }

    @Test
    void manyCommandsPipedOnStdinAllApply() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            script.append("SET piped:").append(i).append(' ').append(i).append('\n');
            script.append("INCR piped-counter\n");
        }
        String output = run(script.toString(), "redis-cli", "-p", String.valueOf(node.respPort()));
        assertThat(output.lines().filter(l -> l.equals("OK")).count()).isEqualTo(2000);
        assertThat(cli("GET", "piped-counter")).isEqualTo("2000");
        assertThat(cli("GET", "piped:1999")).isEqualTo("1999");
        assertThat(cli("DBSIZE")).isEqualTo("2001");
    }

    private String cli(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(node.respPort())));
        args.addAll(List.of(command));
        return run("", args.toArray(String[]::new)).strip();
    }

    private static String run(String stdin, String... command) throws Exception {
        return assertTimeoutPreemptively(CLI_TIMEOUT, () -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                // Written from another thread so a full output pipe cannot deadlock us.
                Thread writer = new Thread(() -> writeStdin(process, stdin), "redis-cli-stdin");
                writer.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                writer.join(CLI_TIMEOUT.toMillis());
                return output;
            } finally {
                process.destroyForcibly();
            }
        });
    }

    private static void writeStdin(Process process, String stdin) {
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
