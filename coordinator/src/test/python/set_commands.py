"""Every set command through redis-py against a node on the port given; exits 0 when all hold.

The expected replies and error words are Redis 7's for the same calls. Run by RedisPyTest;
by hand: python3 set_commands.py PORT
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
    r.delete("s", "t", "u", "d", "str", "h", "none")
    assert r.sadd("s", "a", "b", "c", "d") == 4 and r.sadd("s", "a", "e") == 1
    assert r.srem("s", "e", "zz") == 1
    assert r.smembers("s") == {"a", "b", "c", "d"} and r.scard("s") == 4 and r.scard("none") == 0
    assert r.sismember("s", "a") is True and r.sismember("s", "zz") is False
    assert r.smismember("s", ["a", "zz", "d"]) == [1, 0, 1]

    assert r.srandmember("s") in {"a", "b", "c", "d"} and r.srandmember("none") is None
    assert r.srandmember("s", 0) == [] and r.srandmember("none", 3) == []
    assert len(r.srandmember("s", 10)) == 4 and len(set(r.srandmember("s", 3))) == 3
    drawn = r.srandmember("s", -10)
    assert len(drawn) == 10 and set(drawn) <= {"a", "b", "c", "d"}

    assert r.sadd("t", "x", "y", "z", "w") == 4
    popped = r.spop("t")
    assert popped in {"x", "y", "z", "w"} and r.sismember("t", popped) is False
    assert r.spop("t", 0) == [] and r.scard("t") == 3
    rest = r.spop("t", 10)
    assert len(rest) == 3 and r.exists("t") == 0, "an empty set is no key"
    assert r.spop("none") is None and r.spop("none", 2) == []
    expect_error(lambda: r.spop("s", -1), "value is out of range, must be positive")

    assert r.smove("s", "u", "a") is True and r.smove("s", "u", "zz") is False
    assert r.smembers("u") == {"a"} and r.sismember("s", "a") is False
    r.set("str", "text")
    expect_error(lambda: r.smove("s", "str", "b"), "WRONGTYPE Operation against a key holding the wrong kind of value")
    assert r.sismember("s", "b") is True, "a refused SMOVE moves nothing"

    r.sadd("u", "b", "c", "q")
    assert r.sinter("s", "u") == {"b", "c"} and r.sinter("s", "none") == set()
    assert r.sunion("s", "u") == {"a", "b", "c", "d", "q"}
    assert r.sdiff("s", "u") == {"d"} and r.sdiff("none", "s") == set()
    assert r.sintercard(2, ["s", "u"]) == 2 and r.sintercard(2, ["s", "u"], limit=1) == 1
    assert r.sintercard(2, ["s", "u"], limit=0) == 2
    expect_error(lambda: r.execute_command("SINTERCARD", "0", "s"), "numkeys should be greater than 0")
    expect_error(lambda: r.execute_command("SINTERCARD", "2", "s", "u", "LIMIT", "-1"), "LIMIT can't be negative")
    expect_error(lambda: r.execute_command("SINTERCARD", "3", "s", "u"), "Number of keys can't be greater than number of args")
    assert r.sinterstore("d", ["s", "u"]) == 2 and r.smembers("d") == {"b", "c"}
    assert r.sunionstore("d", ["s", "u"]) == 5 and r.scard("d") == 5
    assert r.sdiffstore("d", ["s", "u"]) == 1 and r.smembers("d") == {"d"}
    assert r.sinterstore("d", ["s", "none"]) == 0 and r.exists("d") == 0
    assert r.sinterstore("str", ["s", "u"]) == 2 and r.type("str") == "set", "a *STORE replaces any type"

    r.sadd("big", *[f"m{i}" for i in range(50)])
    assert set(r.sscan_iter("big", count=7)) == {f"m{i}" for i in range(50)}
    assert set(r.sscan_iter("big", match="m1*")) == {"m1"} | {f"m1{i}" for i in range(10)}

    r.hset("h", "f", "v")
    for call in (lambda: r.sadd("h", "x"), lambda: r.srem("h", "x"), lambda: r.smembers("h"),
                 lambda: r.sismember("h", "x"), lambda: r.scard("h"), lambda: r.spop("h"),
                 lambda: r.srandmember("h"), lambda: r.sinter("s", "h"), lambda: r.sintercard(2, ["s", "h"])):
        expect_error(call, "WRONGTYPE Operation against a key holding the wrong kind of value")
    expect_error(lambda: r.hget("s", "f"), "WRONGTYPE")
    expect_error(lambda: r.execute_command("SADD", "s"), "wrong number of arguments for 'sadd' command")
    expect_error(lambda: r.execute_command("SRANDMEMBER", "s", "x"), "value is not an integer or out of range")
    expect_error(lambda: r.execute_command("SPOP", "s", "1", "2"), "syntax error")
    assert r.delete("s", "u", "big", "h", "str") == 5 and r.smembers("s") == set()
    print("redis-py", redis.__version__, "set commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
