package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After a lost connection the shell runs a command again elsewhere only if that cannot apply it twice. */
class ShellRetryPolicyTest {

    @Test
    void readsAreRetriedWritesAreNot() {
        assertThat(NodeConnection.isSafeToRetry("CL", "QUORUM", "GET", "k")).isTrue();
        assertThat(NodeConnection.isSafeToRetry("INFO", "paxos")).isTrue();
        assertThat(NodeConnection.isSafeToRetry("CL", "STRONG", "GET", "k")).isTrue();
        assertThat(NodeConnection.isSafeToRetry("CL", "QUORUM", "INCR", "k")).isFalse();
        assertThat(NodeConnection.isSafeToRetry("CL", "STRONG", "SET", "k", "v")).isFalse();
        assertThat(NodeConnection.isSafeToRetry("CL", "STRONG", "CAS", "k", "a", "b")).isFalse();
        assertThat(NodeConnection.isSafeToRetry("FAULT", "HEAL")).isFalse();
    }
}
