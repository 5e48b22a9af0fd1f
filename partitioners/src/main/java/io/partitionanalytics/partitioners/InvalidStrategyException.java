package io.partitionanalytics.partitioners;

/**
 * A strategy was asked for with a name or an option that cannot work. The message names the strategy and the option so
 * that a mistyped config line can be found without reading code; {@link #strategy()} and {@link #option()} give the same
 * to callers that render their own messages (the CLI, start-up config validation).
 */
public class InvalidStrategyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@link #option()} when the number of partitions N is the problem. */
    public static final String PARTITIONS = "partitions";

    /** {@link #option()} when the strategy name itself is the problem (unknown, or not a function strategy). */
    public static final String STRATEGY = "strategy";

    private final String strategy;
    private final String option;

    public InvalidStrategyException(String strategy, String option, String problem) {
        super("strategy '" + strategy + "', option '" + option + "': " + problem);
        this.strategy = strategy;
        this.option = option;
    }

    public InvalidStrategyException(String strategy, String option, String problem, Throwable cause) {
        this(strategy, option, problem);
        initCause(cause);
    }

    /** The strategy name as given (may be an unknown name). */
    public String strategy() {
        return strategy;
    }

    /** The offending option key; {@link #STRATEGY} when the name itself is the problem, {@link #PARTITIONS} for N. */
    public String option() {
        return option;
    }
}
