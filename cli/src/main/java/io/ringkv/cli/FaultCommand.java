package io.ringkv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringkv fault …}: the node's FAULT command over RESP, for operators and scripts. */
@Command(name = "fault", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Inject or clear internode faults on one node: "
        + "delay <ms> [node] | drop <percent> [node] | partition <node...> | heal | list. "
        + "Faults apply to that node's traffic with its peers and end with 'heal' or a restart.")
final class FaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NodeAddress node = new NodeAddress();

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "the fault, e.g. partition 2 3")
    List<String> words;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> args = new ArrayList<>();
        args.add("FAULT");
        args.addAll(words);
        try (RespClient client = new RespClient(node.host, node.port, 5_000)) {
            Object reply = client.call(args.toArray(String[]::new));
            if (reply instanceof RespClient.RespError error) {
                err.println(error.message());
                return 1;
            }
            ReplyLines.of(reply).forEach(out::println);
            return 0;
        } catch (IOException e) {
            err.println("cannot reach " + node.host + ":" + node.port + ": " + e.getMessage());
            return 2;
        }
    }
}
