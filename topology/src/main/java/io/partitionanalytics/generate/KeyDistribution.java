package io.partitionanalytics.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** How the generator picks the channel of the next event. */
public abstract sealed class KeyDistribution
        permits KeyDistribution.Uniform, KeyDistribution.Zipf, KeyDistribution.SequentialTime {

    /** The channel index of the next event, 0..channels-1 (or increasing, for sequential-time). */
    public abstract long next(SplittableRandom random);

    /** The key of a channel index. */
    public String key(long channel) {
        return "c-" + channel;
    }

    /**
     * Parses {@code uniform}, {@code zipf:<s>} (s > 0) or {@code sequential-time}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static KeyDistribution parse(String spec, int channels) {
        String value = spec.trim().toLowerCase(Locale.ROOT);
        if (value.equals("uniform")) {
            return new Uniform(channels);
        }
        if (value.equals("sequential-time")) {
            return new SequentialTime();
        }
        if (value.startsWith("zipf:")) {
            double exponent;
            try {
                exponent = Double.parseDouble(value.substring(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("zipf exponent must be a number, got '" + value.substring(5) + "'");
            }
            if (!(exponent > 0) || Double.isInfinite(exponent)) {
                throw new IllegalArgumentException("zipf exponent must be > 0, got " + exponent);
            }
            return new Zipf(channels, exponent);
        }
        throw new IllegalArgumentException(
                "unknown distribution '" + spec + "': use uniform, zipf:<exponent> or sequential-time");
    }

    /** Every channel equally likely. */
    public static final class Uniform extends KeyDistribution {
        private final int channels;

        Uniform(int channels) {
            this.channels = channels;
        }

        @Override
        public long next(SplittableRandom random) {
            return random.nextInt(channels);
        }
    }

    /**
     * Channel k (0-based) with probability proportional to 1/(k+1)^s: a few channels carry most traffic. Sampled by
     * binary search over the cumulative weights (simple and exact; nothing in our dependencies offers it).
     */
    public static final class Zipf extends KeyDistribution {
        private final double[] cumulative;

        Zipf(int channels, double exponent) {
            cumulative = new double[channels];
            double sum = 0;
            for (int k = 0; k < channels; k++) {
                sum += 1.0 / Math.pow(k + 1, exponent);
                cumulative[k] = sum;
            }
            for (int k = 0; k < channels; k++) {
                cumulative[k] /= sum;
            }
        }

        @Override
        public long next(SplittableRandom random) {
            int index = Arrays.binarySearch(cumulative, random.nextDouble());
            int k = index >= 0 ? index : -index - 1;
            return Math.min(k, cumulative.length - 1);
        }
    }

    /**
     * Ever-increasing, zero-padded keys (like time-ordered ids): in key order and in time order at once, the traffic
     * that makes range and time-bucket partitioning hot on their newest partition.
     */
    public static final class SequentialTime extends KeyDistribution {
        private long counter;

        @Override
        public long next(SplittableRandom random) {
            return counter++;
        }

        @Override
        public String key(long channel) {
            return String.format(Locale.ROOT, "c-%012d", channel);
        }
    }
}
