package io.partitionanalytics.load;

/**
 * Tells the combine step whether an input partition has anything left to read, so that a quiet partition can stop
 * holding windows open while one that is merely not fetched yet (start-up, catch-up after downtime) does not.
 */
public interface InputProgress {

    /**
     * @param partition the input partition
     * @param nextOffsetToProcess the offset after the last record this task processed, or -1 when it processed none
     * @return true when the partition is known to hold no record at or after {@code nextOffsetToProcess} (nor after
     *     the group's committed offset); false when it may, or when nothing is known yet
     */
    boolean isCaughtUp(int partition, long nextOffsetToProcess);

    /** Without a cluster to ask (TopologyTestDriver): a partition quiet for long enough is taken as caught up. */
    InputProgress WALL_CLOCK_ONLY = (partition, next) -> true;
}
