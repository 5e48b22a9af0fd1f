package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class AnalyticsAppTest {

    @Test
    void shouldTreatATimeoutWhileTheClusterIsUnreachableAsRetriable() {
        // Given: what a punctuator's send throws after max.block.ms without a broker, as a stream thread reports it
        Throwable error = new StreamsException(
                "task [0_0] Exception caught while punctuating processor 'load-combine'",
                new TimeoutException("Topic x not present in metadata after 60000 ms."));

        // Then
        assertThat(AnalyticsApp.isRetriable(error)).isTrue();
    }

    @Test
    void shouldNotTreatABugAsRetriable() {
        assertThat(AnalyticsApp.isRetriable(new StreamsException("boom", new IllegalStateException("bug"))))
                .isFalse();
        assertThat(AnalyticsApp.isRetriable(new NullPointerException())).isFalse();
    }
}
