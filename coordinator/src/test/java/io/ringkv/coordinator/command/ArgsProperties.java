package io.ringkv.coordinator.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Integers are parsed exactly as Redis's string2ll accepts them. */
class ArgsProperties {

    @Property(tries = 500)
    void everyLongRoundTrips(@ForAll long value) {
        assertThat(Args.parseLong(Args.bytes(value))).isEqualTo(value);
    }

    @Test
    void redisRejectsWhatJavaWouldAccept() {
        for (String bad : new String[] {"+1", "01", "-0", " 1", "1 ", "", "-", "9223372036854775808", "1e3", "0x10"}) {
            assertThat(Args.tryParseLong(bad.getBytes(StandardCharsets.US_ASCII))).as(bad).isNull();
        }
        assertThat(Args.tryParseLong("-9223372036854775808".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Long.MIN_VALUE);
    }
}
