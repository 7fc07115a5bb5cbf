package io.ringkv.storage;

/** When the append-only file is fsynced, with Redis's names and meanings. */
public enum AppendFsync {
    /** Before a write is acknowledged; concurrent writes share one fsync (group commit). */
    ALWAYS,
    /** About once a second, by the writer thread; a crash can lose the last second. */
    EVERYSEC,
    /** Never explicitly; the OS decides. */
    NO;

    public static AppendFsync parse(String text) {
        for (AppendFsync mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("appendfsync must be always, everysec or no, got '" + text + "'");
    }
}
