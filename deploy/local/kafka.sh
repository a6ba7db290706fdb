#!/usr/bin/env bash
# A single-node KRaft Kafka broker on 127.0.0.1, from Maven Central's kafka_2.13 artifacts.
#   deploy/local/kafka.sh start|stop|status
# KAFKA_PORT (default 9092; the controller listens on KAFKA_PORT+1) and KAFKA_DATA (default
# .local/kafka-$KAFKA_PORT under the repository) choose the port and the data directory.
# start waits until the broker answers; start, stop and status are idempotent.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local/kafka"
# shellcheck source=deploy/local/lib.sh
source "$root/deploy/local/lib.sh"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${KAFKA_DATA:-$root/.local/kafka-$port}"
pid_file="$data/kafka.pid"
log_file="$data/kafka.log"

start() {
  if pid="$(running_pid "$pid_file")"; then
    echo "kafka: already running on 127.0.0.1:$port (pid $pid)"
    return 0
  fi
  port_free kafka "$port"
  mkdir -p "$data"
  local cp
  cp="$(maven_classpath "$here")"
  sed -e "s|\${KAFKA_PORT}|$port|g" -e "s|\${KAFKA_CONTROLLER_PORT}|$controller_port|g" -e "s|\${KAFKA_DATA}|$data|g" \
    "$here/server.properties" > "$data/server.properties"
  if [[ ! -f "$data/logs/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid)"
    java -cp "$cp" -Dlog4j2.configurationFile="$here/log4j2.properties" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$data/server.properties" > "$data/format.log"
  fi
  nohup java -Xms256m -Xmx1g -cp "$cp" -Dlog4j2.configurationFile="$here/log4j2.properties" \
    kafka.Kafka "$data/server.properties" > "$log_file" 2>&1 &
  echo $! > "$pid_file"
  await_port kafka "$pid_file" "$port" "$log_file"
  echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pid_file")), data in $data"
}

stop() {
  stop_pid kafka "$pid_file"
}

status() {
  local pid
  if pid="$(running_pid "$pid_file")" && answers "$port"; then
    echo "kafka: running on 127.0.0.1:$port (pid $pid)"
  else
    echo "kafka: stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: deploy/local/kafka.sh start|stop|status" >&2; exit 2 ;;
esac
