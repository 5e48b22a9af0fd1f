package io.partitionanalytics.simulate;

/** A trace that cannot be read as one: the message says where (source and line) and what is wrong. */
public class TraceFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public TraceFormatException(String source, long line, String problem) {
        super(source + " line " + line + ": " + problem);
        this.line = line;
    }

    public TraceFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.line = 0;
    }

    /** The 1-based line number, 0 when the problem is not on one line. */
    public long line() {
        return line;
    }
}
