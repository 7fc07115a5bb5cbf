package io.ringkv.coordinator.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyEncodingTest {

    @Test
    void scalarsEncodeAlikeInBothProtocols() {
        for (int version : new int[] {2, 3}) {
            assertThat(encode(Reply.SimpleString.of("OK"), version)).isEqualTo("+OK\r\n");
            assertThat(encode(new Reply.ErrorReply("ERR bad\r\nthing"), version)).isEqualTo("-ERR bad  thing\r\n");
            assertThat(encode(new Reply.IntegerReply(-42), version)).isEqualTo(":-42\r\n");
            assertThat(encode(new Reply.IntegerReply(1_000_000), version)).isEqualTo(":1000000\r\n");
            assertThat(encode(new Reply.BulkString("hé".getBytes(StandardCharsets.UTF_8)), version)).isEqualTo("$3\r\nhé\r\n");
        }
    }

    @Test
    void nullsDifferBetweenProtocols() {
        assertThat(encode(new Reply.NullReply(false), 2)).isEqualTo("$-1\r\n");
        assertThat(encode(new Reply.NullReply(true), 2)).isEqualTo("*-1\r\n");
        assertThat(encode(new Reply.NullReply(false), 3)).isEqualTo("_\r\n");
    }

    @Test
    void mapsAreFlatArraysInResp2() {
        Map<String, Reply> fields = new LinkedHashMap<>();
        fields.put("proto", new Reply.IntegerReply(3));
        fields.put("modules", new Reply.ArrayReply(List.of()));
        assertThat(encode(new Reply.MapReply(fields), 3)).isEqualTo("%2\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
        assertThat(encode(new Reply.MapReply(fields), 2)).isEqualTo("*4\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
    }

    private static String encode(Reply reply, int version) {
        ByteBuf out = Unpooled.buffer();
        reply.encode(out, version);
        return new String(out.array(), out.arrayOffset(), out.readableBytes(), StandardCharsets.UTF_8);
    }
}
