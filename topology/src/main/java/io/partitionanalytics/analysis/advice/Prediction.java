package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;

/**
 * The predicted load of every partition after a change, and what the change moves. Movement compares partition
 * numbers, as {@link io.partitionanalytics.analysis.Movement} does.
 *
 * @param statistics the predicted loads (events, rounded to whole events)
 * @param movedEvents events of the window that would land on another partition
 * @param movedBytes their payload bytes
 * @param movedKeys keys (estimated) whose partition would change; a key that is spread counts the share that leaves
 * @param totalKeys all keys of the model, for fractions
 */
record Prediction(
        LoadStatistics statistics, double movedEvents, double movedBytes, double movedKeys, double totalKeys) {

    double maxToMean() {
        return statistics.peakToMean();
    }

    double cv() {
        return statistics.coefficientOfVariation();
    }

    double ratio(int partition) {
        return statistics.ratio(partition);
    }

    double movedKeyFraction() {
        return totalKeys == 0 ? 0.0 : Math.min(1.0, movedKeys / totalKeys);
    }

    double movedEventFraction() {
        long total = statistics.total();
        return total == 0 ? 0.0 : Math.min(1.0, movedEvents / total);
    }

    /**
     * Re-places the model's traffic: heavy keys by their shares, each partition's residual by its shares.
     *
     * @throws ArrayIndexOutOfBoundsException if the placement keeps (null shares) traffic of a partition it does not have
     */
    static Prediction of(KeyLoadModel model, Placement placement) {
        int n = placement.partitions();
        double[] events = new double[n];
        double movedEvents = 0;
        double movedBytes = 0;
        double movedKeys = 0;
        for (KeyLoadModel.HeavyKey key : model.heavyKeys()) {
            double[] shares = placement.keyShares(key);
            if (shares == null) {
                events[key.partition()] += key.events();
                continue;
            }
            add(events, shares, key.events());
            double leaves = 1.0 - stay(shares, key.partition());
            movedEvents += key.events() * leaves;
            movedBytes += key.bytes() * leaves;
            movedKeys += leaves;
        }
        for (int p = 0; p < model.partitions(); p++) {
            if (model.residualEvents(p) == 0) {
                continue;
            }
            double[] shares = placement.residualShares(p);
            if (shares == null) {
                events[p] += model.residualEvents(p);
                continue;
            }
            add(events, shares, model.residualEvents(p));
            double leaves = 1.0 - stay(shares, p);
            movedEvents += model.residualEvents(p) * leaves;
            movedBytes += model.residualBytes(p) * leaves;
            movedKeys += model.residualKeys(p) * leaves;
        }
        long[] rounded = new long[n];
        for (int q = 0; q < n; q++) {
            rounded[q] = Math.round(events[q]);
        }
        return new Prediction(
                LoadStatistics.of(rounded),
                Math.max(0, movedEvents),
                Math.max(0, movedBytes),
                Math.max(0, movedKeys),
                model.totalKeys());
    }

    private static void add(double[] into, double[] shares, double amount) {
        for (int q = 0; q < shares.length; q++) {
            into[q] += shares[q] * amount;
        }
    }

    private static double stay(double[] shares, int partition) {
        return partition < shares.length ? shares[partition] : 0.0;
    }
}
