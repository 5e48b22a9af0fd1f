package io.partitionanalytics.load;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Whether Apache DataSketches can serialise its sketches on this JVM, checked before the pipeline starts.
 *
 * <p>DataSketches 6 serialises through its memory library (datasketches-memory 3), which accepts only the Java
 * versions it was built for (8, 11, 17 and 21) and refuses any other in a static initialiser. Unchecked, that refusal
 * surfaced only when the first partials were sent: the stream thread died, was replaced, died again, and the
 * application shut down with an {@code ExceptionInInitializerError} (seen on Java 25). The DataSketches releases that
 * run on Java 25 require Java 25, and this project is built for 17: so the check, with a message that says what to do.
 */
public final class SketchRuntime {

    private SketchRuntime() {}

    /** Throws an {@link IllegalStateException} naming this Java version if DataSketches cannot serialise on it. */
    public static void check() {
        check(() -> new HllSketch(WindowLoad.HLL_LG_K, TgtHllType.HLL_4).toCompactByteArray());
    }

    static void check(Runnable serialiseASketch) {
        check(serialiseASketch, Runtime.version().feature());
    }

    static void check(Runnable serialiseASketch, int javaFeatureVersion) {
        try {
            serialiseASketch.run();
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            if (javaFeatureVersion == 17 || javaFeatureVersion == 21) {
                throw e; // not the Java version: a class missing from the jar, say
            }
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(
                    "partition-analytics cannot run on Java "
                            + Runtime.version()
                            + ": Apache DataSketches, which keeps its load sketches, refuses it ("
                            + cause.getMessage()
                            + "). Run it on Java 17 or 21.",
                    e);
        }
    }
}
