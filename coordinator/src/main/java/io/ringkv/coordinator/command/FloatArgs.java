package io.ringkv.coordinator.command;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Floating-point arguments and replies as Redis reads and writes them (INCRBYFLOAT). */
final class FloatArgs {
    private FloatArgs() {
    }

    /**
     * A finite decimal, exactly (INCRBYFLOAT's operands). Redis adds in long double and prints 17
     * significant digits; exact decimal arithmetic gives the same text for the sums clients make
     * (0.1 + 0.2 is 0.3 in both), without binary rounding creeping in.
     */
    static BigDecimal parse(byte[] arg, String error) {
        String text = new String(arg, StandardCharsets.US_ASCII);
        if (text.isEmpty() || text.length() > 5000 || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))) {
            throw new CommandException(error);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CommandException(error);
        }
    }

    /**
     * INCRBYFLOAT's operand: as {@link #parse}, but an infinity (which Redis reads, then refuses
     * as a result) gets Redis's own error.
     */
    static BigDecimal parseIncrement(byte[] arg) {
        String text = new String(arg, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            throw new CommandException("ERR increment would produce NaN or Infinity");
        }
        return parse(arg, "ERR value is not a valid float");
    }

    static String format(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }
}
