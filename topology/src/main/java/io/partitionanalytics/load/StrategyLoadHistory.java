package io.partitionanalytics.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What the API serves per strategy: the latest closed window in full, and the events per partition of the last
 * {@link #MAX_WINDOWS} windows (the heat map), oldest first.
 */
public record StrategyLoadHistory(LoadSnapshot latest, List<WindowEvents> recent) {

    public static final int MAX_WINDOWS = 120;

    /** Events per partition of one window, and its skew. */
    public record WindowEvents(long windowStartMs, long windowEndMs, double maxToMean, long[] events) {}

    /** This history with {@code snapshot} appended (older windows beyond the limit dropped). */
    public StrategyLoadHistory append(LoadSnapshot snapshot) {
        List<WindowEvents> windows = new ArrayList<>(recent == null ? List.of() : recent);
        long[] events = snapshot.partitions().stream()
                .mapToLong(LoadSnapshot.Partition::events)
                .toArray();
        windows.add(new WindowEvents(snapshot.windowStartMs(), snapshot.windowEndMs(), snapshot.maxToMean(), events));
        if (windows.size() > MAX_WINDOWS) {
            windows = windows.subList(windows.size() - MAX_WINDOWS, windows.size());
        }
        return new StrategyLoadHistory(snapshot, List.copyOf(windows));
    }
}
