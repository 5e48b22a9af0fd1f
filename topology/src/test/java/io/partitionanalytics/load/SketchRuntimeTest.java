package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SketchRuntimeTest {

    @Test
    void shouldPassOnTheJavaThisProjectIsBuiltFor() {
        assertThatCode(SketchRuntime::check).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhichJavaToUseWhenTheMemoryLibraryRefusesThisOne() {
        // As datasketches-memory 3 fails on Java 25: first in its static initialiser, then on every later use
        IllegalArgumentException refusal = new IllegalArgumentException(
                "Unsupported JDK Major Version. It must be one of 1.8, 8, 11, 17, 21: 25.0.3");
        ExceptionInInitializerError first = new ExceptionInInitializerError(refusal);
        NoClassDefFoundError later = new NoClassDefFoundError("Could not initialize class BaseWritableMemoryImpl");
        later.initCause(first);

        for (Error failure : new Error[] {first, later}) {
            assertThatThrownBy(() -> SketchRuntime.check(
                            () -> {
                                throw failure;
                            },
                            25))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot run on Java " + Runtime.version())
                    .hasMessageContaining("Unsupported JDK Major Version")
                    .hasMessageContaining("Run it on Java 17 or 21")
                    .hasCause(failure);
        }
    }

    @Test
    void shouldLeaveAFailureAloneOnAJavaItRunsOn() {
        // On 17 or 21 the library accepts the version: a class failing to load is some other fault, reported as is
        NoClassDefFoundError missing = new NoClassDefFoundError("org/apache/datasketches/hll/HllSketch");

        for (int java : new int[] {17, 21}) {
            assertThatThrownBy(() -> SketchRuntime.check(
                            () -> {
                                throw missing;
                            },
                            java))
                    .isSameAs(missing);
        }
    }
}
