package io.ringkv.coordinator.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link NodeConfig} the way redis-server does: defaults, then a config file, then
 * flags. The file holds {@code key = value} or {@code key: value} lines (properties, or flat
 * YAML), {@code #} comments allowed. Flags are {@code --key-with-dashes value} or
 * {@code --key=value}; a boolean flag alone means true.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static NodeConfig load(Path configFile, List<String> flags) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        merged.putAll(parseFlags(flags));
        return NodeConfig.of(merged);
    }

    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            out.put(name.trim().replace('-', '_'), stripQuotes(properties.getProperty(name).trim()));
        }
        return out;
    }

    /** Parses {@code --key value} / {@code --key=value} pairs into key names (underscored) and texts. */
    public static Map<String, String> parseFlags(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (!flag.startsWith("--") || flag.length() == 2) {
                throw new ConfigException("expected a --flag, got '" + flag + "'");
            }
            String body = flag.substring(2);
            int eq = body.indexOf('=');
            String name = (eq >= 0 ? body.substring(0, eq) : body).replace('-', '_');
            ConfigKey<?> key = NodeConfig.byName(name);
            if (key == null) {
                throw new ConfigException("unknown option '" + flag + "' (see ringkv node --help)");
            }
            if (eq >= 0) {
                out.put(name, body.substring(eq + 1));
            } else if (key.isBoolean() && (i + 1 == flags.size() || flags.get(i + 1).startsWith("--"))) {
                out.put(name, "true");
            } else if (i + 1 < flags.size()) {
                out.put(name, flags.get(++i));
            } else {
                throw new ConfigException("option '" + flag + "' needs a value");
            }
        }
        return out;
    }

    private static String stripQuotes(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
