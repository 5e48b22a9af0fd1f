package io.partitionanalytics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadStatisticsTest {

    @Test
    void shouldSeeNoSkewInAnEvenLoad() {
        // Given four partitions with the same load
        LoadStatistics stats = LoadStatistics.of(new long[] {25, 25, 25, 25});

        // Then
        assertThat(stats.total()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(25.0);
        assertThat(stats.peakToMean()).isEqualTo(1.0);
        assertThat(stats.coefficientOfVariation()).isZero();
        assertThat(stats.ratio(3)).isEqualTo(1.0);
        assertThat(stats.share(3)).isEqualTo(0.25);
    }

    @Test
    void shouldMeasureOneHotPartition() {
        // Given one partition with 70 of 100 events
        LoadStatistics stats = LoadStatistics.of(new long[] {10, 70, 10, 10});

        // Then mean 25, deviations 15, 45, 15, 15: variance (3 x 225 + 2025) / 4 = 675
        assertThat(stats.max()).isEqualTo(70);
        assertThat(stats.hottestPartition()).isEqualTo(1);
        assertThat(stats.peakToMean()).isEqualTo(2.8);
        assertThat(stats.standardDeviation()).isCloseTo(Math.sqrt(675), within(1e-12));
        assertThat(stats.coefficientOfVariation()).isCloseTo(Math.sqrt(675) / 25, within(1e-12));
        assertThat(stats.ratio(1)).isEqualTo(2.8);
        assertThat(stats.share(1)).isEqualTo(0.7);
    }

    @Test
    void shouldCountEmptyPartitionsInTheMean() {
        // Given all load on one of three partitions
        LoadStatistics stats = LoadStatistics.of(new long[] {0, 30, 0});

        // Then the mean is over all three, so the peak is N times the mean
        assertThat(stats.mean()).isEqualTo(10.0);
        assertThat(stats.peakToMean()).isEqualTo(3.0);
        assertThat(stats.coefficientOfVariation()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(stats.ratio(0)).isZero();
    }

    @Test
    void shouldReportNoSkewWithoutLoad() {
        LoadStatistics stats = LoadStatistics.of(new long[] {0, 0, 0});

        assertThat(stats.peakToMean()).isZero();
        assertThat(stats.coefficientOfVariation()).isZero();
        assertThat(stats.ratio(1)).isZero();
        assertThat(stats.share(1)).isZero();
    }

    @Test
    void shouldNameTheLowestOfTiedHottestPartitions() {
        assertThat(LoadStatistics.of(new long[] {5, 9, 9}).hottestPartition()).isEqualTo(1);
    }

    @Test
    void shouldStayAccurateForLargeNearlyEqualLoads() {
        // Given loads where sum-of-squares arithmetic would cancel catastrophically
        long base = 1_000_000_000_000L;
        LoadStatistics stats = LoadStatistics.of(new long[] {base + 1, base - 1, base + 1, base - 1});

        // Then the standard deviation is exactly 1
        assertThat(stats.standardDeviation()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void shouldNotBeChangedByItsInputArray() {
        long[] loads = {1, 2, 3};
        LoadStatistics stats = LoadStatistics.of(loads);

        loads[0] = 100;

        assertThat(stats.load(0)).isEqualTo(1);
        assertThat(stats.total()).isEqualTo(6);
    }

    @Test
    void shouldRejectNoPartitionsAndNegativeLoads() {
        assertThatThrownBy(() -> LoadStatistics.of(new long[0])).hasMessageContaining("at least one partition");
        assertThatThrownBy(() -> LoadStatistics.of(new long[] {1, -1})).hasMessageContaining("partition 1");
    }
}
