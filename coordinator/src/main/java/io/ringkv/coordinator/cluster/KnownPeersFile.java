package io.ringkv.coordinator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers a node has heard of, kept in {@code peers.txt} in its data directory so that after a
 * restart it knows the ring before any gossip. One line per peer:
 * {@code id state host grpcPort respPort token,token,...}. Written to a temp file and renamed, so
 * the file is always whole; a missing file means no peers known.
 */
public final class KnownPeersFile {
    private final Path file;

    public KnownPeersFile(Path dataDir) {
        this.file = dataDir.resolve("peers.txt");
    }

    public List<EndpointInfo> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<EndpointInfo> peers = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    peers.add(parse(line));
                }
            }
            return peers;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the known peers in " + file + ": " + e.getMessage()
                    + " (delete it to learn the peers from gossip again)", e);
        }
    }

    private static EndpointInfo parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields in '" + line + "'");
        }
        List<Long> tokens = new ArrayList<>();
        for (String token : f[5].split(",")) {
            tokens.add(Long.parseLong(token));
        }
        return new EndpointInfo(Integer.parseInt(f[0]), 0, 0, EndpointInfo.NodeState.valueOf(f[1]), f[2],
                Integer.parseInt(f[3]), Integer.parseInt(f[4]), tokens);
    }

    public synchronized void save(List<EndpointInfo> peers) {
        StringBuilder text = new StringBuilder();
        for (EndpointInfo peer : peers) {
            if (peer.tokens().isEmpty()) {
                continue;
            }
            text.append(peer.nodeId()).append(' ').append(peer.state()).append(' ').append(peer.host()).append(' ')
                    .append(peer.grpcPort()).append(' ').append(peer.respPort()).append(' ');
            for (int i = 0; i < peer.tokens().size(); i++) {
                text.append(i == 0 ? "" : ",").append(peer.tokens().get(i));
            }
            text.append('\n');
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the known peers to " + file, e);
        }
    }
}
