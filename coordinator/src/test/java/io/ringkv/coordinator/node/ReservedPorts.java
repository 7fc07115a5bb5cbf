package io.ringkv.coordinator.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers that must be told their port before they start (a node that
 * restarts on the same address, a peer list written ahead). A port taken with bind-to-0 and
 * closed again can be handed by the kernel to the next outgoing connection before our server
 * binds it (CI saw exactly that as "Address already in use"), so these come from below the
 * kernel's ephemeral range, where neither port-0 binds nor outgoing connections land.
 */
public final class ReservedPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> handedOut = new HashSet<>();

    private ReservedPorts() {
    }

    /** A port free on 127.0.0.1 now, outside the ephemeral range, not handed out before in this JVM. */
    public static synchronized int next() throws IOException {
        int highest = ephemeralLow() - 1;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!handedOut.contains(port) && isFree(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IOException("no free loopback port in " + LOWEST + ".." + highest + " after " + ATTEMPTS + " tries");
    }

    static int ephemeralLow() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return Math.max(LOWEST + 1_000, Integer.parseInt(range[0]));
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
