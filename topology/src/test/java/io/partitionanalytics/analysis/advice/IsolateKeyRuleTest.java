package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolateKeyRuleTest {

    private final IsolateKeyRule rule = new IsolateKeyRule();

    /** 4 partitions; partition 2 is a dominant key (1,100 of 2,100, at least 1,080) plus small keys; partition 3 idle. */
    private static LoadSnapshot dominantKeyBesideAnIdlePartition(String strategy, String key) {
        return LoadFixtures.builder(strategy, 4)
                .events(0, 1_000)
                .distinct(0, 100)
                .events(1, 1_000)
                .distinct(1, 100)
                .events(2, 2_100)
                .distinct(2, 101)
                .key(2, key, 1_100, 1_080, 1_120)
                .build();
    }

    @Test
    void shouldPinADominantKeyToTheIdlePartitionThroughTheDirectory() {
        // Given partition 2 at 2.05x the mean, most of it one key that alone fits under the target
        LoadSnapshot snapshot = dominantKeyBesideAnIdlePartition("murmur3-channel", "c-7");

        // When
        List<Recommendation> advice = rule.propose(AdviceInput.of(snapshot, null));

        // Then the key goes to partition 3: loads 1,000 / 1,000 / 1,000 / 1,100 over a mean of 1,025
        Recommendation r = advice.get(0);
        Action pin = r.actions().get(0);
        assertThat(pin.action()).isEqualTo(Action.ISOLATE_KEY);
        assertThat(pin.key()).isEqualTo("c-7");
        assertThat(pin.partition()).isEqualTo(3);
        assertThat(r.beforeMaxToMean()).isCloseTo(2_100 / 1_025.0, within(1e-9));
        assertThat(r.afterMaxToMean()).isCloseTo(1_100 / 1_025.0, within(1e-9));
        assertThat(r.movedEventsPerSec()).isCloseTo(1_100 / 5.0, within(1e-9));
        // one key of 301 (100 + 100 + 100 small ones, and itself)
        assertThat(r.movedKeyFraction()).isCloseTo(1 / 301.0, within(1e-9));
        assertThat(pin.value()).isEqualTo("entries=c-7=3; fallback=murmur3-channel");

        // and those options build a directory that pins the key and leaves every other key where murmur3 puts it
        PartitionStrategy directory = Strategies.create("directory", 4, parse(pin.value()));
        PartitionStrategy murmur = Strategies.create("murmur3-channel", 4);
        assertThat(LoadFixtures.partitionOf(directory, "c-7")).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            assertThat(LoadFixtures.partitionOf(directory, "other-" + i))
                    .isEqualTo(LoadFixtures.partitionOf(murmur, "other-" + i));
        }
    }

    @Test
    void shouldWriteAKeyThatAListCannotHoldInHex() {
        // Given a dominant key with a comma in it, under a ring with its own options
        LoadSnapshot snapshot = dominantKeyBesideAnIdlePartition("consistent-hash", "a,b");
        AdviceInput input = AdviceInput.of(snapshot, Map.of("vnodes", "64"));

        // When
        Action pin = rule.propose(input).get(0).actions().get(0);

        // Then
        assertThat(pin.value())
                .isEqualTo("encoding=hex; entries=612c62=3; fallback=consistent-hash; fallback.vnodes=64");
        assertThat(LoadFixtures.partitionOf(Strategies.create("directory", 4, parse(pin.value())), "a,b"))
                .isEqualTo(3);
    }

    @Test
    void shouldAddToTheEntriesOfAnExistingDirectory() {
        // Given a directory that already pins two keys, one of them the hot key
        LoadSnapshot snapshot = dominantKeyBesideAnIdlePartition("directory", "c-7");
        AdviceInput input = AdviceInput.of(snapshot, Map.of("entries", "x=1,c-7=2", "fallback", "jump"));

        // When
        Action pin = rule.propose(input).get(0).actions().get(0);

        // Then the hot key's entry is replaced, the others kept
        assertThat(pin.value()).isEqualTo("entries=x=1,c-7=3; fallback=jump");
    }

    @Test
    void shouldNotIsolateAKeyTooBigForAnyPartition() {
        // Given the hot channel at 40% of traffic: wherever it goes, it alone is 4.8x the mean
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12);

        // Then pinning it elsewhere only moves the hotspot
        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }

    private static Map<String, String> parse(String rendered) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : rendered.split("; ")) {
            int eq = pair.indexOf('=');
            options.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return options;
    }
}
