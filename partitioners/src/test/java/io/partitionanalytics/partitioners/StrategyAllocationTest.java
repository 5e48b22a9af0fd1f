package io.partitionanalytics.partitioners;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline calls every strategy for every event, so {@code partition()} must not allocate. Measured with HotSpot's
 * per-thread allocation counter, which counts every byte a thread allocates (exact, not sampled, and not a timing).
 */
class StrategyAllocationTest {

    private static final int CALLS = 200_000;

    @Test
    void shouldNotAllocateWhenPartitioning() {
        // Given every strategy, with a non-empty directory, and keys built up front
        List<byte[]> keys = TestKeys.randomBytes(1, 1_000, 40);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        for (String name : Strategies.names()) {
            Map<String, String> options =
                    name.equals("directory") ? Map.of("entries", "channel-1=3,channel-2=4") : Map.of();
            PartitionStrategy strategy = Strategies.create(name, 12, options);
            int sink = runCalls(strategy, keys); // warm up: class loading, first H3 call

            // When
            long before = threads.getThreadAllocatedBytes(thread);
            sink += runCalls(strategy, keys);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;

            // Then (a few hundred bytes of slack for the measurement calls themselves)
            assertThat(allocated)
                    .as("%s allocated over %d calls (sink %d)", name, CALLS, sink)
                    .isLessThan(1_024);
        }
    }

    private static int runCalls(PartitionStrategy strategy, List<byte[]> keys) {
        int sum = 0;
        for (int i = 0; i < CALLS; i++) {
            byte[] key = keys.get(i % keys.size());
            sum += strategy.partition(key, 1_700_000_000_000L + i * 1_000L, 40 + (i % 10), -74 + (i % 7));
        }
        return sum;
    }
}
