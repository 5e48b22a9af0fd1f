package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code directory}: an explicit key -&gt; partition table consulted first, over a fallback strategy for every other key
 * (the "directory service" of partitioning designs). This is how a hot key is isolated on a partition of its own
 * without moving anyone else. Lookups compare the key bytes in place and do not allocate.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code entries} (comma-separated {@code key=partition} pairs, default none): the overrides; each key at most
 *       once, each partition in {@code [0, N)}. The key is everything before the last {@code =}, trimmed.
 *   <li>{@code encoding} ({@code utf8} or {@code hex}, default {@code utf8}): how the keys in {@code entries} are
 *       written.
 *   <li>{@code fallback} (a strategy name other than {@code directory}, default {@value #DEFAULT_FALLBACK}): places
 *       every key not in the table, with the same N.
 *   <li>{@code fallback.<option>}: an option of the fallback strategy, e.g. {@code fallback.vnodes=64}.
 * </ul>
 */
public final class DirectoryStrategy implements PartitionStrategy {

    public static final String NAME = "directory";
    public static final String ENTRIES = "entries";
    public static final String ENCODING = "encoding";
    public static final String FALLBACK = "fallback";
    public static final String FALLBACK_PREFIX = "fallback.";
    public static final String DEFAULT_FALLBACK = KafkaDefaultStrategy.NAME;

    /** One override: {@code key} always goes to {@code partition}. */
    public record Entry(byte[] key, int partition) {
        public Entry {
            Objects.requireNonNull(key, "key");
        }
    }

    private final int numPartitions;
    private final ByteKeyTable table;
    private final PartitionStrategy fallback;

    /**
     * @param entries distinct keys, partitions in {@code [0, numPartitions)}
     * @param fallback places the other keys; must have the same number of partitions and not be a directory
     */
    public DirectoryStrategy(int numPartitions, List<Entry> entries, PartitionStrategy fallback) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
        Objects.requireNonNull(fallback, "fallback");
        if (fallback instanceof DirectoryStrategy) {
            throw new InvalidStrategyException(NAME, FALLBACK, "the fallback cannot itself be a directory");
        }
        if (fallback.numPartitions() != numPartitions) {
            throw new InvalidStrategyException(
                    NAME,
                    FALLBACK,
                    "the fallback spreads over " + fallback.numPartitions() + " partitions, the directory over "
                            + numPartitions);
        }
        byte[][] keys = new byte[entries.size()][];
        int[] partitions = new int[entries.size()];
        for (int i = 0; i < keys.length; i++) {
            Entry e = entries.get(i);
            if (e.partition() < 0 || e.partition() >= numPartitions) {
                throw new InvalidStrategyException(
                        NAME,
                        ENTRIES,
                        "key " + describe(e.key()) + " maps to partition " + e.partition() + ", outside [0, "
                                + numPartitions + ")");
            }
            keys[i] = e.key();
            partitions[i] = e.partition();
        }
        try {
            this.table = new ByteKeyTable(keys, partitions);
        } catch (IllegalArgumentException duplicate) {
            throw new InvalidStrategyException(NAME, ENTRIES, duplicate.getMessage(), duplicate);
        }
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    public PartitionStrategy fallback() {
        return fallback;
    }

    /** Number of explicit entries. */
    public int size() {
        return table.size();
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        int p = table.get(key);
        return p != ByteKeyTable.ABSENT ? p : fallback.partition(key, timestampMs, latitude, longitude);
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ", entries=" + table.size() + ", fallback=" + fallback + ")";
    }

    private static String describe(byte[] key) {
        return "0x" + HexFormat.of().formatHex(key);
    }
}
