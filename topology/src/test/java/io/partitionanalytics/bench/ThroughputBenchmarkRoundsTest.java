package io.partitionanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.bench.ThroughputBenchmark.Contender;
import io.partitionanalytics.bench.ThroughputBenchmark.Rate;
import io.partitionanalytics.bench.ThroughputBenchmark.Round;
import io.partitionanalytics.bench.ThroughputBenchmark.Spread;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rounds of the throughput benchmark: each reads the topic afresh, and the summary is the median with its spread. */
class ThroughputBenchmarkRoundsTest {

    @Test
    void shouldGiveEveryContenderAndRoundAGroupOfItsOwnAndKeepTheFirstRoundsName() {
        Set<String> ids = new HashSet<>();
        for (Contender contender : Contender.values()) {
            for (int round = 1; round <= 3; round++) {
                ids.add(ThroughputBenchmark.groupId(contender, "bench-events-1", round));
            }
        }

        assertThat(ids).hasSize(Contender.values().length * 3);
        assertThat(ThroughputBenchmark.groupId(Contender.PIPELINE, "bench-events-1", 1))
                .isEqualTo("bench-pipeline-bench-events-1");
    }

    @Test
    void shouldRunEveryContenderInEveryPlaceAndAfterEveryOtherOnceInFourRounds() {
        assertThat(ThroughputBenchmark.runOrder(1))
                .containsExactly(
                        Contender.PLAIN_CONSUMER, Contender.NAIVE_STREAMS, Contender.PIPELINE, Contender.STREAMS_FLOOR);

        Map<Contender, List<Integer>> places = new EnumMap<>(Contender.class);
        Map<Contender, List<Contender>> predecessors = new EnumMap<>(Contender.class);
        for (int round = 1; round <= 4; round++) {
            List<Contender> order = ThroughputBenchmark.runOrder(round);
            assertThat(order).containsExactlyInAnyOrder(Contender.values());
            for (int place = 0; place < order.size(); place++) {
                places.computeIfAbsent(order.get(place), c -> new ArrayList<>()).add(place);
                if (place > 0) {
                    predecessors
                            .computeIfAbsent(order.get(place), c -> new ArrayList<>())
                            .add(order.get(place - 1));
                }
            }
        }
        for (Contender contender : Contender.values()) {
            assertThat(places.get(contender)).containsExactlyInAnyOrder(0, 1, 2, 3);
            List<Contender> others = new ArrayList<>(List.of(Contender.values()));
            others.remove(contender);
            assertThat(predecessors.get(contender)).containsExactlyInAnyOrderElementsOf(others);
        }
        assertThat(ThroughputBenchmark.runOrder(5)).isEqualTo(ThroughputBenchmark.runOrder(1));
    }

    @Test
    void shouldCountAsTheRunsOwnOnlyTopicsNamedAfterItsInputOrItsGroups() {
        String input = "bench-events-1700000000000-0000abcd";

        List<String> ours = ThroughputBenchmark.runTopics(
                List.of(
                        input,
                        input + "-hotspots",
                        "bench-naive-" + input + "-by-partition-repartition",
                        "bench-pipeline-" + input + "-r2-load-merge-store-changelog",
                        input + "0",
                        input + "0-hotspots",
                        "bench-pipeline-" + input + "0-load-merge-store-changelog",
                        "bench-events-1700000000000-0000abce",
                        "partition-hotspots",
                        "__consumer_offsets"),
                input);

        assertThat(ours)
                .containsExactlyInAnyOrder(
                        input,
                        input + "-hotspots",
                        "bench-naive-" + input + "-by-partition-repartition",
                        "bench-pipeline-" + input + "-r2-load-merge-store-changelog");
    }

    @Test
    void shouldRefuseARoundWithoutARateForEveryContender() {
        Map<Contender, Rate> rates = new EnumMap<>(Contender.class);
        rates.put(Contender.PIPELINE, new Rate(1, 1));

        assertThatThrownBy(() -> new Round(rates)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeTheMiddleRoundAsTheMedianOfAnOddNumber() {
        List<Round> rounds = List.of(round(300), round(100), round(200));

        Spread spread =
                Spread.of(rounds, round -> round.rate(Contender.PIPELINE).wholeRun());

        assertThat(spread).isEqualTo(new Spread(200, 100, 300));
    }

    @Test
    void shouldAverageTheTwoMiddleRoundsForTheMedianOfAnEvenNumber() {
        List<Round> rounds = List.of(round(400), round(100), round(200), round(1_000));

        Spread spread =
                Spread.of(rounds, round -> round.rate(Contender.PIPELINE).wholeRun());

        assertThat(spread).isEqualTo(new Spread(300, 100, 1_000));
        assertThat(spread.format("%.0f")).isEqualTo("300 (100 - 1000)");
    }

    private static Round round(double pipeline) {
        Map<Contender, Rate> rates = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            rates.put(contender, new Rate(1, 1));
        }
        rates.put(Contender.PIPELINE, new Rate(pipeline, pipeline));
        return new Round(rates);
    }
}
