package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.load.LoadSnapshot;
import org.junit.jupiter.api.Test;

class KeyLoadModelTest {

    @Test
    void shouldSplitEachPartitionIntoNamedKeysAndAResidual() {
        // Given a partition of 1,000 events, two named keys of 300 and 200, 50 distinct keys
        LoadSnapshot snapshot = LoadFixtures.builder("jump", 2)
                .events(0, 1_000)
                .distinct(0, 50)
                .key(0, "a", 300)
                .key(0, "b", 200)
                .events(1, 500)
                .distinct(1, 10)
                .build();

        // When
        KeyLoadModel model = KeyLoadModel.of(snapshot);

        // Then
        assertThat(model.heavyKeys(0)).extracting(KeyLoadModel.HeavyKey::key).containsExactly("a", "b");
        assertThat(model.residualEvents(0)).isEqualTo(500);
        assertThat(model.residualKeys(0)).isEqualTo(48);
        assertThat(model.heavyKeys(0).get(0).bytes()).isEqualTo(300.0 * LoadFixtures.BYTES_PER_EVENT);
        assertThat(model.totalKeys()).isEqualTo(60);
        assertThat(model.residualShare()).isCloseTo(1_000.0 / 1_500, within(1e-12));
    }

    @Test
    void shouldScaleOvercountedKeysToThePartitionsExactTotal() {
        // Given estimates adding up to more than the partition's exact count (each may overcount by its error)
        LoadSnapshot snapshot = LoadFixtures.builder("jump", 1)
                .events(0, 1_000)
                .distinct(0, 2)
                .key(0, "a", 800, 700, 800)
                .key(0, "b", 400, 300, 400)
                .build();

        // When
        KeyLoadModel model = KeyLoadModel.of(snapshot);

        // Then the partition stays at 1,000 events and has no residual
        assertThat(model.heavyKeys(0).get(0).events()
                        + model.heavyKeys(0).get(1).events())
                .isCloseTo(1_000, within(1e-9));
        assertThat(model.residualEvents(0)).isZero();
        assertThat(model.residualKeys(0)).isZero();
    }

    @Test
    void shouldPredictTheWindowItselfWhenNothingChanges() {
        // Given any snapshot, re-placed with every key and residual where it is
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent("jump", 12);
        KeyLoadModel model = KeyLoadModel.of(snapshot);
        Placement unchanged = new Placement() {
            @Override
            public int partitions() {
                return 12;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return Spreads.oneHot(12, key.partition());
            }

            @Override
            public double[] residualShares(int partition) {
                return Spreads.oneHot(12, partition);
            }
        };

        // When
        Prediction same = Prediction.of(model, unchanged);

        // Then the same loads, nothing moved
        assertThat(same.statistics().loads()).containsExactly(model.events());
        assertThat(same.maxToMean()).isCloseTo(snapshot.maxToMean(), within(1e-12));
        assertThat(same.movedEvents()).isZero();
        assertThat(same.movedKeyFraction()).isZero();
    }
}
