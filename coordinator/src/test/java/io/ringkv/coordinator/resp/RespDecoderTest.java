package io.ringkv.coordinator.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder fed whole, split at every offset, byte by byte, pipelined, and broken. */
class RespDecoderTest {
    private static final RespLimits LIMITS = new RespLimits(1024, 16, 64);
    private static final String SET = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";

    @Test
    void aCommandSplitAtEveryOffsetDecodesTheSame() {
        byte[] bytes = SET.getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split < bytes.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertThat((RespCommand) channel.readInbound()).as("split at %d", split).isEqualTo(RespCommand.of("SET", "key", "value"));
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void aCommandFedOneByteAtATimeDecodes() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        for (byte b : SET.getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("SET", "key", "value"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pipelinedCommandsDecodeInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        channel.writeInbound(ascii(SET + "*1\r\n$4\r\nPING\r\n*0\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\n"));
        assertThat(readAll(channel)).containsExactly(RespCommand.of("SET", "key", "value"), RespCommand.of("PING"),
                RespCommand.of("GET", ""));
    }

    @Test
    void inlineCommandsSplitOnBlanks() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        channel.writeInbound(ascii("SET  a\tb\r\n\r\nPING\n"));
        assertThat(readAll(channel)).containsExactly(RespCommand.of("SET", "a", "b"), RespCommand.of("PING"));
    }

    @Test
    void aBulkLengthOverTheLimitFailsAtOnceWithTheNumbers() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        assertThatThrownBy(() -> channel.writeInbound(ascii("*1\r\n$2000000000\r\n")))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(RespProtocolException.class)
                .hasRootCauseMessage("ERR Protocol error: bulk length 2000000000 (expected: <= 1024)");
    }

    @Test
    void anArrayLengthOverTheLimitFails() {
        assertProtocolError("*17\r\n", "invalid multibulk length 17 (expected: <= 16)");
    }

    @Test
    void nestedArraysAreRejected() {
        assertProtocolError("*1\r\n*1\r\n*1\r\n", "expected '$', got '*'");
    }

    @Test
    void negativeAndGarbageLengthsAreRejected() {
        assertProtocolError("*1\r\n$-3\r\n", "invalid bulk length");
        assertProtocolError("*x\r\n", "invalid multibulk length");
        assertProtocolError("*1\r\n$12a\r\n", "invalid bulk length");
    }

    @Test
    void anEndlessHeaderLineIsRejectedWithoutBuffering() {
        assertProtocolError("*" + "9".repeat(40), "invalid multibulk length");
        assertProtocolError("a".repeat(100), "too big inline request");
    }

    @Test
    void aBulkNotFollowedByCrlfIsRejected() {
        assertProtocolError("*1\r\n$3\r\nGETXX", "bulk string not terminated by CRLF");
    }

    @Test
    void nothingIsDecodedAfterAProtocolError() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        assertThatThrownBy(() -> channel.writeInbound(ascii("*1\r\n$-3\r\n"))).isInstanceOf(DecoderException.class);
        channel.writeInbound(ascii("*1\r\n$4\r\nPING\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
    }

    private static void assertProtocolError(String input, String detail) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        assertThatThrownBy(() -> channel.writeInbound(ascii(input)))
                .hasRootCauseMessage("ERR Protocol error: " + detail);
    }

    static io.netty.buffer.ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    static List<RespCommand> readAll(EmbeddedChannel channel) {
        List<RespCommand> out = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            RespCommand command = channel.readInbound();
            if (command == null) {
                break;
            }
            out.add(command);
        }
        return out;
    }
}
