"""Pub/sub through redis-py's PubSub objects against a node on the port given.

The replies are Redis 7's for the same calls. Run by RedisPyTest;
by hand: python3 pubsub_commands.py PORT
"""
import sys
import time

import redis


def next_message(p, deadline_s=10):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        message = p.get_message(timeout=0.5)
        if message is not None:
            return message
    raise AssertionError("no message within %ss" % deadline_s)


def main(port):
    r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    p = r.pubsub()
    p.subscribe("a", "b")
    assert next_message(p) == {"type": "subscribe", "pattern": None, "channel": "a", "data": 1}
    assert next_message(p) == {"type": "subscribe", "pattern": None, "channel": "b", "data": 2}
    p.psubscribe("a*")
    assert next_message(p)["data"] == 3
    assert r.pubsub_numsub("a", "zz") == [("a", 1), ("zz", 0)]
    assert r.pubsub_numpat() == 1 and sorted(r.pubsub_channels()) == ["a", "b"]
    assert r.pubsub_channels("b*") == ["b"]

    assert r.publish("a", "hello") == 2
    assert next_message(p) == {"type": "message", "pattern": None, "channel": "a", "data": "hello"}
    assert next_message(p) == {"type": "pmessage", "pattern": "a*", "channel": "a", "data": "hello"}
    assert r.publish("abc", "x") == 1
    assert next_message(p) == {"type": "pmessage", "pattern": "a*", "channel": "abc", "data": "x"}

    p.unsubscribe()
    assert {next_message(p)["channel"] for _ in range(2)} == {"a", "b"}
    p.punsubscribe("a*")
    assert next_message(p) == {"type": "punsubscribe", "pattern": None, "channel": "a*", "data": 0}
    assert r.publish("a", "nobody") == 0

    # sharded channels (SSUBSCRIBE) are checked by PubSubCommandsTest: Debian's redis-py predates them
    p.close()
    print("redis-py", redis.__version__, "pubsub commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
