#!/usr/bin/env bash
# A single-node KRaft Kafka broker on 127.0.0.1, from Maven Central's kafka_2.13 artifacts.
#   deploy/local/kafka.sh start|stop|status
# KAFKA_PORT (default 9092; the controller listens on KAFKA_PORT+1) and KAFKA_DATA (default
# .local/kafka-$KAFKA_PORT under the repository) choose the port and the data directory.
# start waits until the broker answers; start, stop and status are idempotent.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local/kafka"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${KAFKA_DATA:-$root/.local/kafka-$port}"
pid_file="$data/kafka.pid"
log_file="$data/kafka.log"
classpath_file="$here/target/classpath.txt"

answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

classpath() {
  if [[ ! -s "$classpath_file" ]]; then
    mvn -q -B -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile="$classpath_file" >&2
  fi
  cat "$classpath_file"
}

start() {
  if pid="$(running_pid)"; then
    echo "kafka: already running on 127.0.0.1:$port (pid $pid)"
    return 0
  fi
  if answers; then
    echo "kafka: port $port is taken by another process" >&2
    return 1
  fi
  mkdir -p "$data"
  local cp
  cp="$(classpath)"
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
  for _ in $(seq 1 120); do
    if answers; then
      echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pid_file")), data in $data"
      return 0
    fi
    if ! running_pid > /dev/null; then
      echo "kafka: the broker exited; see $log_file" >&2
      tail -20 "$log_file" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "kafka: no answer on 127.0.0.1:$port after 60 s; see $log_file" >&2
  return 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "kafka: not running"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
  fi
  rm -f "$pid_file"
  echo "kafka: stopped"
}

status() {
  local pid
  if pid="$(running_pid)" && answers; then
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
