package io.ringkv.storage.types.hash;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A hash field's number as text: what HINCRBYFLOAT reads (a finite decimal, as Redis's strtold
 * takes it, without surrounding spaces) and how a field counter shows its sum (exact decimal
 * arithmetic, so 0.1 + 0.2 is 0.3, as in Redis's long-double text for the sums clients make).
 */
final class DecimalText {
    private static final int MAX_LENGTH = 5000;

    private DecimalText() {
    }

    /** The number the text spells, or null when it is not a finite decimal. */
    static BigDecimal parse(byte[] text) {
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
    static BigDecimal canonical(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static String format(BigDecimal value) {
        BigDecimal plain = canonical(value);
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }
}
