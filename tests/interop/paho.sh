#!/usr/bin/env bash
# Runs eclipse/paho.mqtt.testing's interoperability suite (MQTT 3.1.1 and 5) against a fresh Nuage region, with an
# IAM user's access key as MQTT credentials (docs/iot.md "Interoperability").
#   tests/interop/paho.sh /path/to/paho.mqtt.testing
# The suite is not vendored and CI cannot download it (its machines reach package registries only), so this is run
# by hand against a checkout of the suite. The user's policy allows iot:* and denies subscribing to
# test/nosubscribe, which is what the suite's subscribe-failure test expects a broker to refuse.
set -euo pipefail
suite="${1:?usage: tests/interop/paho.sh /path/to/paho.mqtt.testing}"
[ -f "$suite/interoperability/client_test.py" ] || { echo "paho.sh: $suite is not a checkout of eclipse/paho.mqtt.testing" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export NUAGE_ROOT_ACCESS_KEY=AKIAPAHOINTEROP00001
NUAGE_ROOT_SECRET_KEY="$(head -c 30 /dev/urandom | base64 | tr -d '/+=' | head -c 40)"
export NUAGE_ROOT_SECRET_KEY
# --mqtt-max-keep-alive 60: the suite's test_server_keep_alive expects a broker that gives a client asking for 120 s 60.
"$root/nuage" server --data "$work/data" --listen 127.0.0.1:0 --console-listen 127.0.0.1:0 --mqtt-listen 127.0.0.1:0 \
  --mqtt-max-keep-alive 60 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q '^Console listening on' "$work/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
mqtt_port="$(sed -n 's|^MQTT listening on mqtt://127.0.0.1:\([0-9]*\).*|\1|p' "$work/server.log")"
export NUAGE_ADMIN_ENDPOINT="$(sed -n 's|^Console listening on \(http://[^ ]*\).*|\1|p' "$work/server.log")"

admin() { "$root/nuage" admin "$@" -o json; }
admin account create paho-interop >/dev/null
admin user create interop -a paho-interop >/dev/null
cat >"$work/policy.json" <<'JSON'
{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"iot:*","Resource":"*"},
  {"Effect":"Deny","Action":"iot:Subscribe","Resource":"arn:aws:iot:*:*:topicfilter/test/nosubscribe"}]}
JSON
admin policy put interop-mqtt -a paho-interop --user interop -f "$work/policy.json" >/dev/null
key="$(admin key create -a paho-interop --user interop)"
key_id="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["accessKeyId"])' <<<"$key")"
secret="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["secretAccessKey"])' <<<"$key")"

status=0
echo "=== paho.mqtt.testing client_test (MQTT 3.1.1) against mqtt://127.0.0.1:$mqtt_port ==="
python3 "$root/tests/interop/paho_interop.py" --suite "$suite/interoperability" --port "$mqtt_port" \
  --username "$key_id" --password "$secret" --version 3.1.1 || status=1
echo "=== paho.mqtt.testing client_test5 (MQTT 5) against mqtt://127.0.0.1:$mqtt_port ==="
python3 "$root/tests/interop/paho_interop.py" --suite "$suite/interoperability" --port "$mqtt_port" \
  --username "$key_id" --password "$secret" --version 5 || status=1
exit $status
