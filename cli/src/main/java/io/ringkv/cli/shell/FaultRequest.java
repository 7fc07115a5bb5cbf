package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a {@code fault …} command may go to the server. Injecting a fault can take a cluster
 * down, so everything but {@code fault list} needs a yes: asked for at a terminal, given as
 * {@code --yes} in a script (which cannot answer), else the command is refused.
 */
record FaultRequest(List<String> serverArgs, Decision decision) {
    static final String USAGE = "fault [--yes] <args ...>   (e.g. fault list, fault --yes partition 2)";

    enum Decision { SEND, ASK_FIRST, REFUSE }

    FaultRequest {
        serverArgs = List.copyOf(serverArgs);
    }

    static FaultRequest of(List<String> args, boolean interactive) {
        List<String> faultArgs = new ArrayList<>(args);
        boolean confirmed = faultArgs.removeIf(arg -> arg.equals("--yes"));
        if (faultArgs.isEmpty()) {
            throw new UsageException("usage: " + USAGE);
        }
        List<String> serverArgs = new ArrayList<>(faultArgs.size() + 1);
        serverArgs.add("FAULT");
        serverArgs.addAll(faultArgs);
        boolean listOnly = faultArgs.size() == 1 && faultArgs.get(0).equalsIgnoreCase("list");
        Decision decision = listOnly || confirmed ? Decision.SEND : interactive ? Decision.ASK_FIRST : Decision.REFUSE;
        return new FaultRequest(serverArgs, decision);
    }

    String question() {
        return "send '" + String.join(" ", serverArgs) + "' to the server? [y/N] ";
    }

    static String refusal() {
        return "refusing to inject a fault without confirmation; add --yes (e.g. fault --yes partition 2)";
    }

    static boolean isYes(String answer) {
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
