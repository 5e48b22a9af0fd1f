# partition-analytics as a container: the shaded jar built by `./mvnw package -DskipTests` (this file does not run
# Maven, so the image builds in seconds and from exactly the jar the tests ran against).
#
#   ./mvnw package -DskipTests && docker build -t partition-analytics .
#   docker run -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 -p 8080:8080 partition-analytics
#
# Settings come from KAFKA_* environment variables (KAFKA_BOOTSTRAP_SERVERS -> bootstrap.servers; see README,
# "Running against your cluster") or a properties file mounted and passed with `run --config`.
FROM eclipse-temurin:17-jre

# curl for the health check (GET /health is 200 only while Kafka Streams is RUNNING).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/partition-analytics --create-home analytics

COPY topology/target/partition-analytics.jar /opt/partition-analytics/partition-analytics.jar

USER analytics
WORKDIR /var/lib/partition-analytics

# Inside a container the HTTP port must listen on every interface (the default, 127.0.0.1, is for a laptop).
# Kafka Streams' state (RocksDB, checkpoints) lives under the home directory: mount a volume there to keep it.
ENV KAFKA_HTTP_HOST=0.0.0.0 \
    KAFKA_HTTP_PORT=8080 \
    KAFKA_STATE_DIR=/var/lib/partition-analytics/state \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"

EXPOSE 8080

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1

# Avro 1.12 decodes generated classes only from packages it is told to trust. The shell form lets JAVA_OPTS apply;
# exec keeps java as PID 1 so that SIGTERM reaches it and it closes Kafka Streams cleanly.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas -jar /opt/partition-analytics/partition-analytics.jar \"$@\"", "partition-analytics"]
CMD ["run"]
