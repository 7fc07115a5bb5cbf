package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One vnode of the ring, from a line {@code token=<t> node=<id>} of the {@code RING TOKENS} reply. */
record TokenOwner(long token, int node) {

    static List<TokenOwner> parseAll(List<String> lines) {
        List<TokenOwner> owners = new ArrayList<>(lines.size());
        for (String line : lines) {
            Map<String, String> fields = RingNode.fields(line);
            if (!fields.containsKey("token") || !fields.containsKey("node")) {
                throw new IllegalArgumentException("expected 'token=<t> node=<id>' in the RING TOKENS reply, got '" + line + "'");
            }
            try {
                owners.add(new TokenOwner(Long.parseLong(fields.get("token")), Integer.parseInt(fields.get("node"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in the RING TOKENS reply '" + line + "'");
            }
        }
        return owners;
    }

    static String table(List<TokenOwner> owners) {
        TextTable table = new TextTable(List.of("Token", "Node"));
        for (TokenOwner owner : owners) {
            table.row(List.of(String.valueOf(owner.token()), String.valueOf(owner.node())));
        }
        return table.render() + owners.size() + " tokens\n";
    }
}
