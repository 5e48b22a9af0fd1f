-- partition-analytics in PostgreSQL: the tables the Kafka Connect JDBC sinks write (connectors/*.json), created up
-- front so that every column has the right type (the sink would otherwise guess: text for strings, json for jsonb),
-- and the views the Grafana dashboards query (dashboards/grafana/dashboards/hotspots-and-advice.json).
--
-- Run once by the database owner, e.g. from /docker-entrypoint-initdb.d/ (postgres image) or
--   psql -v ON_ERROR_STOP=1 -U analytics -d analytics -f connectors/sql/schema.sql
-- It is idempotent: tables are created if missing, views replaced.
--
-- Columns are the Avro fields (snake_case, as the converter delivers them). Times stay epoch milliseconds in the
-- tables, as on the topics; the views add timestamptz columns for Grafana. Nested values (top_keys, actions) are
-- jsonb: the views expand them with jsonb_array_elements.

-- partition-load, history: one row per (strategy, partition, window). Connector partition-load-history upserts on
-- this natural key, so a redelivered record rewrites its own row instead of duplicating it.
CREATE TABLE IF NOT EXISTS partition_load (
    strategy            text             NOT NULL,
    partition           integer          NOT NULL,
    num_partitions      integer          NOT NULL,
    window_start_ms     bigint           NOT NULL,
    window_end_ms       bigint           NOT NULL,
    events              bigint           NOT NULL,
    bytes               bigint           NOT NULL,
    share               double precision NOT NULL,
    mean_events         double precision NOT NULL,
    ratio_to_mean       double precision NOT NULL,
    distinct_keys       bigint           NOT NULL DEFAULT 0,
    distinct_keys_lower bigint           NOT NULL DEFAULT 0,
    distinct_keys_upper bigint           NOT NULL DEFAULT 0,
    top_keys            jsonb            NOT NULL DEFAULT '[]',
    node                text,
    PRIMARY KEY (strategy, partition, window_start_ms)
);
CREATE INDEX IF NOT EXISTS partition_load_by_time ON partition_load (window_start_ms);

-- partition-load, latest: one row per record key 'strategy/partition', overwritten by every new window
-- (connector partition-load-latest upserts on the record key). What "now" panels read without scanning history.
CREATE TABLE IF NOT EXISTS partition_load_latest (
    load_key            text             PRIMARY KEY,
    strategy            text             NOT NULL,
    partition           integer          NOT NULL,
    num_partitions      integer          NOT NULL,
    window_start_ms     bigint           NOT NULL,
    window_end_ms       bigint           NOT NULL,
    events              bigint           NOT NULL,
    bytes               bigint           NOT NULL,
    share               double precision NOT NULL,
    mean_events         double precision NOT NULL,
    ratio_to_mean       double precision NOT NULL,
    distinct_keys       bigint           NOT NULL DEFAULT 0,
    distinct_keys_lower bigint           NOT NULL DEFAULT 0,
    distinct_keys_upper bigint           NOT NULL DEFAULT 0,
    top_keys            jsonb            NOT NULL DEFAULT '[]',
    node                text
);

-- partition-hotspots: the alert timeline, every state change of every episode (OPEN, UPDATE..., RESOLVED). Upserted
-- on (alert_id, window_end_ms, state): idempotent history.
CREATE TABLE IF NOT EXISTS hotspot_alerts (
    alert_id            text             NOT NULL,
    state               text             NOT NULL CHECK (state IN ('OPEN', 'UPDATE', 'RESOLVED')),
    severity            text             NOT NULL CHECK (severity IN ('WARN', 'CRITICAL')),
    strategy            text             NOT NULL,
    partition           integer          NOT NULL,
    node                text,
    window_start_ms     bigint           NOT NULL,
    window_end_ms       bigint           NOT NULL,
    episode_start_ms    bigint           NOT NULL,
    events              bigint           NOT NULL,
    mean_events         double precision NOT NULL,
    ratio               double precision NOT NULL,
    threshold           double precision NOT NULL,
    consecutive_windows integer          NOT NULL,
    top_keys            jsonb            NOT NULL DEFAULT '[]',
    reason              text             NOT NULL,
    PRIMARY KEY (alert_id, window_end_ms, state)
);
CREATE INDEX IF NOT EXISTS hotspot_alerts_by_time ON hotspot_alerts (window_end_ms);

-- rebalance-recommendations: every recommendation, upserted on its deterministic id (which includes the window it
-- was computed on, so this is a history too).
CREATE TABLE IF NOT EXISTS rebalance_recommendations (
    recommendation_id    text             PRIMARY KEY,
    kind                 text             NOT NULL,
    strategy             text             NOT NULL,
    trigger_alert_id     text,
    window_end_ms        bigint           NOT NULL,
    actions              jsonb            NOT NULL DEFAULT '[]',
    before_max_to_mean   double precision NOT NULL,
    after_max_to_mean    double precision NOT NULL,
    before_cv            double precision NOT NULL,
    after_cv             double precision NOT NULL,
    moved_key_fraction   double precision NOT NULL,
    moved_events_per_sec double precision NOT NULL,
    moved_bytes_per_sec  double precision NOT NULL,
    rationale            text             NOT NULL,
    reassignment_json    text
);
CREATE INDEX IF NOT EXISTS rebalance_recommendations_by_time ON rebalance_recommendations (window_end_ms);

-- ---------------------------------------------------------------------------------------------------------------
-- Views for the dashboards.

-- Loads over time, with Grafana-friendly times.
CREATE OR REPLACE VIEW partition_load_over_time AS
SELECT to_timestamp(window_start_ms / 1000.0) AS window_start,
       to_timestamp(window_end_ms / 1000.0)   AS window_end,
       strategy, partition, num_partitions, events, bytes, share, mean_events, ratio_to_mean,
       distinct_keys, distinct_keys_lower, distinct_keys_upper, node
FROM partition_load;

-- Heavy keys: one row per (window, strategy, partition, key), from the frequent-items sketches. The true count of a
-- key lies in [lower_bound, upper_bound]; share_of_partition is the sketch's estimate over the partition's events,
-- share_of_strategy over all events of the strategy in that window.
CREATE OR REPLACE VIEW hot_keys AS
SELECT to_timestamp(l.window_start_ms / 1000.0)  AS window_start,
       l.strategy,
       l.partition,
       k.value ->> 'key'                         AS key,
       (k.value ->> 'events')::bigint            AS events,
       (k.value ->> 'lower_bound')::bigint       AS lower_bound,
       (k.value ->> 'upper_bound')::bigint       AS upper_bound,
       (k.value ->> 'share')::double precision   AS share_of_partition,
       (k.value ->> 'events')::double precision
           / NULLIF(l.mean_events * l.num_partitions, 0) AS share_of_strategy,
       l.events                                  AS partition_events,
       l.ratio_to_mean                           AS partition_ratio_to_mean
FROM partition_load l
CROSS JOIN LATERAL jsonb_array_elements(l.top_keys) AS k(value);

-- The alert timeline: every state change, newest last, with the episode's age and its heaviest key.
CREATE OR REPLACE VIEW alert_timeline AS
SELECT to_timestamp(a.window_end_ms / 1000.0)    AS window_end,
       to_timestamp(a.episode_start_ms / 1000.0) AS episode_start,
       (a.window_end_ms - a.episode_start_ms) / 1000.0 AS episode_seconds,
       a.alert_id, a.state, a.severity, a.strategy, a.partition, a.node,
       a.events, a.mean_events, a.ratio, a.threshold, a.consecutive_windows,
       a.top_keys -> 0 ->> 'key'                          AS top_key,
       (a.top_keys -> 0 ->> 'share')::double precision    AS top_key_share,
       a.reason,
       CASE WHEN a.state = 'RESOLVED' THEN 0 WHEN a.severity = 'CRITICAL' THEN 2 ELSE 1 END AS level
FROM hotspot_alerts a;

-- Open alerts now: the latest state change of each episode, unless it is RESOLVED.
CREATE OR REPLACE VIEW open_alerts AS
SELECT *
FROM (SELECT DISTINCT ON (alert_id) *
      FROM alert_timeline
      ORDER BY alert_id, window_end DESC,
               CASE state WHEN 'RESOLVED' THEN 2 WHEN 'UPDATE' THEN 1 ELSE 0 END DESC) latest
WHERE state <> 'RESOLVED';

-- Recommendations with their cost and predicted effect. Moved events and bytes are given per second by the
-- advisor; as fractions they are taken over the strategy's traffic in the window the plan was computed on.
CREATE OR REPLACE VIEW recommendations AS
SELECT to_timestamp(r.window_end_ms / 1000.0) AS window_end,
       r.recommendation_id, r.kind, r.strategy, r.trigger_alert_id,
       (SELECT string_agg(concat_ws(' ', a.value ->> 'action',
                                    'p' || (a.value ->> 'partition'),
                                    a.value ->> 'key',
                                    CASE WHEN a.value ->> 'from_node' IS NOT NULL
                                         THEN (a.value ->> 'from_node') || ' -> ' || (a.value ->> 'to_node') END,
                                    a.value ->> 'value'), '; ')
        FROM jsonb_array_elements(r.actions) AS a(value)) AS actions,
       jsonb_array_length(r.actions)           AS action_count,
       r.before_max_to_mean, r.after_max_to_mean, r.before_cv, r.after_cv,
       format('max/mean %s -> %s, cv %s -> %s',
              round(r.before_max_to_mean::numeric, 2), round(r.after_max_to_mean::numeric, 2),
              round(r.before_cv::numeric, 3), round(r.after_cv::numeric, 3)) AS predicted_effect,
       r.moved_key_fraction,
       r.moved_events_per_sec * w.seconds / NULLIF(w.events, 0) AS moved_event_fraction,
       r.moved_bytes_per_sec * w.seconds / NULLIF(w.bytes, 0)   AS moved_byte_fraction,
       r.moved_events_per_sec, r.moved_bytes_per_sec,
       r.rationale, r.reassignment_json
FROM rebalance_recommendations r
LEFT JOIN LATERAL (SELECT sum(l.events) AS events, sum(l.bytes) AS bytes,
                          (max(l.window_end_ms) - min(l.window_start_ms)) / 1000.0 AS seconds
                   FROM partition_load l
                   WHERE l.strategy = r.strategy AND l.window_end_ms = r.window_end_ms) w ON true;
