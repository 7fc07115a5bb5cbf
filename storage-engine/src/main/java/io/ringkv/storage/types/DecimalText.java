package io.ringkv.storage.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Decimal numbers as text, as INCRBYFLOAT and HINCRBYFLOAT read and write them: a finite decimal
 * as Redis's strtold takes it, without surrounding spaces, and sums shown exactly (decimal
 * arithmetic, so 0.1 + 0.2 is 0.3, as in Redis's long-double text for the sums clients make).
 */
public final class DecimalText {
    private static final int MAX_LENGTH = 5000;

    private DecimalText() {
    }

    /** The number the text spells, or null when it is not a finite decimal. */
    public static BigDecimal parse(byte[] text) {
        if (text.length == 0 || text.length > MAX_LENGTH || Character.isWhitespace(text[0])
                || Character.isWhitespace(text[text.length - 1])) {
            return null;
        }
        try {
            return new BigDecimal(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Without trailing zeros (and 0 as 0), so equal sums are equal values. */
    public static BigDecimal canonical(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    public static String format(BigDecimal value) {
        BigDecimal plain = canonical(value);
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }
}
