#!/bin/sh
# Registers (or updates) the partition-analytics sink connectors on a Kafka Connect worker.
#
#   connectors/register.sh [connector.json ...]      default: every connectors/*.json
#
# Environment:
#   CONNECT_URL           the worker's REST API (default http://localhost:8083)
#   CONNECT_WAIT_SECONDS  how long to wait for the worker to answer (default 180)
#   POSTGRES_JDBC_URL, POSTGRES_USER, POSTGRES_PASSWORD, SCHEMA_REGISTRY_URL
#                         when set, replace connection.url, connection.username, connection.password and
#                         value.converter.schema.registry.url of every file (the files hold docker-compose's values:
#                         jdbc:postgresql://postgres:5432/analytics, analytics/analytics, http://schema-registry:8081)
#
# Idempotent: each connector is written with PUT /connectors/<name>/config (created, or updated in place; the name is
# the file name without .json). Each config is validated by the worker first, so a wrong setting is reported by field.
# Needs only sh and curl. Exits non-zero, saying why, when the worker does not answer, lacks a plugin, or refuses a
# config.
set -eu

CONNECT_URL="${CONNECT_URL:-http://localhost:8083}"
CONNECT_URL="${CONNECT_URL%/}"
CONNECT_WAIT_SECONDS="${CONNECT_WAIT_SECONDS:-180}"
JDBC_SINK_CLASS="io.debezium.connector.jdbc.JdbcSinkConnector"
CONVERTER_CLASS="io.partitionanalytics.connect.AvroConverter"
here="$(cd "$(dirname "$0")" && pwd)"

fail() {
  echo "register.sh: $*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is required"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# http METHOD PATH [BODY_FILE] -> prints the status code; the body is in $tmp/body.
http() {
  if [ $# -ge 3 ]; then
    curl -sS -o "$tmp/body" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
      -H 'Accept: application/json' --data-binary "@$3" "$CONNECT_URL$2" 2>"$tmp/curl-error" || echo 000
  else
    curl -sS -o "$tmp/body" -w '%{http_code}' -X "$1" -H 'Accept: application/json' "$CONNECT_URL$2" \
      2>"$tmp/curl-error" || echo 000
  fi
}

# 1. Wait for the worker: GET /health answers 200 once it has joined its group and can take requests (KIP-1017,
#    Kafka 3.9+); an older worker without /health is taken as ready when GET /connectors answers.
waited=0
while :; do
  status="$(http GET /health)"
  if [ "$status" = 404 ]; then
    status="$(http GET /connectors)"
  fi
  [ "$status" = 200 ] && break
  if [ "$waited" -ge "$CONNECT_WAIT_SECONDS" ]; then
    fail "Kafka Connect at $CONNECT_URL is not ready after ${CONNECT_WAIT_SECONDS}s (last: HTTP $status $(cat "$tmp/curl-error" "$tmp/body" 2>/dev/null | head -c 300)); set CONNECT_URL, or see the worker's log"
  fi
  [ "$waited" -eq 0 ] && echo "Waiting for Kafka Connect at $CONNECT_URL ..."
  sleep 2
  waited=$((waited + 2))
done
status="$(http GET '/connector-plugins?connectorsOnly=false')"
[ "$status" = 200 ] || fail "GET $CONNECT_URL/connector-plugins answered HTTP $status: $(cat "$tmp/curl-error" "$tmp/body")"

# 2. The plugins these configs need.
for class in "$JDBC_SINK_CLASS" "$CONVERTER_CLASS"; do
  grep -q "\"$class\"" "$tmp/body" ||
    fail "the worker at $CONNECT_URL has no plugin $class in its plugin.path (see connectors/Dockerfile)"
done

# Escapes a value for a JSON string, then for the replacement side of sed.
replacement() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/[#&\\]/\\&/g'
}

# override FILE KEY ENV_VALUE: rewrites the line "KEY": "..." (the files keep one key per line).
override() {
  if [ -n "$3" ]; then
    sed -E "s#(\"$2\"[[:space:]]*:[[:space:]]*)\"[^\"]*\"#\1\"$(replacement "$3")\"#" "$1" >"$1.new"
    mv "$1.new" "$1"
  fi
}

if [ $# -eq 0 ]; then
  set -- "$here"/*.json
fi

# 3. Validate and write each connector.
for file in "$@"; do
  [ -f "$file" ] || fail "$file: no such file"
  name="$(basename "$file" .json)"
  config="$tmp/$name.json"
  cp "$file" "$config"
  override "$config" connection.url "${POSTGRES_JDBC_URL:-}"
  override "$config" connection.username "${POSTGRES_USER:-}"
  override "$config" connection.password "${POSTGRES_PASSWORD:-}"
  override "$config" value.converter.schema.registry.url "${SCHEMA_REGISTRY_URL:-}"
  grep -q "\"name\"[[:space:]]*:[[:space:]]*\"$name\"" "$config" ||
    fail "$file: its \"name\" must be \"$name\" (the file name)"

  status="$(http PUT "/connector-plugins/$JDBC_SINK_CLASS/config/validate" "$config")"
  [ "$status" = 200 ] || fail "$name: validation request failed: HTTP $status $(cat "$tmp/curl-error" "$tmp/body")"
  if ! grep -q '"error_count":0' "$tmp/body"; then
    echo "register.sh: $name: the worker refuses this config:" >&2
    # Each failing field: {"name":"...", ..., "errors":["..."]}; print name and errors.
    tr '{' '\n' <"$tmp/body" | grep '"errors":\["' | sed -E 's/.*"name":"([^"]*)".*"errors":\[([^]]*)\].*/  \1: \2/' >&2
    exit 1
  fi

  attempt=1
  while :; do
    status="$(http PUT "/connectors/$name/config" "$config")"
    # 409: the group is rebalancing; 5xx: the worker is busy (e.g. still joining). Both pass; try again.
    case "$status" in 409 | 5??) [ "$attempt" -lt 10 ] || break ;; *) break ;; esac
    echo "  $name: HTTP $status, trying again ($(head -c 200 "$tmp/body"))"
    attempt=$((attempt + 1))
    sleep 3
  done
  case "$status" in
    201) echo "created $name" ;;
    200) echo "updated $name" ;;
    *) fail "$name: PUT /connectors/$name/config answered HTTP $status: $(cat "$tmp/curl-error" "$tmp/body")" ;;
  esac
done

# 4. Where they stand (tasks start asynchronously; a FAILED task shows its trace here and in the worker's log).
for file in "$@"; do
  name="$(basename "$file" .json)"
  status="$(http GET "/connectors/$name/status")"
  state="$(sed -E 's/.*"connector":\{"state":"([A-Z]+)".*/\1/' "$tmp/body")"
  echo "  $name: ${state:-HTTP $status}"
done
