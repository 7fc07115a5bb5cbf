package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which RESP ports to try, in order, when the shell must connect again. After a lost connection
 * the current node is likely dead, so the other nodes of the last {@code RING} come first and the
 * current one last (it may have restarted); after a mere timeout the current node comes first.
 */
final class FailoverOrder {
    private FailoverOrder() {
    }

    static List<Integer> afterLoss(int currentPort, List<Integer> ringPorts) {
        Set<Integer> order = new LinkedHashSet<>(others(currentPort, ringPorts));
        order.add(currentPort);
        return new ArrayList<>(order);
    }

    static List<Integer> afterTimeout(int currentPort, List<Integer> ringPorts) {
        Set<Integer> order = new LinkedHashSet<>();
        order.add(currentPort);
        order.addAll(others(currentPort, ringPorts));
        return new ArrayList<>(order);
    }

    private static List<Integer> others(int currentPort, List<Integer> ringPorts) {
        return ringPorts.stream().filter(port -> port != currentPort && port > 0).distinct().toList();
    }
}
