package io.ringkv.cli;

import picocli.CommandLine.IVersionProvider;

/** One version string for every subcommand's {@code --version}. */
public final class RingkvVersion implements IVersionProvider {
    public static final String VERSION = "ringkv 0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {VERSION};
    }
}
