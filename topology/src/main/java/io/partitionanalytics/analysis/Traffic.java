package io.partitionanalytics.analysis;

/**
 * Load that lands on one partition as a whole: the traffic of one key, or of one key within one time bucket when the
 * strategy also looks at event time. Statistics and movement only need these two counts, so detection, advice and the
 * simulator can share them whatever they aggregate over.
 */
public interface Traffic {

    /** Number of events. */
    long events();

    /** Payload bytes of those events. */
    long bytes();
}
