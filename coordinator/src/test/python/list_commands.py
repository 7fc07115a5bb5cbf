"""Every list command of the first slice through redis-py against a node on the port given (a
queue fed with RPUSH and drained with LPOP, a stack, ranges, counts, errors); exits 0 when all
hold. The expected replies and error words are Redis 7's for the same calls. Run by RedisPyTest;
by hand: python3 list_commands.py PORT
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
    r.delete("q", "stack", "str", "none")
    assert r.rpush("q", *[f"job{i}" for i in range(100)]) == 100
    assert r.llen("q") == 100 and r.lindex("q", 0) == "job0" and r.lindex("q", -1) == "job99"
    assert r.lrange("q", 0, 4) == ["job0", "job1", "job2", "job3", "job4"]
    assert r.lrange("q", -3, -1) == ["job97", "job98", "job99"]
    drained = []
    for _ in range(10):
        drained.append(r.lpop("q"))
    assert drained == [f"job{i}" for i in range(10)]
    assert r.lpop("q", 5) == [f"job{i}" for i in range(10, 15)]
    assert r.rpop("q", 2) == ["job99", "job98"]
    assert r.llen("q") == 83
    assert r.lpop("q", 1000)[-1] == "job97" and r.exists("q") == 0, "an empty list is no key"
    assert r.lpop("q") is None and r.lpop("q", 3) is None

    assert r.lpush("stack", "a", "b", "c") == 3 and r.lrange("stack", 0, -1) == ["c", "b", "a"]
    assert r.lpushx("stack", "d") == 4 and r.rpushx("stack", "z") == 5
    assert r.lpushx("none", "x") == 0 and r.exists("none") == 0
    assert r.lrange("stack", 0, -1) == ["d", "c", "b", "a", "z"]
    assert r.rpop("stack") == "z" and r.lpop("stack") == "d"
    assert r.type("stack") == "list" and r.object("encoding", "stack") == "quicklist"
    assert r.lrange("stack", 5, 10) == [] and r.lindex("stack", 10) is None

    r.delete("m", "src", "dst")
    assert r.rpush("m", "a", "b", "c", "b") == 4
    assert r.lset("m", 0, "A") is True and r.lindex("m", 0) == "A"
    expect_error(lambda: r.lset("m", 9, "x"), "index out of range")
    expect_error(lambda: r.lset("none", 0, "x"), "no such key")
    assert r.linsert("m", "BEFORE", "c", "C0") == 5 and r.linsert("m", "AFTER", "c", "C1") == 6
    assert r.linsert("m", "BEFORE", "zz", "x") == -1 and r.linsert("none", "BEFORE", "a", "x") == 0
    assert r.lrange("m", 0, -1) == ["A", "b", "C0", "c", "C1", "b"]
    assert r.lpos("m", "b") == 1 and r.lpos("m", "b", rank=-1) == 5 and r.lpos("m", "b", count=0) == [1, 5]
    assert r.lpos("m", "zz") is None and r.lpos("m", "b", maxlen=1) is None
    assert r.lrem("m", -1, "b") == 1 and r.lrange("m", 0, -1) == ["A", "b", "C0", "c", "C1"]
    assert r.ltrim("m", 1, -2) is True and r.lrange("m", 0, -1) == ["b", "C0", "c"]
    assert r.rpush("src", "1", "2", "3") == 3
    assert r.lmove("src", "dst", "LEFT", "RIGHT") == "1" and r.rpoplpush("src", "dst") == "3"
    assert r.lrange("dst", 0, -1) == ["3", "1"] and r.lrange("src", 0, -1) == ["2"]
    assert r.lmpop(2, "none", "dst", direction="LEFT", count=5) == ["dst", ["3", "1"]]
    assert r.lmpop(1, "none", direction="RIGHT") is None
    r.delete("m", "src")

    r.set("str", "v")
    expect_error(lambda: r.lpush("str", "a"), "WRONGTYPE")
    expect_error(lambda: r.llen("str"), "WRONGTYPE")
    expect_error(lambda: r.lpop("stack", -1), "value is out of range")
    expect_error(lambda: r.lrange("stack", "a", 1), "value is not an integer")
    r.delete("stack", "str")
    print("redis-py", redis.__version__, "list commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
