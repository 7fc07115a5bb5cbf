package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import redis.clients.jedis.Jedis;

/** Keys chosen by where the ring puts them, from {@code RING KEY}, for cluster tests. */
final class KeyPlacements {
    private KeyPlacements() {
    }

    /** The first of prefix0, prefix1, … that {@code node} is a replica of. */
    static String keyWithReplica(Jedis jedis, String prefix, int node) {
        for (int i = 0; i < 1_000; i++) {
            if (replicas(jedis, prefix + i).contains(node)) {
                return prefix + i;
            }
        }
        throw new AssertionError("no key " + prefix + "* on node " + node);
    }

    /** The first of prefix0, prefix1, … whose replicas are not exactly {@code others}. */
    static String keyAvoiding(Jedis jedis, String prefix, List<Integer> others) {
        for (int i = 0; i < 1_000; i++) {
            if (!new HashSet<>(replicas(jedis, prefix + i)).equals(new HashSet<>(others))) {
                return prefix + i;
            }
        }
        throw new AssertionError("every " + prefix + "* key is on " + others);
    }

    /** The key's replicas from {@code RING KEY}'s {@code replicas=1,4,5} line. */
    static List<Integer> replicas(Jedis jedis, String key) {
        String reply = new String((byte[]) jedis.sendCommand(() -> "RING".getBytes(StandardCharsets.US_ASCII), "KEY", key),
                StandardCharsets.UTF_8);
        List<Integer> ids = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (line.startsWith("replicas=")) {
                for (String id : line.substring("replicas=".length()).trim().split(",")) {
                    ids.add(Integer.parseInt(id.trim()));
                }
            }
        }
        assertThat(ids).as("replicas of %s in %s", key, reply).hasSize(3);
        return ids;
    }
}
