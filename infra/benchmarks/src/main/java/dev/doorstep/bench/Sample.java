package dev.doorstep.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: reported as the median with the spread around it. */
final class Sample {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int size() {
        return values.size();
    }

    double median() {
        return quantile(0.5);
    }

    double min() {
        return sorted().getFirst();
    }

    double max() {
        return sorted().getLast();
    }

    /** Linear interpolation between the closest ranks. */
    double quantile(double q) {
        List<Double> s = sorted();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        double rank = q * (s.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (rank - lo);
    }

    /** "median (p25–p75, n=N)". */
    String describe(String format) {
        if (values.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ", n=%d)", median(),
                quantile(0.25), quantile(0.75), values.size());
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}
