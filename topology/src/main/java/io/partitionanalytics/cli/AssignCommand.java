package io.partitionanalytics.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.simulate.StrategyArguments;
import io.partitionanalytics.simulate.Timestamps;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assign}: where will this key go? */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the partition of each key under a strategy.",
            "Keys are the arguments or, without any, one per line from standard input (blank lines are skipped).",
            "Output: text is key<TAB>partition per line; json is one object per line (JSON Lines), e.g."
                    + " {\"key\":\"c-42\",\"partition\":7}, so that it streams like the text form."
        })
final class AssignCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--strategy",
            required = true,
            paramLabel = "STRATEGY",
            description = "kafka-default, murmur3-channel, time-bucket, channel-bucket, consistent-hash, jump, range,"
                    + " directory or geo.")
    String strategy;

    @Option(names = "--partitions", required = true, paramLabel = "N", description = "Number of partitions N.")
    int partitions;

    @Option(
            names = "--option",
            paramLabel = "KEY=VALUE",
            description = "A strategy option, bare or prefixed with the strategy: vnodes=64 or"
                    + " consistent-hash.vnodes=64. Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(
            names = "--timestamp",
            description = "Event time for time-bucket and channel-bucket: epoch milliseconds or ISO-8601"
                    + " (2025-01-01T00:00:00Z). Default: now.")
    String timestamp;

    @Option(names = "--lat", description = "Latitude of the event, for geo (with --lng).")
    Double latitude;

    @Option(names = "--lng", description = "Longitude of the event, for geo (with --lat).")
    Double longitude;

    @Option(names = "--hex", description = "Keys are hex-encoded bytes (for binary keys); printed as given.")
    boolean hex;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys (their UTF-8 bytes are hashed).")
    List<String> keys = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PartitionStrategy placement =
                Strategies.create(strategy, partitions, StrategyArguments.forStrategy(strategy, options));
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("give both --lat and --lng, or neither");
        }
        if (latitude != null && (latitude < -90 || latitude > 90 || !Double.isFinite(longitude))) {
            throw new IllegalArgumentException(
                    "--lat must be in [-90, 90] and --lng finite, got " + latitude + ", " + longitude);
        }
        long eventTime = timestamp == null ? System.currentTimeMillis() : Timestamps.parse(timestamp);
        double lat = latitude == null ? Double.NaN : latitude;
        double lng = longitude == null ? Double.NaN : longitude;

        PrintWriter out =
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        if (!keys.isEmpty()) {
            for (String key : keys) {
                print(out, key, placement.partition(keyBytes(key), eventTime, lat, lng));
            }
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String key;
            while ((key = nextLine(in, out)) != null) {
                if (!key.isBlank()) {
                    print(out, key, placement.partition(keyBytes(key), eventTime, lat, lng));
                }
            }
        }
        out.flush();
        return 0;
    }

    /** Reads the next line, first flushing what is printed if reading could block (so interactive use sees answers). */
    private static String nextLine(BufferedReader in, PrintWriter out) throws IOException {
        if (!in.ready()) {
            out.flush();
        }
        return in.readLine();
    }

    private byte[] keyBytes(String key) {
        if (!hex) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HexFormat.of().parseHex(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' is not hex (--hex): " + e.getMessage(), e);
        }
    }

    private void print(PrintWriter out, String key, int partition) {
        if (format == Format.text) {
            out.print(key);
            out.print('\t');
            out.println(partition);
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("key", key);
        line.put("partition", partition);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
