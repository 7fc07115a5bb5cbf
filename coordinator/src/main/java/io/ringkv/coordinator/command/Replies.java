package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reply values commands build, with the frequent ones shared rather than allocated per reply. */
public final class Replies {
    private static final Reply OK = Reply.SimpleString.of("OK");
    private static final Reply PONG = Reply.SimpleString.of("PONG");
    private static final Reply NIL = new Reply.NullReply(false);
    private static final Reply NULL_ARRAY = new Reply.NullReply(true);
    private static final Reply ZERO = new Reply.IntegerReply(0);
    private static final Reply ONE = new Reply.IntegerReply(1);

    private Replies() {
    }

    public static Reply ok() {
        return OK;
    }

    public static Reply pong() {
        return PONG;
    }

    public static Reply nil() {
        return NIL;
    }

    public static Reply nullArray() {
        return NULL_ARRAY;
    }

    public static Reply zero() {
        return ZERO;
    }

    public static Reply one() {
        return ONE;
    }

    public static Reply integer(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Reply.IntegerReply(value);
    }

    public static Reply simple(String text) {
        return Reply.SimpleString.of(text);
    }

    /** An already-computed reply, as commands return it. */
    public static java.util.concurrent.CompletionStage<Reply> done(Reply reply) {
        return java.util.concurrent.CompletableFuture.completedFuture(reply);
    }

    public static Reply error(String line) {
        return new Reply.ErrorReply(line);
    }

    public static Reply bulk(byte[] bytes) {
        return new Reply.BulkString(bytes);
    }

    /** A bulk string, or nil for null (a missing key or field). */
    public static Reply bulkOrNil(byte[] bytes) {
        return bytes == null ? NIL : bulk(bytes);
    }

    public static Reply bulk(String text) {
        return new Reply.BulkString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Long text such as INFO: a bulk string in both protocols. */
    public static Reply verbatim(String text) {
        return bulk(text);
    }

    public static Reply array(List<Reply> items) {
        return new Reply.ArrayReply(items);
    }

    /** An unordered collection: a set in RESP3, an array in RESP2 (SMEMBERS). */
    public static Reply set(List<Reply> items) {
        return new Reply.SetReply(items);
    }

    /** Alternating keys and values: a map in RESP3, a flat array in RESP2 (HGETALL). */
    public static Reply pairs(List<Reply> keysAndValues) {
        return new Reply.PairsReply(keysAndValues);
    }

    public static Reply map(Map<String, Reply> fields) {
        return new Reply.MapReply(fields);
    }
}
