package io.scalpsignals.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A missing data file skips a test, or fails it when data is required (as in CI). */
class SharedDataTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileSkipsUnlessDataIsRequired() {
        Path missing = dir.resolve("trades.csv");

        assertThatThrownBy(() -> SharedData.present(missing, "shared data", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("shared data not found: " + missing);
        assertThatThrownBy(() -> SharedData.present(missing, "shared data", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("SCALP_REQUIRE_DATA=true");
        assertThatThrownBy(() -> SharedData.present(null, "demo trades (scalp.demo.data)", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("demo trades (scalp.demo.data) not found: its path is not set");
    }

    @Test
    void dataIsRequiredWhenTheEnvironmentSaysTrue() {
        assertThat(SharedData.required(Map.of("SCALP_REQUIRE_DATA", "true"))).isTrue();
        assertThat(SharedData.required(Map.of("SCALP_REQUIRE_DATA", "TRUE"))).isTrue();
        assertThat(SharedData.required(Map.of("SCALP_REQUIRE_DATA", "1"))).isFalse();
        assertThat(SharedData.required(Map.of())).isFalse();
    }

    @Test
    void aPresentFileIsReturnedEitherWay() throws IOException {
        Path file = Files.writeString(dir.resolve("trades.csv"), "symbol,ts,price,size\n");

        assertThat(SharedData.present(file, "shared data", true)).isEqualTo(file);
        assertThat(SharedData.present(file, "shared data", false)).isEqualTo(file);
        assertThatThrownBy(() -> SharedData.present(dir, "shared data", true))
                .as("a directory is no data file")
                .isInstanceOf(AssertionError.class);
    }
}
