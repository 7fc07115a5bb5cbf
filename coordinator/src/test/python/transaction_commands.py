"""MULTI/EXEC/WATCH through redis-py's transactional pipelines against a node on the port given.

The replies and error words are Redis 7's for the same calls. Run by RedisPyTest;
by hand: python3 transaction_commands.py PORT
"""
import sys

import redis


def main(port):
    r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    other = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    r.delete("n", "s", "h", "w")

    pipe = r.pipeline(transaction=True)
    pipe.set("n", 1).incrby("n", 41).hset("h", "f", "v").hget("h", "f").get("n")
    assert pipe.execute() == [True, 42, 1, "v", "42"]

    # a runtime error is that command's reply; redis-py raises it after EXEC ran them all
    r.set("s", "text")
    pipe = r.pipeline(transaction=True)
    pipe.incr("s").append("s", "!")
    try:
        pipe.execute()
        raise AssertionError("INCR of a string did not fail")
    except redis.exceptions.ResponseError as error:
        assert "value is not an integer" in str(error), error
    assert r.get("s") == "text!", "the command after the failed one still ran"
    assert pipe.execute(raise_on_error=False) == [], "the pipeline was reset"
    pipe = r.pipeline(transaction=True)
    pipe.incr("s").append("s", "?")
    replies = pipe.execute(raise_on_error=False)
    assert isinstance(replies[0], redis.exceptions.ResponseError) and replies[1] == 6, replies

    # a command refused while queuing discards the whole transaction
    pipe = r.pipeline(transaction=True)
    pipe.set("w", "no").execute_command("SET", "only-a-key")
    try:
        pipe.execute()
        raise AssertionError("EXECABORT expected")
    except redis.exceptions.ExecAbortError:
        pass
    except redis.exceptions.ResponseError as error:
        assert "wrong number of arguments" in str(error), error
    assert r.exists("w") == 0

    # optimistic locking: WATCH, a write from another connection, EXEC answers nil
    r.set("n", 10)
    with r.pipeline() as pipe:
        pipe.watch("n")
        current = int(pipe.get("n"))
        other.incr("n")
        pipe.multi()
        pipe.set("n", current * 2)
        try:
            pipe.execute()
            raise AssertionError("EXEC ran although a watched key changed")
        except redis.exceptions.WatchError:
            pass
    assert r.get("n") == "11"

    # the usual retry loop, racing another connection's increments, loses none of them
    def double(pipe):
        value = int(pipe.get("n"))
        pipe.multi()
        pipe.set("n", value * 2)
    r.set("n", 3)
    other.incr("n")
    assert r.transaction(double, "n") == [True]
    assert r.get("n") == "8"

    # transaction() with a watched key left alone runs at once
    assert r.transaction(lambda p: p.multi() or p.incr("n"), "n") == [9]
    print("redis-py", redis.__version__, "transaction commands: all hold")


if __name__ == "__main__":
    main(int(sys.argv[1]))
