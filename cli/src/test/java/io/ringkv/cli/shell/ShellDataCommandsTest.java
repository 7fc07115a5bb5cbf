package io.ringkv.cli.shell;

import static io.ringkv.coordinator.consistency.ConsistencyLevel.ALL;
import static io.ringkv.coordinator.consistency.ConsistencyLevel.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellDataCommandsTest {
    private static final ConsistencySettings READ_ONE_WRITE_ALL = new ConsistencySettings(ONE, ALL);

    private static List<String> server(String name, String... args) {
        return DataCommands.translate(name, List.of(args), READ_ONE_WRITE_ALL).serverArgs();
    }

    @Test
    void readsGoAtTheReadLevel() {
        assertThat(server("get", "k")).containsExactly("CL", "ONE", "GET", "k");
        assertThat(server("ttl", "k")).containsExactly("CL", "ONE", "TTL", "k");
    }

    @Test
    void writesGoAtTheWriteLevel() {
        assertThat(server("set", "k", "v")).containsExactly("CL", "ALL", "SET", "k", "v");
        assertThat(server("del", "a", "b")).containsExactly("CL", "ALL", "DEL", "a", "b");
        assertThat(server("incr", "n")).containsExactly("CL", "ALL", "INCR", "n");
    }

    @Test
    void hashCommandsGoAsTypedAtTheirLevel() {
        assertThat(server("hset", "h", "f", "v", "g", "w")).containsExactly("CL", "ALL", "HSET", "h", "f", "v", "g", "w");
        assertThat(server("hdel", "h", "f")).containsExactly("CL", "ALL", "HDEL", "h", "f");
        assertThat(server("hincrby", "h", "n", "5")).containsExactly("CL", "ALL", "HINCRBY", "h", "n", "5");
        assertThat(server("hget", "h", "f")).containsExactly("CL", "ONE", "HGET", "h", "f");
        assertThat(server("hgetall", "h")).containsExactly("CL", "ONE", "HGETALL", "h");
        assertThat(server("hscan", "h", "0", "match", "f*")).containsExactly("CL", "ONE", "HSCAN", "h", "0", "match", "f*");
        assertThatThrownBy(() -> server("hget", "h")).isInstanceOf(UsageException.class)
                .hasMessage("usage: hget <key> <field>");
        assertThatThrownBy(() -> server("hset", "h", "f")).isInstanceOf(UsageException.class);
        assertThat(DataCommands.NAMES).contains("hset", "hget", "hdel", "hgetall", "hmget", "hexists", "hlen", "hkeys",
                "hvals", "hstrlen", "hincrby", "hincrbyfloat", "hrandfield", "hscan", "hsetnx");
        assertThat(CommandHelp.names()).containsAll(DataCommands.PLAIN.keySet());
        assertThat(server("sadd", "s", "m")).containsExactly("CL", "ALL", "SADD", "s", "m");
        assertThat(server("sismember", "s", "m")).containsExactly("CL", "ONE", "SISMEMBER", "s", "m");
    }

    @Test
    void setOptionsAreAcceptedInAnyOrderAndNormalised() {
        assertThat(server("set", "k", "v", "nx", "ex", "10")).containsExactly("CL", "ALL", "SET", "k", "v", "EX", "10", "NX");
        assertThat(server("set", "k", "v", "XX")).containsExactly("CL", "ALL", "SET", "k", "v", "XX");
    }

    @Test
    void setRejectsNxWithXxAndABadExpiry() {
        assertThatThrownBy(() -> server("set", "k", "v", "nx", "xx")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unexpected 'xx'");
        assertThatThrownBy(() -> server("set", "k", "v", "ex", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("ex SECONDS must be a positive integer, got '0'");
        assertThatThrownBy(() -> server("set", "k", "v", "ex")).isInstanceOf(UsageException.class);
    }

    @Test
    void wrongArgumentCountsAreUsageMistakes() {
        assertThatThrownBy(() -> server("get")).isInstanceOf(UsageException.class).hasMessage("usage: get <key>");
        assertThatThrownBy(() -> server("get", "a", "b")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> server("del")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> server("set", "k")).isInstanceOf(UsageException.class);
    }

    @Test
    void keysListsEverythingAndShowsTwentyByDefault() {
        DataRequest request = DataCommands.translate("keys", List.of(), READ_ONE_WRITE_ALL);
        assertThat(request.serverArgs()).containsExactly("CL", "ONE", "KEYS", "*");
        assertThat(request.maxItemsShown()).isEqualTo(20);
    }

    @Test
    void keysTakesAPatternAndACount() {
        DataRequest request = DataCommands.translate("keys", List.of("user*", "5"), READ_ONE_WRITE_ALL);
        assertThat(request.serverArgs()).containsExactly("CL", "ONE", "KEYS", "user*");
        assertThat(request.maxItemsShown()).isEqualTo(5);
        assertThatThrownBy(() -> server("keys", "*", "many")).isInstanceOf(UsageException.class);
    }
}
