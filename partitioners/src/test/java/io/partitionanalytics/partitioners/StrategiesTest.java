package io.partitionanalytics.partitioners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategiesTest {

    @Test
    void shouldListTheFunctionStrategiesOfTheDesign() {
        assertThat(Strategies.names())
                .containsExactly(
                        "kafka-default",
                        "murmur3-channel",
                        "time-bucket",
                        "channel-bucket",
                        "consistent-hash",
                        "jump",
                        "range",
                        "directory",
                        "geo");
    }

    @Test
    void shouldBuildEveryStrategyWithDefaultOptions() {
        for (String name : Strategies.names()) {
            for (int n : new int[] {1, 12}) {
                // When
                PartitionStrategy strategy = Strategies.create(name, n, Map.of());

                // Then
                assertThat(strategy.name()).isEqualTo(name);
                assertThat(strategy.numPartitions()).isEqualTo(n);
                for (byte[] key : TestKeys.randomBytes(n, 2_000, 32)) {
                    assertThat(strategy.partition(key, 1_700_000_000_000L + key.length * 7_919L, 52.5, 13.4))
                            .isBetween(0, n - 1);
                }
            }
        }
    }

    @Test
    void shouldAcceptEveryDeclaredOptionAtItsDefault() {
        for (StrategyOption option : Strategies.options()) {
            if (option.defaultValue() == null || option.key().endsWith(".*")) {
                continue;
            }
            // When / Then: no exception, and the option belongs to a known strategy
            assertThat(Strategies.create(option.strategy(), 12, Map.of(option.key(), option.defaultValue())))
                    .isNotNull();
        }
        assertThat(Strategies.options())
                .allSatisfy(o -> assertThat(Strategies.names()).contains(o.strategy()));
    }

    @Test
    void shouldReadNumericOptions() {
        assertThat(((TimeBucketStrategy) Strategies.create("time-bucket", 3, Map.of("bucket.ms", " 5000 "))).bucketMs())
                .isEqualTo(5000);
        ConsistentHashStrategy ring =
                (ConsistentHashStrategy) Strategies.create("consistent-hash", 3, Map.of("vnodes", "8", "seed", "-7"));
        assertThat(ring.ring().vnodesPerNode()).isEqualTo(8);
        assertThat(ring.ring().seed()).isEqualTo(-7);
    }

    @Test
    void shouldParseRangeBoundariesAsUtf8OrHex() {
        // Given
        PartitionStrategy utf8 = Strategies.create("range", 3, Map.of("boundaries", "g, ü"));
        PartitionStrategy hex = Strategies.create("range", 3, Map.of("boundaries", "67,c3bc", "encoding", "hex"));

        // When / Then: the same boundaries either way
        for (String key : new String[] {"a", "g", "t", "ü", "üz"}) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(utf8.partition(bytes, 0, Double.NaN, Double.NaN))
                    .isEqualTo(hex.partition(bytes, 0, Double.NaN, Double.NaN));
        }
        assertThat(utf8.partition("g".getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN))
                .isEqualTo(1);
        assertThat(((RangeStrategy) hex).boundaries()).hasSize(2);
    }

    @Test
    void shouldParseDirectoryEntriesAndPassOptionsToTheFallback() {
        // Given
        DirectoryStrategy directory = (DirectoryStrategy) Strategies.create(
                "directory",
                12,
                Map.of(
                        "entries", "hot=11, a=b=3",
                        "fallback", "consistent-hash",
                        "fallback.vnodes", "16"));

        // When / Then
        assertThat(directory.partition(utf8("hot"), 0, Double.NaN, Double.NaN)).isEqualTo(11);
        assertThat(directory.partition(utf8("a=b"), 0, Double.NaN, Double.NaN)).isEqualTo(3);
        assertThat(directory.fallback()).isInstanceOf(ConsistentHashStrategy.class);
        assertThat(((ConsistentHashStrategy) directory.fallback()).ring().vnodesPerNode())
                .isEqualTo(16);
        byte[] other = utf8("cold");
        assertThat(directory.partition(other, 0, Double.NaN, Double.NaN))
                .isEqualTo(directory.fallback().partition(other, 0, Double.NaN, Double.NaN));

        DirectoryStrategy hex =
                (DirectoryStrategy) Strategies.create("directory", 4, Map.of("entries", "00ff=2", "encoding", "hex"));
        assertThat(hex.partition(new byte[] {0, -1}, 0, Double.NaN, Double.NaN)).isEqualTo(2);
        assertThat(hex.fallback().name()).isEqualTo("kafka-default");
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                Arguments.of("nope", 12, Map.of(), "strategy", "unknown strategy"),
                Arguments.of(null, 12, Map.of(), "strategy", "unknown strategy"),
                Arguments.of("observed", 12, Map.of(), "strategy", "read from"),
                Arguments.of("kafka-default", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("murmur3-channel", -1, Map.of(), "partitions", "> 0"),
                Arguments.of("time-bucket", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("channel-bucket", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("consistent-hash", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("jump", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("range", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("directory", 0, Map.of(), "partitions", "> 0"),
                Arguments.of("geo", -3, Map.of(), "partitions", "> 0"),
                Arguments.of("consistent-hash", 12, Map.of("vnodes", "0"), "vnodes", "> 0"),
                Arguments.of("consistent-hash", 12, Map.of("vnodes", "-4"), "vnodes", "> 0"),
                Arguments.of("consistent-hash", 12, Map.of("vnodes", "1.5"), "vnodes", "not a 32-bit whole number"),
                Arguments.of("consistent-hash", 12, Map.of("seed", "99999999999"), "seed", "not a 32-bit"),
                Arguments.of("consistent-hash", 12, Map.of("vnode", "4"), "vnode", "unknown option"),
                Arguments.of("time-bucket", 12, Map.of("bucket.ms", "0"), "bucket.ms", "> 0"),
                Arguments.of("time-bucket", 12, Map.of("bucket.ms", "1m"), "bucket.ms", "not a whole number"),
                Arguments.of("channel-bucket", 12, Map.of("bucket.ms", "-60000"), "bucket.ms", "> 0"),
                Arguments.of("jump", 12, Map.of("vnodes", "4"), "vnodes", "has no options"),
                Arguments.of("range", 3, Map.of("boundaries", "m,c"), "boundaries", "strictly increasing"),
                Arguments.of("range", 3, Map.of("boundaries", "m,m"), "boundaries", "repeats"),
                Arguments.of("range", 3, Map.of("boundaries", "c,,m"), "boundaries", "empty"),
                Arguments.of("range", 3, Map.of("boundaries", "c"), "boundaries", "exactly 2"),
                Arguments.of("range", 3, Map.of("boundaries", "0g,10", "encoding", "hex"), "boundaries", "not hex"),
                Arguments.of("range", 3, Map.of("encoding", "base64"), "encoding", "'utf8' or 'hex'"),
                Arguments.of("directory", 4, Map.of("entries", "a"), "entries", "key=partition"),
                Arguments.of("directory", 4, Map.of("entries", "a=x"), "entries", "not a number"),
                Arguments.of("directory", 4, Map.of("entries", "a=4"), "entries", "outside [0, 4)"),
                Arguments.of("directory", 4, Map.of("entries", "a=1,a=2"), "entries", "more than once"),
                Arguments.of("directory", 4, Map.of("fallback", "directory"), "fallback", "cannot itself"),
                Arguments.of("directory", 4, Map.of("fallback", "observed"), "fallback", "read from"),
                Arguments.of("directory", 4, Map.of("fallback", "nope"), "fallback", "unknown strategy"),
                Arguments.of(
                        "directory",
                        4,
                        Map.of("fallback", "consistent-hash", "fallback.vnodes", "0"),
                        "fallback.vnodes",
                        "> 0"),
                Arguments.of("directory", 4, Map.of("fallback.x", "1"), "fallback.x", "unknown option"),
                Arguments.of("geo", 12, Map.of("resolution", "16"), "resolution", "0..15"),
                Arguments.of("geo", 12, Map.of("resolution", "-1"), "resolution", "0..15"),
                Arguments.of("geo", 12, Map.of("resolution", "high"), "resolution", "not a 32-bit"));
    }

    @ParameterizedTest(name = "{0} N={1} {2}")
    @MethodSource("invalidConfigurations")
    void shouldRejectInvalidConfigurationsNamingStrategyAndOption(
            String name, int n, Map<String, String> options, String option, String problem) {
        // When
        InvalidStrategyException e =
                catchThrowableOfType(InvalidStrategyException.class, () -> Strategies.create(name, n, options));

        // Then
        assertThat(e).as("exception for %s %s", name, options).isNotNull();
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.strategy()).isEqualTo(String.valueOf(name));
        assertThat(e.option()).isEqualTo(option);
        assertThat(e.getMessage())
                .contains("'" + name + "'")
                .contains("'" + option + "'")
                .contains(problem);
    }

    @Test
    void shouldCheckNamesAndKeysWithoutBuilding() {
        Strategies.checkOptions("consistent-hash", Map.of("vnodes", "0")); // values are create()'s business
        assertThat(catchThrowableOfType(
                                InvalidStrategyException.class,
                                () -> Strategies.checkOptions("consistent-hash", Map.of("vnodez", "1")))
                        .option())
                .isEqualTo("vnodez");
    }

    @Test
    void shouldDescribeOptionsPerStrategy() {
        assertThat(Strategies.options("consistent-hash"))
                .extracting(StrategyOption::key)
                .containsExactly("vnodes", "seed");
        assertThat(Strategies.options("jump")).isEmpty();
        assertThat(Strategies.options())
                .allSatisfy(o -> assertThat(o.description()).isNotBlank());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
