package io.ringkv.coordinator.command;

/** Redis-style glob matching ({@code *}, {@code ?}, {@code [abc]}) for CONFIG GET and key patterns. */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String text) {
        return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (matches(p, pi, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                ti++;
            } else if (c == '[') {
                int close = p.indexOf(']', pi + 1);
                if (close < 0) {
                    return false;
                }
                if (p.substring(pi + 1, close).indexOf(t.charAt(ti)) < 0) {
                    return false;
                }
                pi = close + 1;
                ti++;
            } else {
                if (c != t.charAt(ti)) {
                    return false;
                }
                pi++;
                ti++;
            }
        }
        return ti == t.length();
    }
}
