package io.ringkv.cli.shell;

/** The commands given with {@code -e}: one line (commands separated by {@code ;}), then the end. */
final class ScriptLineSource implements LineSource {
    private String script;

    ScriptLineSource(String script) {
        this.script = script;
    }

    @Override
    public String readLine(String prompt) {
        String line = script;
        script = null;
        return line;
    }

    @Override
    public boolean interactive() {
        return false;
    }
}
