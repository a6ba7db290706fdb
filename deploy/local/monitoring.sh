#!/usr/bin/env bash
# The local monitoring stack on 127.0.0.1, from Debian's packages prometheus and
# prometheus-pushgateway: a pushgateway that the Flink cluster pushes to, and Prometheus scraping it
# and the executor with deploy/prometheus/prometheus.yml and its alert rules.
#   deploy/local/monitoring.sh start|stop|status|install
# install runs apt-get for both packages (through sudo when not root). PUSHGATEWAY_PORT (default 9091),
# PROMETHEUS_PORT (default 9090), EXECUTOR_METRICS_PORT (default 9464, the executor's
# --metrics-port) and MONITORING_DATA (default .local/monitoring-$PROMETHEUS_PORT) choose the ports
# and the data directory. start waits until both answer; start, stop and status are idempotent.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$root/deploy/local/lib.sh"
pushgateway_port="${PUSHGATEWAY_PORT:-9091}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
executor_port="${EXECUTOR_METRICS_PORT:-9464}"
data="${MONITORING_DATA:-$root/.local/monitoring-$prometheus_port}"

need() {
  if ! command -v "$1" > /dev/null; then
    echo "monitoring: $1 is not installed; run deploy/local/monitoring.sh install (Debian packages prometheus, prometheus-pushgateway)" >&2
    exit 1
  fi
}

install() {
  # prometheus brings promtool. Where systemd runs, Debian starts both packages as services on
  # every interface: stop them (systemctl disable --now prometheus prometheus-pushgateway) and use
  # this script, which binds them to 127.0.0.1.
  apt_install prometheus prometheus prometheus-pushgateway
  apt_install prometheus-pushgateway prometheus-pushgateway
  echo "monitoring: installed $(prometheus --version 2>&1 | head -1)"
}

start() {
  need prometheus
  need prometheus-pushgateway
  mkdir -p "$data"
  if running_pid "$data/pushgateway.pid" > /dev/null; then
    echo "monitoring: pushgateway already running on 127.0.0.1:$pushgateway_port"
  else
    port_free pushgateway "$pushgateway_port"
    nohup prometheus-pushgateway --web.listen-address="127.0.0.1:$pushgateway_port" \
      > "$data/pushgateway.log" 2>&1 &
    echo $! > "$data/pushgateway.pid"
    await_port pushgateway "$data/pushgateway.pid" "$pushgateway_port" "$data/pushgateway.log"
    echo "monitoring: pushgateway on http://127.0.0.1:$pushgateway_port"
  fi
  if running_pid "$data/prometheus.pid" > /dev/null; then
    echo "monitoring: prometheus already running on 127.0.0.1:$prometheus_port"
    return 0
  fi
  sed -e "s|127.0.0.1:9091|127.0.0.1:$pushgateway_port|g" -e "s|127.0.0.1:9464|127.0.0.1:$executor_port|g" \
    -e "s|127.0.0.1:9090|127.0.0.1:$prometheus_port|g" \
    "$root/deploy/prometheus/prometheus.yml" > "$data/prometheus.yml"
  cp "$root/deploy/prometheus/alerts.yml" "$data/alerts.yml"
  port_free prometheus "$prometheus_port"
  nohup prometheus --config.file="$data/prometheus.yml" --storage.tsdb.path="$data/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" > "$data/prometheus.log" 2>&1 &
  echo $! > "$data/prometheus.pid"
  await_port prometheus "$data/prometheus.pid" "$prometheus_port" "$data/prometheus.log"
  echo "monitoring: prometheus on http://127.0.0.1:$prometheus_port"
}

stop() {
  stop_pid prometheus "$data/prometheus.pid"
  stop_pid pushgateway "$data/pushgateway.pid"
}

status() {
  local code=0
  for name in pushgateway prometheus; do
    local port_var="${name}_port"
    if running_pid "$data/$name.pid" > /dev/null && answers "${!port_var}"; then
      echo "monitoring: $name running on 127.0.0.1:${!port_var}"
    else
      echo "monitoring: $name stopped"
      code=3
    fi
  done
  return "$code"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: deploy/local/monitoring.sh start|stop|status|install" >&2; exit 2 ;;
esac
