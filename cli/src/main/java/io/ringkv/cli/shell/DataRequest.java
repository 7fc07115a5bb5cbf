package io.ringkv.cli.shell;

import java.util.List;

/**
 * A data command as it goes to the server ({@code CL <level> <COMMAND> args…}), and how many items
 * of an array reply to print (only {@code keys} limits it).
 */
record DataRequest(List<String> serverArgs, int maxItemsShown) {
    static final int ALL_ITEMS = Integer.MAX_VALUE;

    DataRequest {
        serverArgs = List.copyOf(serverArgs);
    }
}
