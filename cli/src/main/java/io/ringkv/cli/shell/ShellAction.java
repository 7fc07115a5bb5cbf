package io.ringkv.cli.shell;

import java.io.IOException;
import java.util.List;

/**
 * One shell command's behaviour, given the words after its name. Returns false when the command
 * failed in a way the user has been told about (an error reply, a refusal); a usage mistake is
 * thrown as {@link UsageException}, a lost connection as {@link IOException}.
 */
@FunctionalInterface
interface ShellAction {
    boolean run(ShellSession session, List<String> args) throws IOException;
}
