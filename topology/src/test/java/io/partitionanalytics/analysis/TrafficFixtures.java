package io.partitionanalytics.analysis;

import java.util.ArrayList;
import java.util.List;

/** Key populations for analysis tests. */
final class TrafficFixtures {

    private TrafficFixtures() {}

    /** {@code count} keys {@code k-0 .. k-<count-1>}, each with one event of 100 bytes. */
    static List<KeyTraffic> uniformKeys(int count) {
        List<KeyTraffic> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(KeyTraffic.of("k-" + i, 1, 100));
        }
        return keys;
    }
}
