package io.ringkv.cli.shell;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion at the terminal: JLine's view of {@link CompletionCandidates}. */
final class ShellCompleter implements Completer {
    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
        for (String word : CompletionCandidates.after(before)) {
            candidates.add(new Candidate(word));
        }
    }
}
