package io.ringkv.coordinator.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One client request: the command name and its arguments, as raw bytes. */
public final class RespCommand {
    private final byte[][] args;

    public RespCommand(byte[][] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command has at least a name");
        }
        this.args = args;
    }

    public static RespCommand of(String... words) {
        byte[][] args = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            args[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return new RespCommand(args);
    }

    public byte[] arg(int index) {
        return args[index];
    }

    public int argCount() {
        return args.length;
    }

    /** The arguments from index {@code first} on (the fields, members or keys a command names). */
    public java.util.List<byte[]> argsFrom(int first) {
        return java.util.List.of(Arrays.copyOfRange(args, first, args.length));
    }

    /** The arguments array itself; callers must not modify it. */
    public byte[][] args() {
        return args;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RespCommand other && Arrays.deepEquals(args, other.args);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(args);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (byte[] arg : args) {
            out.append(out.length() == 0 ? "" : " ").append(new String(arg, StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
