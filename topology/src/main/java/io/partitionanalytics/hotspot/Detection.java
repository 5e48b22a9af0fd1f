package io.partitionanalytics.hotspot;

import io.partitionanalytics.analysis.detect.HotspotAlertEvent;
import io.partitionanalytics.load.LoadSnapshot;
import java.util.List;

/** One closed window of a strategy with the alerts it raised: what the alert sink and the advisor read. */
public record Detection(LoadSnapshot window, List<HotspotAlertEvent> alerts) {}
