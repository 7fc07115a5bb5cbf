package io.ringkv.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ringkv node in its own JVM, started as {@code ringkv node} with this test's classpath, on
 * ephemeral loopback ports. Output goes to files beside the data dir so a test can read it.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready: RESP 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private int respPort;

    private NodeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts a node and waits until it serves RESP. */
    static NodeProcess start(Path workDir, String... flags) throws IOException {
        NodeProcess node = launch(workDir, flags);
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> node.readyPort() > 0 || !node.process.isAlive());
        if (node.readyPort() <= 0) {
            throw new IllegalStateException("node did not start: " + node.stderr());
        }
        node.respPort = node.readyPort();
        return node;
    }

    /** Starts a node that is expected to refuse to start, and waits for its exit. */
    static NodeProcess startExpectingExit(Path workDir, String... flags) throws Exception {
        NodeProcess node = launch(workDir, flags);
        if (!node.process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            node.kill9();
            throw new IllegalStateException("node kept running: " + node.stdout());
        }
        return node;
    }

    private static NodeProcess launch(Path workDir, String... flags) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                RingkvCli.class.getName(), "node",
                "--resp-port", "0", "--grpc-port", "0", "--http-port", "0",
                "--data-dir", workDir.resolve("data").toString()));
        command.addAll(List.of(flags));
        Path out = Files.createTempFile(workDir, "node", ".out");
        Path err = Files.createTempFile(workDir, "node", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new NodeProcess(process, out, err);
    }

    private int readyPort() throws IOException {
        Matcher m = READY.matcher(stdout());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    int respPort() {
        return respPort;
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node closes cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
