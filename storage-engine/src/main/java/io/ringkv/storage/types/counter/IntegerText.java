package io.ringkv.storage.types.counter;

import java.nio.charset.StandardCharsets;

/** Redis's integer syntax: an optional minus, no plus, no leading zeros or spaces, fits a long. */
public final class IntegerText {
    private IntegerText() {
    }

    /** The integer the text spells, or null when it spells none. */
    public static Long parse(byte[] text) {
        if (text.length == 0 || text.length > 20) {
            return null;
        }
        int i = text[0] == '-' ? 1 : 0;
        if (i == text.length || text[i] == '0' && text.length > i + 1 || text[i] == '0' && i == 1) {
            return null;
        }
        for (int j = i; j < text.length; j++) {
            if (text[j] < '0' || text[j] > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }
}
