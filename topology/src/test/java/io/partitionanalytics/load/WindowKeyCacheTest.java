package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
