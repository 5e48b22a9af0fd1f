package io.partitionanalytics.hotspot;

import io.partitionanalytics.analysis.detect.AlertLog;
import io.partitionanalytics.analysis.detect.DetectorState;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.analysis.detect.HotspotDetector;
import io.partitionanalytics.app.PipelineHooks;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.load.PartitionLoadRows;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Runs the {@link HotspotDetector} of each strategy over its closed windows (which arrive in order, keyed by
 * strategy) and forwards each window with the alerts it raised, for the alert topic and the advisor. The detector state is changelogged with the input
 * offsets, so under exactly_once_v2 a crash never sends an episode's OPEN twice.
 */
public final class HotspotDetectorProcessor implements Processor<String, LoadSnapshot, String, Detection> {

    public static final String STORE = "hotspot-detector-store";
    /** Strategy -> {@link AlertLog} (JSON): open episodes and recent alerts, for the API. */
    public static final String ALERTS_STORE = "hotspot-alerts-store";

    private final HotspotDetector detector;
    private final Function<String, IntFunction<String>> nodes;
    private final PipelineHooks.PipelineObserver observer;
    private ProcessorContext<String, Detection> context;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, byte[]> alertLogs;

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
    public static ProcessorSupplier<String, LoadSnapshot, String, Detection> supplier(
            HotspotDetector detector,
            Function<String, IntFunction<String>> nodes,
            PipelineHooks.PipelineObserver observer) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, LoadSnapshot, String, Detection> get() {
                return new HotspotDetectorProcessor(detector, nodes, observer);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(ALERTS_STORE), Serdes.String(), Serdes.ByteArray())
                                .withCachingDisabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Detection> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
        this.alertLogs = context.getStateStore(ALERTS_STORE);
    }

    @Override
    public void process(Record<String, LoadSnapshot> record) {
        LoadSnapshot window = record.value();
        byte[] stored = states.get(window.strategy());
        DetectorState state = stored == null ? DetectorState.empty() : Json.fromBytes(stored, DetectorState.class);
        HotspotDetector.Result result = detector.apply(state, window, nodes.apply(window.strategy()));
        states.put(window.strategy(), Json.toBytes(result.state()));
        if (!result.alerts().isEmpty()) {
            byte[] log = alertLogs.get(window.strategy());
            AlertLog before = log == null ? AlertLog.empty() : Json.fromBytes(log, AlertLog.class);
            alertLogs.put(window.strategy(), Json.toBytes(before.append(result.alerts())));
        }
        result.alerts().forEach(observer::onAlert);
        context.forward(new Record<>(window.strategy(), new Detection(window, result.alerts()), record.timestamp()));
    }

    /** The alerts of a detection as records of the alert topic, keyed "strategy/partition". */
    public static List<KeyValue<String, HotspotAlert>> alertRecords(Detection detection) {
        return detection.alerts().stream()
                .map(alert -> KeyValue.pair(alert.strategy() + "/" + alert.partition(), toAvro(alert)))
                .toList();
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
                        .map(key -> PartitionLoadRows.keyLoad(
                                key.key(), key.events(), key.lowerBound(), key.upperBound(), key.share()))
                        .toList())
                .setReason(alert.reason())
                .build();
    }
}
