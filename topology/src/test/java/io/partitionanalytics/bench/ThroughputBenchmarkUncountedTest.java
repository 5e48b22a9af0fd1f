package io.partitionanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.junit.jupiter.api.Test;

class ThroughputBenchmarkUncountedTest {

    @Test
    void shouldCountTheRecordsAWindowedCountDropsForExpiredWindows() {
        // Given: a windowed count like bench's naive contender's (5 s windows; 1 s grace here, 2 s there)
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .count();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "uncounted");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in =
                    driver.createInputTopic("in", new StringSerializer(), new StringSerializer());

            // When: stream time reaches 20 s, then two records of the window [0 s, 5 s) and one of [15 s, 20 s) arrive
            in.pipeInput("k", "on time", 20_000);
            in.pipeInput("k", "expired", 1_000);
            in.pipeInput("k", "expired", 2_000);
            in.pipeInput("k", "within grace", 19_500);

            // Then: the two records of the expired window, from Kafka Streams' own metrics
            assertThat(ThroughputBenchmark.uncounted(driver.metrics())).isEqualTo(2);
        }
    }
}
