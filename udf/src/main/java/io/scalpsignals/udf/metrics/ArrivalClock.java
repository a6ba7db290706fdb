package io.scalpsignals.udf.metrics;

/**
 * Wall-clock time in epoch microseconds for latency metrics only (never for results: job logic
 * runs on event time). Calibrated once per JVM from {@link System#currentTimeMillis()} and then
 * advanced by {@link System#nanoTime()}: monotonic, microsecond resolution, no allocation. Two
 * operators in the same TaskManager share the calibration; between TaskManagers the difference
 * carries their wall clocks' offset (milliseconds at worst on one host).
 */
public final class ArrivalClock {

    private static final long BASE_MICROS = System.currentTimeMillis() * 1000L - System.nanoTime() / 1000L;

    private ArrivalClock() {}

    /** Now, epoch microseconds. */
    public static long nowMicros() {
        return BASE_MICROS + System.nanoTime() / 1000L;
    }
}
