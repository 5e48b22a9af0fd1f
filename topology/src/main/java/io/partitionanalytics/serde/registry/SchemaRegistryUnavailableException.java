package io.partitionanalytics.serde.registry;

/**
 * The schema registry could not be asked: no answer, or an answer that says nothing about the request (5xx, 429,
 * 401/403, a 404 without a registry error body), after every retry. Not a property of the record being read: it must
 * wait for the registry, never go to the dead-letter topic.
 */
public class SchemaRegistryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code error} or one of its causes is a registry outage. */
    public static boolean isCauseOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
