package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.h3core.H3Core;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class GeoStrategyTest {

    private static final byte[] KEY = "channel-9".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldUseTheH3CellAtTheResolutionAsRegion() {
        // Given H3's documented example: this point in San Francisco is cell 8928308280fffff at resolution 9
        GeoStrategy strategy = new GeoStrategy(12, 9);

        // When / Then
        assertThat(strategy.region(37.775938728915946, -122.41795063018799)).isEqualTo(0x8928308280fffffL);
    }

    @Test
    void shouldPlaceAnEventByTheHashOfItsCellsBigEndianBytes() throws IOException {
        // Given
        H3Core h3 = H3Core.newInstance();
        GeoStrategy strategy = new GeoStrategy(40, 4);
        SplittableRandom random = new SplittableRandom(4);

        for (int i = 0; i < 20_000; i++) {
            double lat = random.nextDouble(-90, 90);
            double lng = random.nextDouble(-180, 180);
            long cell = h3.latLngToCell(lat, lng, 4);
            byte[] cellBytes = ByteBuffer.allocate(8).putLong(cell).array();
            int expected = (MurmurHash3.hash32x86(cellBytes, 0, 8, 0) & 0x7fffffff) % 40;

            // When / Then
            assertThat(strategy.partition(KEY, 0L, lat, lng)).isEqualTo(expected);
        }
    }

    @Test
    void shouldKeepARegionTogetherRegardlessOfKey() {
        GeoStrategy strategy = new GeoStrategy(12, 3);
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            partitions.add(strategy.partition(("k" + i).getBytes(StandardCharsets.UTF_8), i, 48.8566, 2.3522));
        }
        assertThat(partitions).hasSize(1);
    }

    @Test
    void shouldPlaceEventsWithoutLocationByTheirKeyLikeMurmur3Channel() {
        GeoStrategy strategy = new GeoStrategy(12, 3);
        int byKey = new Murmur3ChannelStrategy(12).partition(KEY, 0L, Double.NaN, Double.NaN);

        assertThat(strategy.partition(KEY, 0L, Double.NaN, Double.NaN)).isEqualTo(byKey);
        assertThat(strategy.partition(KEY, 0L, 10.0, Double.NaN)).isEqualTo(byKey);
        assertThat(strategy.partition(KEY, 0L, 91.0, 10.0)).isEqualTo(byKey);
        assertThat(strategy.partition(KEY, 0L, 10.0, Double.POSITIVE_INFINITY)).isEqualTo(byKey);
        assertThat(strategy.region(Double.NaN, 1.0)).isEqualTo(-1L);
    }

    @Test
    void shouldRejectResolutionsOutsideZeroToFifteen() {
        assertThatThrownBy(() -> new GeoStrategy(12, 16))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'geo'")
                .hasMessageContaining("'resolution'");
        assertThatThrownBy(() -> new GeoStrategy(12, -1)).isInstanceOf(InvalidStrategyException.class);
        assertThat(new GeoStrategy(12, 0).resolution()).isZero();
        assertThat(new GeoStrategy(12, 15).resolution()).isEqualTo(15);
    }
}
