package io.ringkv.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Fsync of a directory, so that a created, renamed or deleted file survives a power loss. */
final class DirectorySync {
    private DirectorySync() {
    }

    static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms refuse to open a directory; the rename itself is still atomic there.
            if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
                return;
            }
            throw e;
        }
    }
}
