package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The bench counts replies by their boundaries alone, so every boundary must be found exactly. */
class ReplyScannerProperties {

    @Property(tries = 300)
    void findsTheEndOfEveryReplyInAStream(@ForAll("replies") List<String> replies) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        for (String reply : replies) {
            stream.writeBytes(reply.getBytes(StandardCharsets.UTF_8));
            ends.add(stream.size());
        }
        byte[] bytes = stream.toByteArray();
        int position = 0;
        for (int end : ends) {
            position = ReplyScanner.end(bytes, position, bytes.length);
            assertThat(position).isEqualTo(end);
        }
    }

    @Property(tries = 300)
    void everyStrictPrefixIsIncomplete(@ForAll("reply") String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < bytes.length; cut++) {
            assertThat(ReplyScanner.end(bytes, 0, cut)).as("first %d bytes", cut).isEqualTo(ReplyScanner.INCOMPLETE);
        }
        assertThat(ReplyScanner.end(bytes, 0, bytes.length)).isEqualTo(bytes.length);
    }

    @Example
    void errorsAreRecognisedWithTheirText() {
        byte[] simple = "-UNAVAILABLE QUORUM needs 2, 1 alive\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReplyScanner.isError(simple, 0)).isTrue();
        assertThat(ReplyScanner.errorText(simple, 0, simple.length)).isEqualTo("UNAVAILABLE QUORUM needs 2, 1 alive");
        byte[] bulk = "!22\r\nTIMEOUT ALL got 1 of 3\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReplyScanner.isError(bulk, 0)).isTrue();
        assertThat(ReplyScanner.errorText(bulk, 0, bulk.length)).isEqualTo("TIMEOUT ALL got 1 of 3");
        byte[] ok = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReplyScanner.isError(ok, 0)).isFalse();
    }

    @Example
    void refusesWhatIsNotResp() {
        byte[] garbage = "hello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ReplyScanner.end(garbage, 0, garbage.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<List<String>> replies() {
        return reply().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> reply() {
        // Scalars three times as often as aggregates keeps the nesting finite.
        return Arbitraries.frequencyOf(Tuple.of(3, scalar()), Tuple.of(1, Arbitraries.lazy(this::aggregate)));
    }

    private static Arbitrary<String> scalar() {
        Arbitrary<String> text = Arbitraries.strings().withChars("abc xyz\r\n\u00e9").ofMaxLength(30);
        Arbitrary<String> line = Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(20);
        return Arbitraries.oneOf(
                line.map(s -> "+" + s + "\r\n"),
                line.map(s -> "-ERR " + s + "\r\n"),
                Arbitraries.longs().map(n -> ":" + n + "\r\n"),
                text.map(s -> "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n"),
                text.map(s -> "!" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n"),
                Arbitraries.just("$-1\r\n"),
                Arbitraries.just("*-1\r\n"),
                Arbitraries.just("_\r\n"),
                Arbitraries.of("#t\r\n", "#f\r\n", ",1.5\r\n", "(12345678901234567890\r\n"));
    }

    private Arbitrary<String> aggregate() {
        return Arbitraries.of('*', '~', '>', '%').flatMap(type -> {
            int width = type == '%' ? 2 : 1;
            return reply().list().ofMaxSize(4 * width)
                    .map(items -> items.subList(0, items.size() - items.size() % width))
                    .map(items -> type + String.valueOf(items.size() / width) + "\r\n" + String.join("", items));
        });
    }
}
