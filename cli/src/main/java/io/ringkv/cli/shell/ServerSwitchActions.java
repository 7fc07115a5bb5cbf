package io.ringkv.cli.shell;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code fault} and {@code tracing}: commands that change how the server behaves, passed through
 * as the server's {@code FAULT} and {@code TRACING} commands.
 */
final class ServerSwitchActions {
    private ServerSwitchActions() {
    }

    static boolean fault(ShellSession session, List<String> args) throws IOException {
        FaultRequest request = FaultRequest.of(args, session.input.interactive());
        switch (request.decision()) {
            case REFUSE -> {
                session.out.println(FaultRequest.refusal());
                return false;
            }
            case ASK_FIRST -> {
                session.out.flush();
                if (!FaultRequest.isYes(session.input.ask(request.question()))) {
                    session.out.println("not sent");
                    return true;
                }
            }
            case SEND -> {
                // no question needed
            }
        }
        Object reply = session.connection.call(request.serverArgs().toArray(String[]::new));
        return session.printReply(reply, DataRequest.ALL_ITEMS);
    }

    static boolean tracing(ShellSession session, List<String> args) throws IOException {
        String setting = args.size() == 1 ? args.get(0).toUpperCase(Locale.ROOT) : "";
        if (!setting.equals("ON") && !setting.equals("OFF")) {
            throw new UsageException("usage: tracing on|off");
        }
        boolean ok = session.printReply(session.connection.call("TRACING", setting), DataRequest.ALL_ITEMS);
        if (ok) {
            session.tracing = setting.equals("ON");
        }
        return ok;
    }
}
