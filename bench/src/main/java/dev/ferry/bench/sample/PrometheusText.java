package dev.ferry.bench.sample;

import java.util.Map;

/** Reads numbers out of a Prometheus text exposition ({@code /q/metrics}). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code name} whose labels include each of {@code labels} (and, when
     * {@code excludeLabel} is given, whose label of that name is not that value). NaN samples are skipped.
     */
    public static double sum(String text, String name, Map<String, String> labels, Map.Entry<String, String> exclude) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String metric = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).trim();
            if (!metric.equals(name)) {
                continue;
            }
            String labelText = brace >= 0 && brace < space ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            boolean ok = labels.entrySet().stream().allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (exclude != null && labelText.contains(exclude.getKey() + "=\"" + exclude.getValue() + "\"")) {
                ok = false;
            }
            if (!ok) {
                continue;
            }
            double v = Double.parseDouble(line.substring(space + 1).trim());
            if (!Double.isNaN(v)) {
                total += v;
            }
        }
        return total;
    }

    public static double sum(String text, String name, Map<String, String> labels) {
        return sum(text, name, labels, null);
    }
}
