package io.partitionanalytics.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Just enough PromQL reading for the tests: Grafana's variables substituted, and the vector selectors of an expression. */
final class PromQl {

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");
    /** Aggregations may put their grouping first ({@code sum by (x) (...)}), so they are not followed by "(". */
    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile");

    private PromQl() {}

    /** Replaces Grafana's {@code $name} / {@code ${name}} variables, longest names first. */
    static String substitute(String expr, Map<String, String> variables) {
        String result = expr;
        List<String> names = new ArrayList<>(variables.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            result = result.replace("${" + name + "}", variables.get(name)).replace("$" + name, variables.get(name));
        }
        if (result.contains("$")) {
            throw new IllegalArgumentException("unknown Grafana variable left in: " + result);
        }
        return result;
    }

    /**
     * The instant-vector selectors ({@code metric{matchers}}) of an expression, without their range or offset: the
     * series the expression reads. Functions, aggregations, grouping label lists, numbers and durations are skipped.
     */
    static List<String> selectors(String expr) {
        List<String> selectors = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '_'
                                || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (GROUPING.contains(word)) {
                    i = next < n && expr.charAt(next) == '(' ? expr.indexOf(')', next) + 1 : next;
                } else if (KEYWORDS.contains(word) || AGGREGATIONS.contains(word)) {
                    i = next;
                } else if (next < n && expr.charAt(next) == '(') {
                    i = next; // a function or an aggregation
                } else if (next < n && expr.charAt(next) == '{') {
                    int end = matchingBrace(expr, next);
                    selectors.add(word + expr.substring(next, end + 1));
                    i = end + 1;
                } else {
                    selectors.add(word);
                    i = next;
                }
            } else {
                i++;
            }
        }
        return selectors;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int matchingBrace(String s, int open) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != '}') {
            i = s.charAt(i) == '"' || s.charAt(i) == '\'' ? skipString(s, i) : i + 1;
        }
        return i;
    }
}
