package io.partitionanalytics.cli;

import org.apache.kafka.common.config.ConfigException;

/** Turns a failure into the one line a user needs: a bad config value names its key; causes are unwrapped. */
final class Errors {

    private Errors() {}

    static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null
                && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConfigException) {
            return "invalid configuration: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return message == null ? cause.toString() : message;
    }
}
