#!/bin/sh
# Starts a Kafka Connect worker (distributed mode) from /opt/connect/connect-distributed.properties, with
# environment overrides: CONNECT_FOO_BAR=value -> foo.bar=value (CONNECT_URL, used by register.sh, is not a setting).
set -eu
base=/opt/connect/connect-distributed.properties
effective="${TMPDIR:-/tmp}/connect-distributed.properties"
cp "$base" "$effective"
env | grep '^CONNECT_' | grep -v '^CONNECT_URL=' | while IFS='=' read -r name value; do
  key="$(printf '%s' "${name#CONNECT_}" | tr 'A-Z_' 'a-z.')"
  # Drop the file's line for this key, then append the override.
  grep -v "^$key=" "$effective" >"$effective.new" || true
  mv "$effective.new" "$effective"
  printf '%s=%s\n' "$key" "$value" >>"$effective"
  echo "connect: $key from \$$name"
done
exec /opt/kafka/bin/connect-distributed.sh "$effective"
