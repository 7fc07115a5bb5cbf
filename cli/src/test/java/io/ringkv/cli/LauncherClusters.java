package io.ringkv.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The launcher clusters of a test, each in a data directory of its own: after the test, every one
 * is stopped ({@code cluster down}) and its directory deleted.
 * <pre>{@code @RegisterExtension final LauncherClusters clusters = new LauncherClusters();}</pre>
 */
final class LauncherClusters implements AfterEachCallback {
    private final List<LauncherCluster> started = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    /** As {@link LauncherCluster#start}, in a fresh directory. */
    LauncherCluster start(int nodes, String... flags) throws IOException {
        Path dataDir = Files.createTempDirectory("ringkv-cluster");
        directories.add(dataDir);
        LauncherCluster cluster = LauncherCluster.start(dataDir, nodes, flags);
        started.add(cluster);
        return cluster;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        started.forEach(LauncherCluster::close);
        started.clear();
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        directories.clear();
    }
}
