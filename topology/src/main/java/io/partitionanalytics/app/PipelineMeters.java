package io.partitionanalytics.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.partitionanalytics.analysis.advice.Recommendation;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.load.LoadSnapshot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's own Prometheus metrics, from closed windows and alerts. Labels are bounded: {@code strategy} (the
 * configured strategies) × {@code partition} (their partition counts), {@code severity} (2), {@code state} (3).
 * An instance exports the strategies it owns; aggregate with {@code max by (strategy)} across instances.
 */
final class PipelineMeters implements PipelineHooks.PipelineObserver {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> partitionEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> partitionRatioMilli = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> strategyValues = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openAlerts = new ConcurrentHashMap<>();
    private final Map<String, HotspotAlertEvent.Severity> openBySeverity = new ConcurrentHashMap<>();

    PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onWindow(LoadSnapshot window) {
        String strategy = window.strategy();
        for (LoadSnapshot.Partition partition : window.partitions()) {
            String p = String.valueOf(partition.partition());
            gauge(
                            partitionEvents,
                            "partition_analytics_partition_events",
                            "Events of the partition in the latest " + "closed window",
                            strategy,
                            p,
                            1)
                    .set(partition.events());
            gauge(
                            partitionRatioMilli,
                            "partition_analytics_partition_ratio_to_mean",
                            "Events of the partition / mean " + "over all partitions, latest closed window",
                            strategy,
                            p,
                            1000)
                    .set(Math.round(partition.ratioToMean() * 1000));
        }
        strategyGauge(
                        "partition_analytics_strategy_max_to_mean",
                        "Hottest partition / mean, latest closed window",
                        strategy,
                        1000)
                .set(Math.round(window.maxToMean() * 1000));
        strategyGauge(
                        "partition_analytics_strategy_cv",
                        "Coefficient of variation of partition loads, latest closed " + "window",
                        strategy,
                        1000)
                .set(Math.round(window.coefficientOfVariation() * 1000));
        strategyGauge("partition_analytics_strategy_window_events", "Events of the latest closed window", strategy, 1)
                .set(window.totalEvents());
        strategyGauge(
                        "partition_analytics_last_window_end_seconds",
                        "End of the latest closed window (epoch s): " + "processing is stalled when it stops moving",
                        strategy,
                        1000)
                .set(window.windowEndMs());
    }

    @Override
    public void onRecommendation(Recommendation recommendation) {
        Counter.builder("partition_analytics_recommendations")
                .description("Rebalance recommendations sent (after rate limiting)")
                .tag("strategy", recommendation.strategy())
                .tag("kind", recommendation.kind().name())
                .register(registry)
                .increment();
    }

    @Override
    public void onAlert(HotspotAlertEvent alert) {
        Counter.builder("partition_analytics_alerts")
                .description("Hotspot alert state changes sent")
                .tag("strategy", alert.strategy())
                .tag("state", alert.state().name())
                .register(registry)
                .increment();
        String episode = alert.strategy() + "/" + alert.partition();
        HotspotAlertEvent.Severity previous = openBySeverity.remove(episode);
        if (previous != null) {
            openGauge(alert.strategy(), previous).decrementAndGet();
        }
        if (alert.state() != HotspotAlertEvent.State.RESOLVED) {
            openBySeverity.put(episode, alert.severity());
            openGauge(alert.strategy(), alert.severity()).incrementAndGet();
        }
    }

    private AtomicInteger openGauge(String strategy, HotspotAlertEvent.Severity severity) {
        return openAlerts.computeIfAbsent(strategy + "|" + severity, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("partition_analytics_open_alerts", value, AtomicInteger::get)
                    .description("Open hotspot episodes")
                    .tag("strategy", strategy)
                    .tag("severity", severity.name())
                    .register(registry);
            return value;
        });
    }

    /** A gauge holding a long that is {@code scale} times the value (so ratios keep three decimals). */
    private AtomicLong gauge(
            Map<String, AtomicLong> values, String name, String help, String strategy, String partition, int scale) {
        return values.computeIfAbsent(strategy + "|" + partition, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, v -> v.get() / (double) scale)
                    .description(help)
                    .tag("strategy", strategy)
                    .tag("partition", partition)
                    .register(registry);
            return value;
        });
    }

    private AtomicLong strategyGauge(String name, String help, String strategy, int scale) {
        return strategyValues.computeIfAbsent(name + "|" + strategy, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, v -> v.get() / (double) scale)
                    .description(help)
                    .tag("strategy", strategy)
                    .register(registry);
            return value;
        });
    }
}
