package io.ringkv.cli.repair;

/** The server would not say which ranges to repair: its error reply, or a reply we cannot read. */
public final class RepairPlanException extends Exception {
    public RepairPlanException(String message) {
        super(message);
    }
}
