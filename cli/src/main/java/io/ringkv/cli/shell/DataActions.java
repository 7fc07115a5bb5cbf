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
            Object reply = session.connection.call(request.serverArgs().toArray(String[]::new));
            return session.printReply(reply, request.maxItemsShown());
        };
    }

    static boolean consistency(ShellSession session, List<String> args) {
        ConsistencySettings updated = session.consistency().apply(args);
        session.consistency(updated);
        session.out.println((args.isEmpty() ? "" : "consistency now ") + updated.describe());
        return true;
    }
}
