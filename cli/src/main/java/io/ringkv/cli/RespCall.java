package io.ringkv.cli;

import java.io.IOException;

/**
 * One request and its reply over RESP: what the repair driver and the shell's commands need from
 * a connection, so a plain {@link RespClient} and the shell's failover connection serve alike.
 * Replies are as {@link RespClient#read()} returns them; an error reply is a
 * {@link RespClient.RespError}, and only a broken connection throws.
 */
@FunctionalInterface
public interface RespCall {
    Object call(String... args) throws IOException;
}
