package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replies compared with Redis 7's, recorded: each {@code docs/resp-diff/NAME.txt} (the command files
 * resp-diff.py sends to both servers) has Redis 7.0.15's replies beside it in
 * {@code NAME.redis7.txt}, one line per command, and a fresh node must give the same. To record
 * again against a running redis-server: {@code mvn -pl coordinator test
 * -Dtest=RecordedRepliesTest#record -Dringkv.record.redis=PORT} (flush it first).
 */
class RecordedRepliesTest {
    private static final Path FILES = Path.of("..", "docs", "resp-diff");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"hashes", "sets", "strings-keys", "config", "sort", "transactions", "pubsub", "lists"})
    void aFreshNodeRepliesAsRedisDid(String name) throws Exception {
        List<String> commands = commands(name);
        List<String> recorded = Files.readAllLines(FILES.resolve(name + ".redis7.txt")).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(recorded).as("recorded replies of %s.txt", name).hasSameSizeAs(commands);
        List<String> differences = new ArrayList<>();
        try (RingkvNode node = TestNode.start(dataDir)) {
            List<String> replies = replies(node.respPort(), commands);
            for (int i = 0; i < commands.size(); i++) {
                if (!replies.get(i).equals(recorded.get(i))) {
                    differences.add(commands.get(i) + "\n  redis:  " + recorded.get(i) + "\n  ringkv: " + replies.get(i));
                }
            }
        }
        assertThat(differences).as("%d commands of %s.txt", commands.size(), name).isEmpty();
    }

    @Test
    void record() throws IOException {
        String port = System.getProperty("ringkv.record.redis");
        assumeTrue(port != null, "records only when -Dringkv.record.redis=PORT names a running redis-server");
        String info = replies(Integer.parseInt(port), List.of("INFO server")).get(0);
        String version = info.replaceAll(".*redis_version:([0-9.]+).*", "$1");
        for (String name : List.of("hashes", "sets", "strings-keys", "config", "sort", "transactions", "pubsub", "lists")) {
            List<String> replies = new ArrayList<>();
            replies.add("# Redis " + version + "'s replies to " + name + ".txt, one line per command; recorded by RecordedRepliesTest#record");
            replies(Integer.parseInt(port), List.of("FLUSHALL"));
            replies.addAll(replies(Integer.parseInt(port), commands(name)));
            Files.write(FILES.resolve(name + ".redis7.txt"), replies);
        }
    }

    private static List<String> commands(String name) throws IOException {
        return Files.readAllLines(FILES.resolve(name + ".txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static List<String> replies(int port, List<String> commands) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String command : commands) {
                out.write(encode(CommandLine.split(command)));
                out.flush();
                replies.add(render(in));
            }
        }
        return replies;
    }

    private static byte[] encode(List<String> args) {
        StringBuilder out = new StringBuilder("*" + args.size() + "\r\n");
        for (String arg : args) {
            out.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One RESP2 reply as one line: +simple, -error, :integer, "bulk" (escaped), nil, [items]. */
    private static String render(InputStream in) throws IOException {
        String line = readLine(in);
        char kind = line.charAt(0);
        String rest = line.substring(1);
        return switch (kind) {
            case '+', '-', ':' -> line;
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield "nil";
                }
                byte[] data = in.readNBytes(length + 2);
                yield '"' + escape(new String(data, 0, length, StandardCharsets.UTF_8)) + '"';
            }
            case '*' -> {
                int count = Integer.parseInt(rest);
                if (count < 0) {
                    yield "nil";
                }
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(render(in));
                }
                yield "[" + String.join(", ", items) + "]";
            }
            default -> throw new IOException("unexpected reply " + line);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits a command line as a shell would: words, "double quoted" (with \ escapes) or 'single quoted'. */
    static final class CommandLine {
        private CommandLine() {
        }

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else if (c == '"' || c == '\'') {
                    word = word == null ? new StringBuilder() : word;
                    for (i++; i < line.length() && line.charAt(i) != c; i++) {
                        char q = line.charAt(i);
                        if (c == '"' && q == '\\' && i + 1 < line.length()) {
                            q = line.charAt(++i);
                        }
                        word.append(q);
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
