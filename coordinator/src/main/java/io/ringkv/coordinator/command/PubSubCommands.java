package io.ringkv.coordinator.command;

import io.ringkv.coordinator.pubsub.PubSub;
import io.ringkv.coordinator.pubsub.PubSubRegistry;
import io.ringkv.coordinator.pubsub.SubscriptionKind;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBEs, PUBLISH, SPUBLISH and PUBSUB, with
 * Redis 7's replies: one confirmation per name (a push in RESP3), counts of what the connection
 * still holds. Messages reach subscribers on every node ({@link PubSub}); a sharded channel is a
 * namespace of its own here, served by every node like the others.
 */
final class PubSubCommands {
    /** What a RESP2 connection with a subscription may still send, as Redis allows. */
    static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE",
            "PUNSUBSCRIBE", "SUNSUBSCRIBE", "PING", "QUIT", "RESET");

    private static final List<String> HELP = List.of(
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.");

    private final PubSub pubsub;

    PubSubCommands(PubSub pubsub) {
        this.pubsub = pubsub;
    }

    void register(CommandTable t) {
        List<String> flags = List.of("pubsub", "noscript", "loading", "stale");
        t.add("SUBSCRIBE", -2, flags, 0, 0, 0, (c, cmd) -> subscribe(c, cmd, SubscriptionKind.CHANNEL));
        t.add("PSUBSCRIBE", -2, flags, 0, 0, 0, (c, cmd) -> subscribe(c, cmd, SubscriptionKind.PATTERN));
        t.add("SSUBSCRIBE", -2, flags, 1, -1, 1, (c, cmd) -> subscribe(c, cmd, SubscriptionKind.SHARD_CHANNEL));
        t.add("UNSUBSCRIBE", -1, flags, 0, 0, 0, (c, cmd) -> unsubscribe(c, cmd, SubscriptionKind.CHANNEL));
        t.add("PUNSUBSCRIBE", -1, flags, 0, 0, 0, (c, cmd) -> unsubscribe(c, cmd, SubscriptionKind.PATTERN));
        t.add("SUNSUBSCRIBE", -1, flags, 1, -1, 1, (c, cmd) -> unsubscribe(c, cmd, SubscriptionKind.SHARD_CHANNEL));
        t.add("PUBLISH", 3, List.of("pubsub", "loading", "stale", "fast"), 0, 0, 0,
                (c, cmd) -> publish(cmd, SubscriptionKind.CHANNEL));
        t.add("SPUBLISH", 3, List.of("pubsub", "loading", "stale", "fast"), 1, 1, 1,
                (c, cmd) -> publish(cmd, SubscriptionKind.SHARD_CHANNEL));
        t.add("PUBSUB", -2, List.of(), 0, 0, 0, this::pubsub);
    }

    /** The connection closed: its subscriptions end on this node. */
    void forget(Session session) {
        SessionSubscriptions held = session.subscriptions();
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            for (String name : held.of(kind)) {
                pubsub.local().unsubscribe(kind, name, session.subscriber());
            }
            held.of(kind).clear();
        }
    }

    private CompletionStage<Reply> subscribe(CommandContext c, RespCommand cmd, SubscriptionKind kind) {
        Session session = c.session();
        SessionSubscriptions held = session.subscriptions();
        List<Reply> confirmations = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i++) {
            String name = PubSubRegistry.name(cmd.arg(i));
            if (held.of(kind).add(name)) {
                pubsub.local().subscribe(kind, name, session.subscriber());
            }
            confirmations.add(confirmation(kind.subscribedWord(), Replies.bulk(cmd.arg(i)), held.countFor(kind)));
        }
        return Replies.done(new Reply.Sequence(confirmations));
    }

    private CompletionStage<Reply> unsubscribe(CommandContext c, RespCommand cmd, SubscriptionKind kind) {
        Session session = c.session();
        SessionSubscriptions held = session.subscriptions();
        List<String> names = new ArrayList<>();
        if (cmd.argCount() == 1) {
            names.addAll(held.of(kind));
        } else {
            for (int i = 1; i < cmd.argCount(); i++) {
                names.add(PubSubRegistry.name(cmd.arg(i)));
            }
        }
        if (names.isEmpty()) {
            return Replies.done(confirmation(kind.unsubscribedWord(), Replies.nil(), held.countFor(kind)));
        }
        List<Reply> confirmations = new ArrayList<>();
        for (String name : names) {
            if (held.of(kind).remove(name)) {
                pubsub.local().unsubscribe(kind, name, session.subscriber());
            }
            confirmations.add(confirmation(kind.unsubscribedWord(), Replies.bulk(PubSubRegistry.bytes(name)), held.countFor(kind)));
        }
        return Replies.done(new Reply.Sequence(confirmations));
    }

    private static Reply confirmation(String word, Reply name, int count) {
        return new Reply.PushReply(List.of(Replies.bulk(word), name, Replies.integer(count)));
    }

    private CompletionStage<Reply> publish(RespCommand cmd, SubscriptionKind kind) {
        return pubsub.publish(kind, cmd.arg(1), cmd.arg(2)).thenApply(Replies::integer);
    }

    private CompletionStage<Reply> pubsub(CommandContext c, RespCommand cmd) {
        String sub = Args.upper(cmd.arg(1));
        return switch (sub) {
            case "CHANNELS", "SHARDCHANNELS" -> {
                checkArity(cmd, 2, 3);
                String pattern = cmd.argCount() == 3 ? PubSubRegistry.name(cmd.arg(2)) : null;
                yield pubsub.active(sub.equals("CHANNELS") ? SubscriptionKind.CHANNEL : SubscriptionKind.SHARD_CHANNEL, pattern)
                        .thenApply(names -> Replies.array(names.stream().map(n -> Replies.bulk(PubSubRegistry.bytes(n))).toList()));
            }
            case "NUMSUB", "SHARDNUMSUB" -> {
                List<String> names = new ArrayList<>();
                for (int i = 2; i < cmd.argCount(); i++) {
                    names.add(PubSubRegistry.name(cmd.arg(i)));
                }
                yield pubsub.subscribers(sub.equals("NUMSUB") ? SubscriptionKind.CHANNEL : SubscriptionKind.SHARD_CHANNEL, names)
                        .thenApply(counts -> {
                            List<Reply> pairs = new ArrayList<>();
                            for (int i = 0; i < names.size(); i++) {
                                pairs.add(Replies.bulk(PubSubRegistry.bytes(names.get(i))));
                                pairs.add(Replies.integer(counts.get(i)));
                            }
                            return Replies.array(pairs);
                        });
            }
            case "NUMPAT" -> {
                checkArity(cmd, 2, 2);
                yield pubsub.active(SubscriptionKind.PATTERN, null).thenApply(names -> Replies.integer(names.size()));
            }
            case "HELP" -> {
                checkArity(cmd, 2, 2);
                yield Replies.done(Replies.array(HELP.stream().map(Replies::simple).toList()));
            }
            default -> throw new CommandException("ERR unknown subcommand '" + Args.text(cmd.arg(1)) + "'. Try PUBSUB HELP.");
        };
    }

    /** Redis's words for too many arguments to CHANNELS (its table arity allows any, the command checks). */
    private static void checkArity(RespCommand cmd, int min, int max) {
        if (max == 2) {
            checkExactArity(cmd);
            return;
        }
        if (cmd.argCount() < min || cmd.argCount() > max) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '" + Args.text(cmd.arg(1))
                    + "'. Try PUBSUB HELP.");
        }
    }

    /** Redis's words for a subcommand whose table arity is exact (NUMPAT, HELP). */
    private static void checkExactArity(RespCommand cmd) {
        if (cmd.argCount() != 2) {
            throw new CommandException("ERR wrong number of arguments for 'pubsub|" + Args.text(cmd.arg(1)).toLowerCase() + "' command");
        }
    }
}
