#!/usr/bin/env bash
# A Flink session cluster on 127.0.0.1, a JobManager and a TaskManager as separate processes,
# from Flink's jars on Maven Central (deploy/local/flink/pom.xml stands in for the distribution's
# lib/) and the project's configuration (deploy/flink/config.yaml).
#   deploy/local/flink.sh start|stop|status
#   deploy/local/flink.sh cli ARGS...   Flink's command-line frontend (the `flink` command of the
#                                       distribution) on this cluster, e.g. cli run -d JAR ARGS
# FLINK_REST_PORT (default 8081; the JobManager's RPC port is FLINK_RPC_PORT, default +1, its
# blob server FLINK_BLOB_PORT, default +2), FLINK_DATA (default .local/flink-$FLINK_REST_PORT:
# configuration, logs, checkpoints, savepoints, RocksDB) and PUSHGATEWAY_PORT (default 9091, where
# the metrics are pushed) choose the ports and directories. start starts whatever is missing (a
# dead TaskManager alone comes back) and waits until the REST API lists the TaskManager it
# started; start, stop and status are idempotent (status exits 3 when stopped).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local/flink"
# shellcheck source=deploy/local/lib.sh
source "$root/deploy/local/lib.sh"
port="${FLINK_REST_PORT:-8081}"
rpc_port="${FLINK_RPC_PORT:-$((port + 1))}"
blob_port="${FLINK_BLOB_PORT:-$((port + 2))}"
pushgateway_port="${PUSHGATEWAY_PORT:-9091}"
data="${FLINK_DATA:-$root/.local/flink-$port}"
conf="$data/conf"
jm_pid="$data/jobmanager.pid"
tm_pid="$data/taskmanager.pid"

# $1 GET_JM_RESOURCE_PARAMS or GET_TM_RESOURCE_PARAMS: line $2 of what Flink's BashJavaUtils
# computes from the configuration (1: the JVM's memory options, 2: the -D dynamic properties).
resource_params() {
  java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | sed -n "${2}p"
}

# Starts process $1 (jobmanager or taskmanager) with entry class $2 and resource query $3.
launch() {
  local name="$1" main="$2" query="$3" jvm dynamic opts
  jvm="$(resource_params "$query" 1)"
  dynamic="$(resource_params "$query" 2)"
  opts="$(sed -n 's/^env\.java\.opts\.all: //p' "$conf/config.yaml")"
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  nohup java $jvm $opts -Dlog.file="$data/log/$name.log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$conf" $dynamic > "$data/log/$name.out" 2>&1 &
  echo $! > "$data/$name.pid"
}

# The REST API's answer to GET $1.
rest() {
  curl -sf "http://127.0.0.1:$port$1"
}

# The ids of the TaskManagers the REST API lists, one per line.
taskmanager_ids() {
  rest /taskmanagers | grep -o '"id":"[^"]*"' || true
}

# Starts what is missing: the JobManager (with a TaskManager) when it is not running, or only the
# TaskManager when it died (a killed TaskManager comes back and registers; the JobManager then
# restarts the running job from its last checkpoint).
start() {
  if pid="$(running_pid "$jm_pid")"; then
    if tm="$(running_pid "$tm_pid")"; then
      echo "flink: already running, REST on http://127.0.0.1:$port (jobmanager pid $pid, taskmanager pid $tm)"
      return 0
    fi
    echo "flink: the jobmanager runs (pid $pid), the taskmanager does not: starting it again"
  else
    port_free flink "$port"
    mkdir -p "$conf" "$data/log" "$data/tmp" "$data/upload"
    sed -e "s|\${FLINK_REST_PORT}|$port|g" -e "s|\${FLINK_RPC_PORT}|$rpc_port|g" -e "s|\${FLINK_BLOB_PORT}|$blob_port|g" \
      -e "s|\${FLINK_DATA}|$data|g" -e "s|\${PUSHGATEWAY_PORT}|$pushgateway_port|g" \
      "$root/deploy/flink/config.yaml" > "$conf/config.yaml"
    cp "$root/deploy/flink/log4j.properties" "$conf/log4j.properties"
    cp="$(maven_classpath "$here")"
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    await_port flink "$jm_pid" "$port" "$data/log/jobmanager.log"
  fi
  cp="$(maven_classpath "$here")"
  local before i
  before="$(taskmanager_ids)"
  launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
  for ((i = 0; i < 120; i++)); do
    if taskmanager_ids | grep -qvxF -e "${before:-none}"; then # a TaskManager that was not there before
      echo "flink: running, REST on http://127.0.0.1:$port (jobmanager pid $(cat "$jm_pid"), taskmanager pid $(cat "$tm_pid")), data in $data"
      if ! answers "$pushgateway_port"; then
        echo "flink: no pushgateway on 127.0.0.1:$pushgateway_port yet: metrics are pushed there once deploy/local/monitoring.sh start runs" >&2
      fi
      return 0
    fi
    if ! running_pid "$tm_pid" > /dev/null; then
      echo "flink: the taskmanager exited; see $data/log/taskmanager.log" >&2
      tail -20 "$data/log/taskmanager.out" "$data/log/taskmanager.log" >&2
      stop >&2 # a half-started cluster would pass for a running one at the next start
      return 1
    fi
    sleep 0.5
  done
  echo "flink: no taskmanager registered after 60 s; see $data/log/" >&2
  stop >&2
  return 1
}

stop() {
  stop_pid "flink taskmanager" "$tm_pid"
  stop_pid "flink jobmanager" "$jm_pid"
}

status() {
  local pid overview
  if pid="$(running_pid "$jm_pid")" && overview="$(rest /overview)"; then
    echo "flink: running, REST on http://127.0.0.1:$port (jobmanager pid $pid): $overview"
  else
    echo "flink: stopped"
    return 3
  fi
}

# Flink's CliFrontend (what the distribution's bin/flink runs) against this cluster's configuration.
cli() {
  if [[ ! -f "$conf/config.yaml" ]]; then
    echo "flink: no cluster configuration in $conf; run deploy/local/flink.sh start first" >&2
    exit 2
  fi
  local opts
  cp="$(maven_classpath "$here")"
  opts="$(sed -n 's/^env\.java\.opts\.all: //p' "$conf/config.yaml")"
  # shellcheck disable=SC2086 # word splitting of the option list is intended
  FLINK_CONF_DIR="$conf" exec java $opts -Dlog4j.configurationFile="file:$conf/log4j.properties" -Dlog.file="$data/log/client.log" \
    -cp "$cp" org.apache.flink.client.cli.CliFrontend "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  cli) shift; cli "$@" ;;
  *) echo "usage: deploy/local/flink.sh start|stop|status|cli ARGS..." >&2; exit 2 ;;
esac
