"""Every hash command through redis-py against a node on the port given; exits 0 when all hold.

Run by RedisPyTest; by hand: python3 hash_commands.py PORT
"""
import sys

import redis


def expect_error(call, words):
    try:
        call()
    except redis.exceptions.ResponseError as error:
        assert str(error).startswith(words), f"{error!r} does not start with {words!r}"
        return
    raise AssertionError(f"no error, expected {words!r}")


def main(port):
    r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    r.delete("h", "s", "n")
    assert r.hset("h", mapping={"a": "1", "b": "2"}) == 2
    assert r.hset("h", "a", "10") == 0
    assert r.hsetnx("h", "a", "x") == 0 and r.hsetnx("h", "c", "3") == 1
    assert r.hmset("h", {"d": "4"}) is True
    assert r.hget("h", "a") == "10" and r.hget("h", "zz") is None
    assert r.hmget("h", ["a", "zz", "c"]) == ["10", None, "3"]
    assert r.hgetall("h") == {"a": "10", "b": "2", "c": "3", "d": "4"}
    assert sorted(r.hkeys("h")) == ["a", "b", "c", "d"] and sorted(r.hvals("h")) == ["10", "2", "3", "4"]
    assert r.hlen("h") == 4 and r.hexists("h", "b") is True and r.hexists("h", "zz") is False
    assert r.hstrlen("h", "a") == 2 and r.hstrlen("h", "zz") == 0
    assert r.hincrby("h", "n", 5) == 5 and r.hincrby("h", "n", -7) == -2
    assert r.hincrbyfloat("h", "f", 0.1) == 0.1 and r.hincrbyfloat("h", "f", 0.2) == 0.3
    assert r.hrandfield("h") in r.hkeys("h")
    assert len(r.hrandfield("h", 3)) == 3 and len(set(r.hrandfield("h", 3))) == 3
    assert len(r.hrandfield("h", -10)) == 10
    pairs = r.hrandfield("h", 2, withvalues=True)
    assert len(pairs) == 4 and r.hget("h", pairs[0]) == pairs[1]
    assert dict(r.hscan_iter("h", count=2)) == r.hgetall("h")
    assert dict(r.hscan_iter("h", match="a*")) == {"a": "10"}
    assert r.hdel("h", "a", "zz") == 1 and r.hget("h", "a") is None

    r.set("s", "text")
    for call in (lambda: r.hset("s", "f", "v"), lambda: r.hget("s", "f"), lambda: r.hgetall("s"),
                 lambda: r.hdel("s", "f"), lambda: r.hincrby("s", "f", 1), lambda: r.hlen("s")):
        expect_error(call, "WRONGTYPE Operation against a key holding the wrong kind of value")
    expect_error(lambda: r.get("h"), "WRONGTYPE")
    expect_error(lambda: r.hincrby("h", "b", "x"), "value is not an integer or out of range")
    r.hset("h", "t", "text")
    expect_error(lambda: r.hincrby("h", "t", 1), "hash value is not an integer")
    expect_error(lambda: r.hincrbyfloat("h", "t", 1), "hash value is not a float")
    r.hset("h", "big", str(2 ** 63 - 1))
    expect_error(lambda: r.hincrby("h", "big", 1), "increment or decrement would overflow")
    expect_error(lambda: r.execute_command("HSET", "h", "f"), "wrong number of arguments for 'hset' command")
    expect_error(lambda: r.execute_command("HRANDFIELD", "h", "1", "WITHSCORES"), "syntax error")
    assert r.delete("h") == 1 and r.hgetall("h") == {} and r.exists("h") == 0
    print("redis-py", redis.__version__, "hash commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
