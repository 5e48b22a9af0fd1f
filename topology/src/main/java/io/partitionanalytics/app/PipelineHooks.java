package io.partitionanalytics.app;

import io.partitionanalytics.analysis.advice.NodeModel;
import io.partitionanalytics.analysis.advice.Recommendation;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.load.InputProgress;
import io.partitionanalytics.load.LoadSnapshot;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What the running application tells the topology about the world, and hears back from it, without the topology
 * doing any I/O itself: input progress (for watermarks), the node of each partition (for alerts), the node model of a
 * strategy when the cluster tells it (for move plans: observed's brokers; null otherwise, and the topology spreads a
 * computed strategy's partitions round robin over {@code advice.nodes}), and an observer of closed windows and alerts
 * (for metrics).
 * {@link #NONE} for tests.
 */
public record PipelineHooks(
        InputProgress inputProgress,
        Function<String, IntFunction<String>> nodes,
        Function<String, NodeModel> nodeModels,
        PipelineObserver observer) {

    /**
     * Hears about every closed window, alert and recommendation of the strategies this instance owns; called on stream
     * threads.
     */
    public interface PipelineObserver {
        void onWindow(LoadSnapshot window);

        void onAlert(HotspotAlertEvent alert);

        void onRecommendation(Recommendation recommendation);

        PipelineObserver NONE = new PipelineObserver() {
            @Override
            public void onWindow(LoadSnapshot window) {}

            @Override
            public void onAlert(HotspotAlertEvent alert) {}

            @Override
            public void onRecommendation(Recommendation recommendation) {}
        };
    }

    public static final PipelineHooks NONE = new PipelineHooks(
            InputProgress.WALL_CLOCK_ONLY, strategy -> partition -> null, strategy -> null, PipelineObserver.NONE);
}
