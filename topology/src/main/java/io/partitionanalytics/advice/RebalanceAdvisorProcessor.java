package io.partitionanalytics.advice;

import io.partitionanalytics.analysis.advice.Action;
import io.partitionanalytics.analysis.advice.AdviceInput;
import io.partitionanalytics.analysis.advice.Advisor;
import io.partitionanalytics.analysis.advice.AdvisorSettings;
import io.partitionanalytics.analysis.advice.NodeModel;
import io.partitionanalytics.analysis.advice.Recommendation;
import io.partitionanalytics.analysis.advice.RecommendationLimiter;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.app.PipelineHooks;
import io.partitionanalytics.hotspot.Detection;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.schemas.RecommendationAction;
import io.partitionanalytics.schemas.RecommendationKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link Advisor} what to do when a window of a strategy opens or updates a hotspot episode, and forwards
 * the recommendations the {@link RecommendationLimiter} lets through (at most one per strategy and kind a minute,
 * unless the plan changes). The limiter runs on event time and its state is changelogged, so a replay recommends
 * the same things.
 */
public final class RebalanceAdvisorProcessor implements Processor<String, Detection, String, RebalanceRecommendation> {

    private static final Logger log = LoggerFactory.getLogger(RebalanceAdvisorProcessor.class);

    /** "strategy|kind" -> the last emitted plan (JSON). */
    public static final String LIMITER_STORE = "rebalance-limiter-store";
    /** Strategy -> the recent recommendations (JSON), for the API. */
    public static final String RECOMMENDATIONS_STORE = "rebalance-recommendations-store";

    static final int MAX_RECENT = 20;

    private final Advisor advisor;
    private final AdvisorSettings settings;
    private final Function<String, Map<String, String>> strategyOptions;
    private final Function<String, NodeModel> nodes;
    private final PipelineHooks.PipelineObserver observer;
    private ProcessorContext<String, RebalanceRecommendation> context;
    private KeyValueStore<String, byte[]> limiterState;
    private KeyValueStore<String, byte[]> recent;

    private RebalanceAdvisorProcessor(
            Advisor advisor,
            AdvisorSettings settings,
            Function<String, Map<String, String>> strategyOptions,
            Function<String, NodeModel> nodes,
            PipelineHooks.PipelineObserver observer) {
        this.advisor = advisor;
        this.settings = settings;
        this.strategyOptions = strategyOptions;
        this.nodes = nodes;
        this.observer = observer;
    }

    /**
     * @param strategyOptions a strategy's options as configured (without {@code partitions})
     * @param nodes a strategy's node model at the time of the window, or null when unknown
     * @param observer told of every recommendation sent (metrics)
     */
    public static ProcessorSupplier<String, Detection, String, RebalanceRecommendation> supplier(
            AdvisorSettings settings,
            Function<String, Map<String, String>> strategyOptions,
            Function<String, NodeModel> nodes,
            PipelineHooks.PipelineObserver observer) {
        Advisor advisor = new Advisor();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Detection, String, RebalanceRecommendation> get() {
                return new RebalanceAdvisorProcessor(advisor, settings, strategyOptions, nodes, observer);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(LIMITER_STORE),
                                        Serdes.String(),
                                        Serdes.ByteArray())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(RECOMMENDATIONS_STORE),
                                        Serdes.String(),
                                        Serdes.ByteArray())
                                .withCachingDisabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, RebalanceRecommendation> context) {
        this.context = context;
        this.limiterState = context.getStateStore(LIMITER_STORE);
        this.recent = context.getStateStore(RECOMMENDATIONS_STORE);
    }

    @Override
    public void process(Record<String, Detection> record) {
        Detection detection = record.value();
        // Advice follows news: an episode that opened or changed in this window. The hottest one triggers it.
        Optional<HotspotAlertEvent> trigger = detection.alerts().stream()
                .filter(alert -> alert.state() != HotspotAlertEvent.State.RESOLVED)
                .max(Comparator.comparingDouble(HotspotAlertEvent::ratio));
        if (trigger.isEmpty()) {
            return;
        }
        String strategy = detection.window().strategy();
        NodeModel model = nodes.apply(strategy);
        if (model != null && model.partitions() != detection.window().numPartitions()) {
            model = null; // the topic is being resized: no move plan this time
        }
        List<Recommendation> advice;
        try {
            advice = advisor.advise(new AdviceInput(
                    detection.window(),
                    strategyOptions.apply(strategy),
                    model,
                    settings,
                    trigger.get().alertId()));
        } catch (RuntimeException e) {
            // Advice is best effort: a failure must not stop the loads and alerts.
            log.warn(
                    "No advice for {} at window {}: {}",
                    strategy,
                    detection.window().windowEndMs(),
                    e.toString());
            return;
        }
        RecommendationLimiter limiter = limiterFor(strategy);
        List<Recommendation> admitted = new ArrayList<>();
        for (Recommendation recommendation : advice) {
            if (limiter.admit(recommendation, detection.window().windowEndMs())) {
                admitted.add(recommendation);
                limiter.lastEmitted(strategy, recommendation.kind())
                        .ifPresent(emitted ->
                                limiterState.put(slot(strategy, recommendation.kind()), Json.toBytes(emitted)));
                context.forward(new Record<>(strategy, toAvro(recommendation), record.timestamp()));
                observer.onRecommendation(recommendation);
            }
        }
        if (!admitted.isEmpty()) {
            byte[] stored = recent.get(strategy);
            List<Recommendation> log = new ArrayList<>(
                    stored == null ? List.of() : List.of(Json.fromBytes(stored, Recommendation[].class)));
            log.addAll(admitted);
            if (log.size() > MAX_RECENT) {
                log = log.subList(log.size() - MAX_RECENT, log.size());
            }
            recent.put(strategy, Json.toBytes(log));
        }
    }

    private RecommendationLimiter limiterFor(String strategy) {
        RecommendationLimiter limiter = new RecommendationLimiter();
        for (io.partitionanalytics.analysis.advice.RecommendationKind kind :
                io.partitionanalytics.analysis.advice.RecommendationKind.values()) {
            byte[] stored = limiterState.get(slot(strategy, kind));
            if (stored != null) {
                limiter.restore(strategy, kind, Json.fromBytes(stored, RecommendationLimiter.Emitted.class));
            }
        }
        return limiter;
    }

    private static String slot(String strategy, io.partitionanalytics.analysis.advice.RecommendationKind kind) {
        return strategy + "|" + kind.name();
    }

    static RebalanceRecommendation toAvro(Recommendation recommendation) {
        return RebalanceRecommendation.newBuilder()
                .setRecommendationId(recommendation.id())
                .setKind(RecommendationKind.valueOf(recommendation.kind().name()))
                .setStrategy(recommendation.strategy())
                .setTriggerAlertId(recommendation.triggerAlertId())
                .setWindowEndMs(recommendation.windowEndMs())
                .setActions(recommendation.actions().stream()
                        .map(RebalanceAdvisorProcessor::toAvro)
                        .toList())
                .setBeforeMaxToMean(recommendation.beforeMaxToMean())
                .setAfterMaxToMean(recommendation.afterMaxToMean())
                .setBeforeCv(recommendation.beforeCv())
                .setAfterCv(recommendation.afterCv())
                .setMovedKeyFraction(recommendation.movedKeyFraction())
                .setMovedEventsPerSec(recommendation.movedEventsPerSec())
                .setMovedBytesPerSec(recommendation.movedBytesPerSec())
                .setRationale(recommendation.rationale())
                .setReassignmentJson(recommendation.reassignmentJson())
                .build();
    }

    private static RecommendationAction toAvro(Action action) {
        return RecommendationAction.newBuilder()
                .setAction(action.action())
                .setPartition(action.partition())
                .setKey(action.key())
                .setFromNode(action.fromNode())
                .setToNode(action.toNode())
                .setValue(action.value())
                .build();
    }
}
