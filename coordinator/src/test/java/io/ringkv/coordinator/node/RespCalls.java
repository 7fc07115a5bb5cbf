package io.ringkv.coordinator.node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import redis.clients.jedis.Jedis;

/** Commands Jedis has no method for (CL, REPAIR, RING), sent raw, with text answers. */
public final class RespCalls {
    private RespCalls() {
    }

    /** {@code CL <level> <command…>}: the answer as text, or null for a nil reply. */
    public static String cl(Jedis jedis, String level, String... command) {
        String[] args = new String[command.length + 1];
        args[0] = level;
        System.arraycopy(command, 0, args, 1, command.length);
        return text(jedis.sendCommand(() -> "CL".getBytes(StandardCharsets.US_ASCII), args));
    }

    /** Any command: the answer as text, or null for a nil reply. */
    public static String command(Jedis jedis, String... args) {
        return text(jedis.sendCommand(() -> args[0].getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(args, 1, args.length)));
    }

    private static String text(Object reply) {
        if (reply == null) {
            return null;
        }
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
