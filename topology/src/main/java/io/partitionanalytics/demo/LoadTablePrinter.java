package io.partitionanalytics.demo;

import io.partitionanalytics.schemas.PartitionLoad;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders closed windows of {@link PartitionLoad} rows as a compact table, one line per strategy, as soon as every
 * configured strategy's rows of a window have arrived. Hot partitions (at least {@code hotRatio} × mean) are marked.
 */
public final class LoadTablePrinter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final List<String> strategies;
    private final double hotRatio;
    /** window start -> strategy -> partition -> row. */
    private final Map<Long, Map<String, Map<Integer, PartitionLoad>>> pending = new TreeMap<>();

    public LoadTablePrinter(PrintStream out, List<String> strategies, double hotRatio) {
        this.out = out;
        this.strategies = List.copyOf(strategies);
        this.hotRatio = hotRatio;
    }

    /** Adds one row; prints its window when the window is complete. */
    public void accept(PartitionLoad row) {
        Map<String, Map<Integer, PartitionLoad>> window =
                pending.computeIfAbsent(row.getWindowStartMs(), ws -> new TreeMap<>());
        window.computeIfAbsent(row.getStrategy(), s -> new TreeMap<>()).put(row.getPartition(), row);
        if (isComplete(window)) {
            print(row.getWindowStartMs(), row.getWindowEndMs(), window);
            pending.remove(row.getWindowStartMs());
        }
    }

    private boolean isComplete(Map<String, Map<Integer, PartitionLoad>> window) {
        for (String strategy : strategies) {
            Map<Integer, PartitionLoad> rows = window.get(strategy);
            if (rows == null
                    || rows.isEmpty()
                    || rows.size() < rows.values().iterator().next().getNumPartitions()) {
                return false;
            }
        }
        return true;
    }

    private void print(long startMs, long endMs, Map<String, Map<Integer, PartitionLoad>> window) {
        long total = window.get(strategies.get(0)).values().stream()
                .mapToLong(PartitionLoad::getEvents)
                .sum();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "%nwindow %s-%s  %,d events   (* = at least %.1fx mean)%n",
                TIME.format(Instant.ofEpochMilli(startMs)), TIME.format(Instant.ofEpochMilli(endMs)), total, hotRatio));
        int widest = strategies.stream().mapToInt(String::length).max().orElse(8);
        int maxPartitions = window.values().stream().mapToInt(Map::size).max().orElse(0);
        text.append(String.format("  %-" + widest + "s %8s ", "strategy", "max/mean"));
        for (int p = 0; p < Math.min(maxPartitions, 32); p++) {
            text.append(String.format("%7s", "p" + p));
        }
        text.append('\n');
        for (String strategy : strategies) {
            List<PartitionLoad> rows = new ArrayList<>(window.get(strategy).values());
            double maxRatio = rows.stream()
                    .mapToDouble(PartitionLoad::getRatioToMean)
                    .max()
                    .orElse(0);
            text.append(String.format("  %-" + widest + "s %8.2f ", strategy, maxRatio));
            for (PartitionLoad row : rows.subList(0, Math.min(rows.size(), 32))) {
                String mark = row.getRatioToMean() >= hotRatio ? "*" : " ";
                text.append(String.format("%6d%s", row.getEvents(), mark));
            }
            if (rows.size() > 32) {
                text.append(" ... (").append(rows.size()).append(" partitions)");
            }
            text.append('\n');
        }
        out.print(text);
        out.flush();
    }
}
