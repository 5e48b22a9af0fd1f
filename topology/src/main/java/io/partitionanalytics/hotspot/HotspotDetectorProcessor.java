package io.partitionanalytics.hotspot;

import io.partitionanalytics.analysis.detect.DetectorState;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.analysis.detect.HotspotDetector;
import io.partitionanalytics.app.PipelineHooks;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.KeyLoad;
import io.partitionanalytics.schemas.Severity;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Runs the {@link HotspotDetector} of each strategy over its closed windows (which arrive in order, keyed by
 * strategy) and forwards its alerts keyed "strategy/partition". The detector state is changelogged with the input
 * offsets, so under exactly_once_v2 a crash never sends an episode's OPEN twice.
 */
public final class HotspotDetectorProcessor implements Processor<String, LoadSnapshot, String, HotspotAlert> {

    public static final String STORE = "hotspot-detector-store";

    private final HotspotDetector detector;
    private final Function<String, IntFunction<String>> nodes;
    private final PipelineHooks.PipelineObserver observer;
    private ProcessorContext<String, HotspotAlert> context;
    private KeyValueStore<String, byte[]> states;

    private HotspotDetectorProcessor(
            HotspotDetector detector,
            Function<String, IntFunction<String>> nodes,
            PipelineHooks.PipelineObserver observer) {
        this.detector = detector;
        this.nodes = nodes;
        this.observer = observer;
    }

    /**
     * @param nodes for a strategy, the node holding each partition (null when unknown)
     */
    public static ProcessorSupplier<String, LoadSnapshot, String, HotspotAlert> supplier(
            HotspotDetector detector,
            Function<String, IntFunction<String>> nodes,
            PipelineHooks.PipelineObserver observer) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, LoadSnapshot, String, HotspotAlert> get() {
                return new HotspotDetectorProcessor(detector, nodes, observer);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        .withCachingDisabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, HotspotAlert> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, LoadSnapshot> record) {
        LoadSnapshot window = record.value();
        byte[] stored = states.get(window.strategy());
        DetectorState state = stored == null ? DetectorState.empty() : Json.fromBytes(stored, DetectorState.class);
        HotspotDetector.Result result = detector.apply(state, window, nodes.apply(window.strategy()));
        states.put(window.strategy(), Json.toBytes(result.state()));
        for (HotspotAlertEvent alert : result.alerts()) {
            observer.onAlert(alert);
            context.forward(
                    new Record<>(alert.strategy() + "/" + alert.partition(), toAvro(alert), record.timestamp()));
        }
    }

    static HotspotAlert toAvro(HotspotAlertEvent alert) {
        return HotspotAlert.newBuilder()
                .setAlertId(alert.alertId())
                .setState(AlertState.valueOf(alert.state().name()))
                .setSeverity(Severity.valueOf(alert.severity().name()))
                .setStrategy(alert.strategy())
                .setPartition(alert.partition())
                .setNode(alert.node())
                .setWindowStartMs(alert.windowStartMs())
                .setWindowEndMs(alert.windowEndMs())
                .setEpisodeStartMs(alert.episodeStartMs())
                .setEvents(alert.events())
                .setMeanEvents(alert.meanEvents())
                .setRatio(alert.ratio())
                .setThreshold(alert.threshold())
                .setConsecutiveWindows(alert.consecutiveWindows())
                .setTopKeys(alert.topKeys().stream()
                        .map(key -> KeyLoad.newBuilder()
                                .setKey(key.key())
                                .setEvents(key.events())
                                .setLowerBound(key.lowerBound())
                                .setUpperBound(key.upperBound())
                                .setShare(key.share())
                                .build())
                        .toList())
                .setReason(alert.reason())
                .build();
    }
}
