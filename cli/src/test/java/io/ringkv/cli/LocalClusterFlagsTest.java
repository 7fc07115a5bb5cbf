package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of the shell JVM's own flags its node processes inherit. */
class LocalClusterFlagsTest {

    @Test
    void nodesGetTheLaunchersStartFlagsAndNothingElse() {
        List<String> shellFlags = List.of("-XX:SharedArchiveFile=/x/cli/target/cds/ringkv-1.jsa", "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:+UseTransparentHugePages",
                "-Xmx512m", "-javaagent:/tmp/agent.jar", "-Dringkv.debug=true", "-XX:+HeapDumpOnOutOfMemoryError");

        assertThat(LocalCluster.launcherJvmFlags(shellFlags)).containsExactly(
                "-XX:SharedArchiveFile=/x/cli/target/cds/ringkv-1.jsa", "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:+UseTransparentHugePages");
    }
}
