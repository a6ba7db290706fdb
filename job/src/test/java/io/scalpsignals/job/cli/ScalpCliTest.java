package io.scalpsignals.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.testing.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usage errors fail at start with one line and exit code 2, before any job runs. */
class ScalpCliTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(ScalpCli::run, args);
    }

    private Path trades() throws IOException {
        return Files.writeString(dir.resolve("t.csv"), "symbol,ts,price,size\nA,1700000000000,1,1\n");
    }

    @Test
    void unknownOption() throws IOException {
        CliRun r = run("backfill", "--input", trades().toString(), "--out", dir.toString(), "--speed", "9");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("scalp: Unknown options: '--speed', '9'" + System.lineSeparator());
    }

    @Test
    void clusterCommandsCheckTheirOptionsBeforeTouchingTheCluster() {
        CliRun submit = run("submit", "--jobmanager", "localhost");
        CliRun stop = run("stop", "--job-id", "not-an-id", "--jobmanager", "127.0.0.1:1");
        CliRun jar = run(
                "submit",
                "--jobmanager",
                "127.0.0.1:1",
                "--jar",
                dir.resolve("none.jar").toString());

        assertThat(submit.code()).isEqualTo(2);
        assertThat(submit.err())
                .isEqualTo("scalp: --jobmanager: must be HOST:PORT, got 'localhost'" + System.lineSeparator());
        assertThat(stop.code()).isEqualTo(2);
        assertThat(stop.err()).isEqualTo("scalp: --job-id: not a job id: 'not-an-id'" + System.lineSeparator());
        assertThat(jar.code()).isEqualTo(2);
        assertThat(jar.err())
                .isEqualTo("scalp: --jar: no such file: " + dir.resolve("none.jar") + System.lineSeparator());
    }

    @Test
    void setNamesTheKeyAtFault() throws IOException {
        CliRun unknown =
                run("backfill", "--input", trades().toString(), "--set", "min_confidnce=70", "--out", dir.toString());
        CliRun bad = run("backfill", "--input", trades().toString(), "--set", "bar_sec=0", "--out", dir.toString());

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("scalp: --set: unknown key 'min_confidnce' (known: ");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("scalp: --set: ").contains("bar_sec");
        // run takes the same strategy options, checked before any broker is asked
        CliRun live = run("run", "--bootstrap-servers", "127.0.0.1:1", "--set", "min_confidnce=70");
        assertThat(live.code()).isEqualTo(2);
        assertThat(live.err()).startsWith("scalp: --set: unknown key 'min_confidnce' (known: ");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.csv");
        CliRun r = run("backfill", "--input", missing.toString(), "--out", dir.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("scalp: --input: no readable file " + missing + System.lineSeparator());
    }

    @Test
    void unknownFormat() throws IOException {
        CliRun r = run("backfill", "--input", trades().toString(), "--format", "parquet", "--out", dir.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(
                        "scalp: unknown format 'parquet' (expected auto, csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades)"
                                + System.lineSeparator());
    }

    @Test
    void undetectableFormatAndBadConfigAndBadOutputsAndBackend() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.txt"), "hello,world\n");
        Path config = Files.writeString(dir.resolve("c.yaml"), "bar_sec: 0\n");

        CliRun detect = run("backfill", "--input", odd.toString(), "--out", dir.toString());
        CliRun conf =
                run("backfill", "--input", trades().toString(), "--config", config.toString(), "--out", dir.toString());
        CliRun outputs =
                run("backfill", "--input", trades().toString(), "--outputs", "signals,trades", "--out", dir.toString());
        CliRun backend =
                run("backfill", "--input", trades().toString(), "--state-backend", "disk", "--out", dir.toString());

        assertThat(detect.code()).isEqualTo(2);
        assertThat(detect.err()).startsWith("scalp: --input: cannot tell the format of " + odd);
        assertThat(conf.code()).isEqualTo(2);
        assertThat(conf.err())
                .isEqualTo("scalp: config " + config + ": bar_sec: must be between 1 and 86400, got 0"
                        + System.lineSeparator());
        assertThat(outputs.code()).isEqualTo(2);
        assertThat(outputs.err()).startsWith("scalp: --outputs: unknown output 'trades'");
        assertThat(backend.code()).isEqualTo(2);
        assertThat(backend.err()).startsWith("scalp: --state-backend: must be heap or rocksdb, got 'disk'");
        assertThat(detect.err().lines()).hasSize(1);
    }
}
