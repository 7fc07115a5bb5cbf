package io.ringkv.coordinator.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzzing the decoder: any valid request in any fragmentation, and garbage that must only fail cleanly. */
class RespDecoderProperties {
    private static final RespLimits LIMITS = new RespLimits(4096, 64, 256);

    @Property(tries = 300)
    void anyArgumentsInAnyFragmentsDecodeExactly(@ForAll("args") List<byte[]> args,
                                                 @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 64) Integer> cuts) {
        byte[] encoded = encode(args);
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        int position = 0;
        for (int cut : cuts) {
            int end = Math.min(encoded.length, position + cut);
            channel.writeInbound(Unpooled.wrappedBuffer(encoded, position, end - position));
            position = end;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(encoded, position, encoded.length - position));
        RespCommand decoded = channel.readInbound();
        assertThat(decoded).isEqualTo(new RespCommand(args.toArray(byte[][]::new)));
        assertThat(channel.finish()).isFalse();
    }

    @Property(tries = 500)
    void garbageFailsOnlyWithAProtocolErrorAndWithinLimits(@ForAll("garbage") byte[] garbage) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(LIMITS));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(garbage));
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(RespProtocolException.class);
        }
        for (int i = 0; i < 1_000; i++) {
            RespCommand command = channel.readInbound();
            if (command == null) {
                break;
            }
            assertThat(command.argCount()).isLessThanOrEqualTo(LIMITS.maxArrayLength());
            for (byte[] arg : command.args()) {
                assertThat(arg.length).isLessThanOrEqualTo(Math.max(LIMITS.maxBulkBytes(), LIMITS.maxInlineBytes()));
            }
        }
        channel.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<List<byte[]>> args() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(100).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> respLike = Arbitraries.strings().withChars("*$\r\n-0123456789abc ").ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(random, respLike);
    }

    private static byte[] encode(List<byte[]> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(arg);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
