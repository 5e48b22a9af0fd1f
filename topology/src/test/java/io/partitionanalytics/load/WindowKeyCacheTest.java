package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.junit.jupiter.api.Test;

class WindowKeyCacheTest {

    private static final long WINDOW = 60_000;

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindAKeySeenInTheSameWindowWithItsPartitionsAndText() {
        // Given
        WindowKeyCache cache = new WindowKeyCache(16, 3);
        int slot = cache.claim(42L, bytes("c-1"), WINDOW, "c-1");
        cache.setPartition(slot, 2, 7);

        // When: the same key, in another array
        int found = cache.slot(42L, bytes("c-1"), WINDOW);

        // Then
        assertThat(found).isEqualTo(slot);
        assertThat(cache.partition(found, 2)).isEqualTo(7);
        assertThat(cache.key(found)).isEqualTo("c-1");
    }

    @Test
    void shouldMissAnotherKeyWithTheSameHashAndTheSameKeyInAnotherWindow() {
        // Given
        WindowKeyCache cache = new WindowKeyCache(16, 3);
        cache.claim(42L, bytes("c-1"), WINDOW, "c-1");

        // When / Then: a colliding hash is not taken for the key, nor is the next window
        assertThat(cache.slot(42L, bytes("c-2"), WINDOW)).isEqualTo(-1);
        assertThat(cache.slot(42L, bytes("c-1"), 2 * WINDOW)).isEqualTo(-1);
    }

    @Test
    void shouldAddBatchedHeavyKeyCountsWhenAKeyIsEvictedItsSketchChangesOrAllAreApplied() {
        // Given a key counted three times in one window's sketch
        WindowKeyCache cache = new WindowKeyCache(16, 3);
        ItemsSketch<String> first = WindowLoad.newWindowHeavyKeys();
        ItemsSketch<String> second = WindowLoad.newWindowHeavyKeys();
        int slot = cache.claim(42L, bytes("c-1"), WINDOW, "c-1");
        for (int i = 0; i < 3; i++) {
            cache.countHeavy(slot, first);
        }
        assertThat(first.getEstimate("c-1")).as("batched, not added yet").isZero();

        // When its window's loads are sent (a new sketch for the rest of the window) and it is counted twice more
        cache.countHeavy(slot, second);
        cache.countHeavy(slot, second);

        // Then the first sketch has its three, the second nothing yet
        assertThat(first.getEstimate("c-1")).isEqualTo(3);
        assertThat(second.getEstimate("c-1")).isZero();

        // When a key with the same slot evicts it, and that key is counted once
        int evictor = cache.claim(42L, bytes("c-2"), WINDOW, "c-2");
        cache.countHeavy(evictor, second);

        // Then the evicted key's two are in, and the rest once everything pending is applied
        assertThat(second.getEstimate("c-1")).isEqualTo(2);
        cache.applyHeavyCounts();
        assertThat(second.getEstimate("c-2")).isEqualTo(1);
        assertThat(first.getStreamLength() + second.getStreamLength()).isEqualTo(6);

        // and applying again adds nothing twice
        cache.applyHeavyCounts();
        assertThat(second.getStreamLength()).isEqualTo(3);
    }
}
