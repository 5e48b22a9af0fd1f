package io.partitionanalytics.http;

import java.util.List;

/** The page at {@code /}: for now a map of the API; the live web view replaces it. */
final class IndexPage {

    private IndexPage() {}

    static String html(List<String> strategies) {
        StringBuilder links = new StringBuilder();
        for (String strategy : strategies) {
            links.append("<li><a href=\"/api/load?strategy=")
                    .append(strategy)
                    .append("\">")
                    .append(strategy)
                    .append("</a> (<a href=\"/api/history?strategy=")
                    .append(strategy)
                    .append("\">history</a>)</li>");
        }
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>partition-analytics</title></head><body>"
                + "<h1>partition-analytics</h1><p><a href=\"/health\">/health</a> · <a href=\"/metrics\">/metrics</a>"
                + " · <a href=\"/api/load\">/api/load</a></p><ul>" + links + "</ul></body></html>";
    }
}
