package io.partitionanalytics.simulate;

/** Reads one line of a trace in one format. */
interface TraceLineParser {

    /**
     * @param line a non-blank line
     * @throws IllegalArgumentException saying what is wrong with the line (the reader adds where)
     */
    TraceEvent parse(String line);
}
