package io.ringkv.cli.shell;

import java.util.List;

/** The data commands and {@code consistency}: everything that depends on the session's levels. */
final class DataActions {
    private DataActions() {
    }

    /** The action for data command {@code name} (one of {@link DataCommands#NAMES}). */
    static ShellAction data(String name) {
        return (session, args) -> {
            DataRequest request = DataCommands.translate(name, args, session.consistency());
            if (session.tracing) {
                // Tracing is per connection on the server; saying it again survives a reconnect.
                session.connection.call("TRACING", "ON");
            }
            Object reply = session.connection.call(request.serverArgs().toArray(String[]::new));
            boolean ok = session.printReply(reply, request.maxItemsShown());
            if (session.tracing) {
                session.printReply(session.connection.call("TRACING", "LAST"), DataRequest.ALL_ITEMS);
            }
            return ok;
        };
    }

    static boolean consistency(ShellSession session, List<String> args) {
        ConsistencySettings updated = session.consistency().apply(args);
        session.consistency(updated);
        session.out.println((args.isEmpty() ? "" : "consistency now ") + updated.describe());
        return true;
    }
}
