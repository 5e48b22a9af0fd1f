package io.partitionanalytics.partitioners;

import io.partitionanalytics.partitioners.strategy.ChannelBucketStrategy;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import io.partitionanalytics.partitioners.strategy.GeoStrategy;
import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;
import io.partitionanalytics.partitioners.strategy.KafkaDefaultStrategy;
import io.partitionanalytics.partitioners.strategy.Murmur3ChannelStrategy;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds strategies by name from string options: the single entry point for config files, the CLI and the Kafka
 * adapters. Option keys are short and per strategy; {@link #options()} documents every one (key, type, default, what it
 * does) and is the source of the README's configuration table. The strategy classes' javadoc gives the exact formulas.
 *
 * <table>
 *   <caption>Options by strategy</caption>
 *   <tr><th>strategy</th><th>options (default)</th></tr>
 *   <tr><td>{@code kafka-default}, {@code murmur3-channel}, {@code jump}</td><td>none</td></tr>
 *   <tr><td>{@code time-bucket}, {@code channel-bucket}</td><td>{@code bucket.ms} (60000)</td></tr>
 *   <tr><td>{@code consistent-hash}</td><td>{@code vnodes} (256), {@code seed} (0)</td></tr>
 *   <tr><td>{@code range}</td><td>{@code boundaries} (even split of the first two bytes), {@code encoding} (utf8)</td></tr>
 *   <tr><td>{@code directory}</td><td>{@code entries} (none), {@code encoding} (utf8), {@code fallback}
 *       (kafka-default), {@code fallback.*}</td></tr>
 *   <tr><td>{@code geo}</td><td>{@code resolution} (3)</td></tr>
 * </table>
 *
 * <p>{@value #OBSERVED} is a strategy name in config and topics too, but not a function of the event: it is the
 * partition a record was read from, which only the pipeline knows. {@link #create} rejects it.
 */
public final class Strategies {

    /** The partition a record was actually read from; handled by the topology, not built here. */
    public static final String OBSERVED = "observed";

    private static final List<String> NAMES = List.of(
            KafkaDefaultStrategy.NAME,
            Murmur3ChannelStrategy.NAME,
            TimeBucketStrategy.NAME,
            ChannelBucketStrategy.NAME,
            ConsistentHashStrategy.NAME,
            JumpHashStrategy.NAME,
            RangeStrategy.NAME,
            DirectoryStrategy.NAME,
            GeoStrategy.NAME);

    private static final String BUCKET_DOC =
            "Width of a time bucket in milliseconds; event time is floor-divided by it.";
    private static final String ENCODING_DOC = "How keys are written in this option's list: 'utf8' (the text's UTF-8"
            + " bytes) or 'hex' (for binary keys and keys containing commas).";

    private static final List<StrategyOption> OPTIONS = List.of(
            new StrategyOption(
                    TimeBucketStrategy.NAME,
                    TimeBucketStrategy.BUCKET_MS,
                    "long > 0",
                    Long.toString(TimeBucketStrategy.DEFAULT_BUCKET_MS),
                    BUCKET_DOC),
            new StrategyOption(
                    ChannelBucketStrategy.NAME,
                    ChannelBucketStrategy.BUCKET_MS,
                    "long > 0",
                    Long.toString(ChannelBucketStrategy.DEFAULT_BUCKET_MS),
                    BUCKET_DOC + " A channel moves to a new partition at each bucket boundary."),
            new StrategyOption(
                    ConsistentHashStrategy.NAME,
                    ConsistentHashStrategy.VNODES,
                    "int > 0",
                    Integer.toString(ConsistentHashStrategy.DEFAULT_VNODES),
                    "Virtual nodes per partition on the ring; per-partition imbalance is about 1/sqrt(vnodes)."
                            + " Partitions x vnodes is at most 16777216."),
            new StrategyOption(
                    ConsistentHashStrategy.NAME,
                    ConsistentHashStrategy.SEED,
                    "int",
                    Integer.toString(ConsistentHashStrategy.DEFAULT_SEED),
                    "Murmur3 seed of the vnode positions (label 'node-<partition>-vnode-<v>'); another seed draws"
                            + " another ring. Keys are always hashed with seed 0."),
            new StrategyOption(
                    RangeStrategy.NAME,
                    RangeStrategy.BOUNDARIES,
                    "comma-separated keys",
                    null,
                    "Exactly N-1 strictly increasing split keys (unsigned lexicographic); a boundary is the first key"
                            + " of its partition. Default: N-1 boundaries evenly spaced over the first two key bytes."),
            new StrategyOption(
                    RangeStrategy.NAME, RangeStrategy.ENCODING, "utf8 | hex", OptionReader.UTF8, ENCODING_DOC),
            new StrategyOption(
                    DirectoryStrategy.NAME,
                    DirectoryStrategy.ENTRIES,
                    "comma-separated key=partition",
                    "",
                    "Explicit placements, consulted before the fallback; each key once, partitions in [0, N)."),
            new StrategyOption(
                    DirectoryStrategy.NAME, DirectoryStrategy.ENCODING, "utf8 | hex", OptionReader.UTF8, ENCODING_DOC),
            new StrategyOption(
                    DirectoryStrategy.NAME,
                    DirectoryStrategy.FALLBACK,
                    "strategy name",
                    DirectoryStrategy.DEFAULT_FALLBACK,
                    "Strategy for keys not in the directory (any function strategy except directory)."),
            new StrategyOption(
                    DirectoryStrategy.NAME,
                    DirectoryStrategy.FALLBACK_PREFIX + "*",
                    "as the fallback's option",
                    null,
                    "An option of the fallback strategy, e.g. fallback.vnodes=64 for a consistent-hash fallback."),
            new StrategyOption(
                    GeoStrategy.NAME,
                    GeoStrategy.RESOLUTION,
                    "int in 0..15",
                    Integer.toString(GeoStrategy.DEFAULT_RESOLUTION),
                    "H3 resolution of a region: the event's cell at this resolution is hashed to a partition;"
                            + " events without a location are placed by the murmur3 hash of their key."));

    private Strategies() {}

    /** The function strategies this factory builds, in the order of the design document. */
    public static List<String> names() {
        return NAMES;
    }

    /** Every option of every strategy. */
    public static List<StrategyOption> options() {
        return OPTIONS;
    }

    /** The options of one strategy (empty for strategies without options). */
    public static List<StrategyOption> options(String strategy) {
        List<StrategyOption> out = new ArrayList<>();
        for (StrategyOption o : OPTIONS) {
            if (o.strategy().equals(strategy)) {
                out.add(o);
            }
        }
        return out;
    }

    /** {@link #create(String, int, Map)} with every option at its default. */
    public static PartitionStrategy create(String name, int numPartitions) {
        return create(name, numPartitions, Map.of());
    }

    /**
     * Builds the strategy {@code name} over {@code numPartitions} partitions.
     *
     * @param options option key -&gt; value, keys as listed by {@link #options(String)}; {@code null} means none
     * @throws InvalidStrategyException for an unknown name, {@code observed}, {@code numPartitions <= 0}, an option the
     *     strategy does not have, or a value it cannot use
     */
    public static PartitionStrategy create(String name, int numPartitions, Map<String, String> options) {
        checkOptions(name, options);
        if (numPartitions <= 0) {
            throw new InvalidStrategyException(
                    name,
                    InvalidStrategyException.PARTITIONS,
                    "the number of partitions must be > 0, got " + numPartitions);
        }
        OptionReader r = new OptionReader(name, options == null ? Map.of() : options);
        switch (name) {
            case KafkaDefaultStrategy.NAME:
                return new KafkaDefaultStrategy(numPartitions);
            case Murmur3ChannelStrategy.NAME:
                return new Murmur3ChannelStrategy(numPartitions);
            case TimeBucketStrategy.NAME:
                return new TimeBucketStrategy(
                        numPartitions, r.longValue(TimeBucketStrategy.BUCKET_MS, TimeBucketStrategy.DEFAULT_BUCKET_MS));
            case ChannelBucketStrategy.NAME:
                return new ChannelBucketStrategy(
                        numPartitions,
                        r.longValue(ChannelBucketStrategy.BUCKET_MS, ChannelBucketStrategy.DEFAULT_BUCKET_MS));
            case ConsistentHashStrategy.NAME:
                return new ConsistentHashStrategy(
                        numPartitions,
                        r.intValue(ConsistentHashStrategy.VNODES, ConsistentHashStrategy.DEFAULT_VNODES),
                        r.intValue(ConsistentHashStrategy.SEED, ConsistentHashStrategy.DEFAULT_SEED));
            case JumpHashStrategy.NAME:
                return new JumpHashStrategy(numPartitions);
            case RangeStrategy.NAME:
                return range(numPartitions, r);
            case DirectoryStrategy.NAME:
                return directory(numPartitions, r);
            case GeoStrategy.NAME:
                return new GeoStrategy(
                        numPartitions, r.intValue(GeoStrategy.RESOLUTION, GeoStrategy.DEFAULT_RESOLUTION));
            default:
                throw new IllegalStateException("strategy listed but not built: " + name);
        }
    }

    /**
     * Checks what can be checked without N: that {@code name} is a function strategy and that every option key is one it
     * has, with a value. Values themselves are checked by {@link #create}.
     *
     * @throws InvalidStrategyException as {@link #create} does for those problems
     */
    public static void checkOptions(String name, Map<String, String> options) {
        if (name == null || !NAMES.contains(name)) {
            if (OBSERVED.equals(name)) {
                throw new InvalidStrategyException(
                        name,
                        InvalidStrategyException.STRATEGY,
                        "'observed' is the partition a record was read from, not a function of the event; the"
                                + " pipeline measures it directly and it cannot be built here");
            }
            throw new InvalidStrategyException(
                    String.valueOf(name), InvalidStrategyException.STRATEGY, "unknown strategy; known: " + NAMES);
        }
        if (options == null) {
            return;
        }
        List<StrategyOption> declared = options(name);
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            if (key == null || declared.stream().noneMatch(o -> o.matches(key))) {
                List<String> keys = declared.stream().map(StrategyOption::key).toList();
                throw new InvalidStrategyException(
                        name,
                        String.valueOf(key),
                        "unknown option; " + (keys.isEmpty() ? "this strategy has no options" : "known: " + keys));
            }
            if (e.getValue() == null) {
                throw new InvalidStrategyException(name, key, "has no value");
            }
        }
    }

    private static PartitionStrategy range(int numPartitions, OptionReader r) {
        String encoding = r.encoding(RangeStrategy.ENCODING); // checked even when unused: a typo must not pass
        if (!r.has(RangeStrategy.BOUNDARIES)) {
            return RangeStrategy.evenlySpaced(numPartitions);
        }
        List<byte[]> boundaries = new ArrayList<>();
        for (String item : r.list(RangeStrategy.BOUNDARIES)) {
            boundaries.add(r.decodeKey(encoding, RangeStrategy.BOUNDARIES, item));
        }
        return new RangeStrategy(numPartitions, boundaries);
    }

    private static PartitionStrategy directory(int numPartitions, OptionReader r) {
        String fallbackName = r.string(DirectoryStrategy.FALLBACK, DirectoryStrategy.DEFAULT_FALLBACK);
        if (fallbackName.equals(DirectoryStrategy.NAME)) {
            throw r.invalid(DirectoryStrategy.FALLBACK, "the fallback cannot itself be a directory");
        }
        PartitionStrategy fallback;
        try {
            fallback = create(fallbackName, numPartitions, r.withPrefix(DirectoryStrategy.FALLBACK_PREFIX));
        } catch (InvalidStrategyException e) {
            String option = e.option().equals(InvalidStrategyException.STRATEGY)
                    ? DirectoryStrategy.FALLBACK
                    : DirectoryStrategy.FALLBACK_PREFIX + e.option();
            throw r.invalid(option, "fallback " + e.getMessage(), e);
        }

        String encoding = r.encoding(DirectoryStrategy.ENCODING);
        List<DirectoryStrategy.Entry> entries = new ArrayList<>();
        for (String item : r.list(DirectoryStrategy.ENTRIES)) {
            int eq = item.lastIndexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw r.invalid(DirectoryStrategy.ENTRIES, "'" + item + "' is not of the form key=partition");
            }
            String keyText = item.substring(0, eq).trim();
            String partitionText = item.substring(eq + 1).trim();
            int partition;
            try {
                partition = Integer.parseInt(partitionText);
            } catch (NumberFormatException e) {
                throw r.invalid(
                        DirectoryStrategy.ENTRIES,
                        "partition '" + partitionText + "' of '" + item + "' is not a number",
                        e);
            }
            entries.add(
                    new DirectoryStrategy.Entry(r.decodeKey(encoding, DirectoryStrategy.ENTRIES, keyText), partition));
        }
        return new DirectoryStrategy(numPartitions, entries, fallback);
    }
}
