package io.ringkv.coordinator.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name in a config file ({@code resp_port}), its flag
 * ({@code --resp-port}), its default, a one-line description, and how its text is checked.
 *
 * @param <T> the parsed type
 */
public record ConfigKey<T>(String name, String defaultText, String description, Function<String, T> parser) {

    public String flag() {
        return "--" + name.replace('_', '-');
    }

    public boolean isBoolean() {
        return defaultText.equals("true") || defaultText.equals("false");
    }

    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad value for " + name + ": '" + text + "' (" + e.getMessage() + ")");
        }
    }

    static ConfigKey<Integer> port(String name, String defaultText, String description) {
        return new ConfigKey<>(name, defaultText, description, text -> {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("expected a port from 0 to 65535");
            }
            return port;
        });
    }

    static ConfigKey<Long> positiveLong(String name, String defaultText, String description) {
        return longAtLeast(name, defaultText, description, 1);
    }

    static ConfigKey<Long> longAtLeast(String name, String defaultText, String description, long min) {
        return new ConfigKey<>(name, defaultText, description, text -> {
            long value = Long.parseLong(text);
            if (value < min) {
                throw new IllegalArgumentException("expected a number >= " + min);
            }
            return value;
        });
    }

    static ConfigKey<Integer> intAtLeast(String name, String defaultText, String description, int min) {
        return new ConfigKey<>(name, defaultText, description, text -> {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw new IllegalArgumentException("expected a number >= " + min);
            }
            return value;
        });
    }

    static ConfigKey<Integer> intBetween(String name, String defaultText, String description, int min, int max) {
        return new ConfigKey<>(name, defaultText, description, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a number from " + min + " to " + max);
            }
            return value;
        });
    }

    static ConfigKey<Boolean> bool(String name, String defaultText, String description) {
        return new ConfigKey<>(name, defaultText, description, text -> {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("expected true or false");
            }
        });
    }

    static ConfigKey<String> text(String name, String defaultText, String description) {
        return new ConfigKey<>(name, defaultText, description, Function.identity());
    }
}
