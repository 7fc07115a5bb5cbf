"""Keyspace notifications through redis-py: CONFIG SET notify-keyspace-events KEA, then every
command that exists here and a MULTI/EXEC, and the __keyevent@0__ messages they publish, in order. The expected
list is what Redis 7.0.15 published for the same commands. Run by RedisPyTest;
by hand: python3 keyspace_commands.py PORT
"""
import sys
import time

import redis

COMMANDS = [['SET', 's', '1'], ['SET', 's', '2', 'EX', '100'], ['SET', 's', '3', 'NX'], ['SETNX', 'n', '1'],
 ['SETEX', 'x', '100', 'v'], ['GETSET', 's', '4'], ['APPEND', 's', 'x'],
 ['SETRANGE', 's', '0', 'z'], ['SETRANGE', 's', '0', ''], ['INCR', 'c'], ['INCRBY', 'c', '5'],
 ['DECR', 'c'], ['INCRBYFLOAT', 'f', '1.5'], ['MSET', 'a', '1', 'b', '2'],
 ['MSETNX', 'a', '1', 'z', '2'], ['MSETNX', 'y', '1', 'w', '2'], ['GETDEL', 'a'],
 ['GETDEL', 'nope'], ['GETEX', 'b', 'EX', '100'], ['GETEX', 'b', 'PERSIST'], ['GETEX', 'b'],
 ['EXPIRE', 'b', '100'], ['PERSIST', 'b'], ['PERSIST', 'b'], ['EXPIRE', 'nope', '10'],
 ['PEXPIREAT', 'y', '1'], ['DEL', 'b', 'nope', 'w'], ['RENAME', 's', 's2'], ['COPY', 's2', 's3'],
 ['RENAMENX', 's2', 's3'], ['HSET', 'h', 'f', '1', 'g', '2'], ['HSET', 'h', 'f', '1'],
 ['HSETNX', 'h', 'f', '9'], ['HSETNX', 'h', 'k', '9'], ['HINCRBY', 'h', 'i', '2'],
 ['HINCRBYFLOAT', 'h', 'j', '1.5'], ['HDEL', 'h', 'nope'], ['HDEL', 'h', 'f'],
 ['SADD', 't', 'a', 'b', 'c'], ['SADD', 't', 'a'], ['SREM', 't', 'zz'], ['SREM', 't', 'a'],
 ['SMOVE', 't', 't2', 'b'], ['SMOVE', 't', 't2', 'nope'], ['SPOP', 't'], ['SADD', 'u', '1', '2'],
 ['SINTERSTORE', 'd', 'u', 't2'], ['SUNIONSTORE', 'd', 'u', 't2'], ['SDIFFSTORE', 'd', 'u', 'u'],
 ['HSET', 'eh', 'f', '1'], ['HDEL', 'eh', 'f'], ['SADD', 'es', 'a'], ['SREM', 'es', 'a'],
 ['SADD', 'em', 'a'], ['SMOVE', 'em', 'en', 'a'],
 ['RPUSH', 'lq', 'a'], ['LPUSH', 'lq', 'b'], ['LPOP', 'lq'], ['RPOP', 'lq'],
 ['SET', 'e', 'v', 'PX', '50']]

# (event, key) as Redis 7 published them for COMMANDS, then the expiry of "e".
EXPECTED = [
    ('set', 's'),
    ('set', 's'),
    ('expire', 's'),
    ('set', 'n'),
    ('set', 'x'),
    ('expire', 'x'),
    ('set', 's'),
    ('append', 's'),
    ('setrange', 's'),
    ('incrby', 'c'),
    ('incrby', 'c'),
    ('incrby', 'c'),
    ('incrbyfloat', 'f'),
    ('set', 'a'),
    ('set', 'b'),
    ('set', 'y'),
    ('set', 'w'),
    ('del', 'a'),
    ('expire', 'b'),
    ('persist', 'b'),
    ('expire', 'b'),
    ('persist', 'b'),
    ('del', 'y'),
    ('del', 'b'),
    ('del', 'w'),
    ('rename_from', 's'),
    ('rename_to', 's2'),
    ('copy_to', 's3'),
    ('hset', 'h'),
    ('hset', 'h'),
    ('hset', 'h'),
    ('hincrby', 'h'),
    ('hincrbyfloat', 'h'),
    ('hdel', 'h'),
    ('sadd', 't'),
    ('srem', 't'),
    ('srem', 't'),
    ('sadd', 't2'),
    ('spop', 't'),
    ('del', 't'),
    ('sadd', 'u'),
    ('sunionstore', 'd'),
    ('del', 'd'),
    ('hset', 'eh'),
    ('hdel', 'eh'),
    ('del', 'eh'),
    ('sadd', 'es'),
    ('srem', 'es'),
    ('del', 'es'),
    ('sadd', 'em'),
    ('srem', 'em'),
    ('del', 'em'),
    ('sadd', 'en'),
    ('rpush', 'lq'),
    ('lpush', 'lq'),
    ('lpop', 'lq'),
    ('rpop', 'lq'),
    ('del', 'lq'),
    ('set', 'm'),
    ('hset', 'mh'),
    ('del', 'm'),
    ('set', 'e'),
    ('expire', 'e'),
    ('expired', 'e'),
]


def main(port):
    r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    r.flushall()
    assert r.config_set("notify-keyspace-events", "KEA")
    assert r.config_get("notify-keyspace-events") == {"notify-keyspace-events": "AKE"}
    p = r.pubsub()
    p.psubscribe("__keyevent@0__:*")
    deadline = time.monotonic() + 10
    while p.get_message(timeout=0.5) is None:
        assert time.monotonic() < deadline, "no psubscribe confirmation"
    for command in COMMANDS[:-1]:
        try:
            r.execute_command(*command)
        except redis.exceptions.ResponseError as error:
            raise AssertionError(f"{command}: {error}")
    # A transaction's events: one per command, in order, once EXEC has written them.
    tx = r.pipeline(transaction=True)
    tx.set("m", "1").hset("mh", "f", "1").delete("m")
    assert tx.execute() == [True, 1, 1]
    r.execute_command(*COMMANDS[-1])
    events = []
    deadline = time.monotonic() + 15
    while ("expired", "e") not in events and time.monotonic() < deadline:
        r.exists("e")  # Redis expires on access; ringkv's sweeper does it within sweep_interval_ms
        message = p.get_message(timeout=0.2)
        while message is not None:
            if message["type"] == "pmessage":
                events.append((message["channel"].split(":", 1)[1], message["data"]))
            message = p.get_message(timeout=0.05)
    assert events == EXPECTED, "\n".join(f"{i}: got {g} expected {e}" for i, (g, e) in
                                          enumerate(zip(events, EXPECTED)) if g != e) + f"\n{len(events)} vs {len(EXPECTED)}"
    r.config_set("notify-keyspace-events", "")
    r.set("quiet", "1")
    assert p.get_message(timeout=0.5) is None, "events after notify-keyspace-events was cleared"
    p.close()
    print("redis-py", redis.__version__, "keyspace commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
