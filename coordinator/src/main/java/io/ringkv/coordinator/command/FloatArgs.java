package io.ringkv.coordinator.command;

import io.ringkv.storage.types.DecimalText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Floating-point arguments and replies as Redis reads and writes them (INCRBYFLOAT). */
final class FloatArgs {
    private FloatArgs() {
    }

    /**
     * A finite decimal, exactly ({@link DecimalText}). Redis adds in long double and prints 17
     * significant digits; exact decimal arithmetic gives the same text for the sums clients make
     * (0.1 + 0.2 is 0.3 in both), without binary rounding creeping in.
     */
    static BigDecimal parse(byte[] arg, String error) {
        BigDecimal value = DecimalText.parse(arg);
        if (value == null) {
            throw new CommandException(error);
        }
        return value;
    }

    /**
     * INCRBYFLOAT's operand: as {@link #parse}, but an infinity (which Redis reads, then refuses
     * as a result) gets Redis's own error.
     */
    static BigDecimal parseIncrement(byte[] arg) {
        return parseIncrement(arg, "ERR increment would produce NaN or Infinity");
    }

    /**
     * An increment whose infinity Redis refuses with {@code infinityError}: INCRBYFLOAT checks the
     * sum ("would produce NaN or Infinity"), HINCRBYFLOAT the operand ("value is NaN or Infinity").
     */
    static BigDecimal parseIncrement(byte[] arg, String infinityError) {
        String text = new String(arg, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            throw new CommandException(infinityError);
        }
        return parse(arg, "ERR value is not a valid float");
    }

    static String format(BigDecimal value) {
        return DecimalText.format(value);
    }
}
