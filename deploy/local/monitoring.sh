#!/usr/bin/env bash
# The local monitoring stack on 127.0.0.1, from Debian's packages prometheus,
# prometheus-pushgateway and prometheus-alertmanager: a pushgateway that the Flink cluster pushes
# to, Prometheus scraping it and the executor with deploy/prometheus/prometheus.yml and its alert
# rules, and Alertmanager delivering what fires (deploy/alertmanager/alertmanager.yml).
#   deploy/local/monitoring.sh start|stop|status|install
# install runs apt-get for the packages (through sudo when not root). PUSHGATEWAY_PORT (default 9091),
# PROMETHEUS_PORT (default 9090), ALERTMANAGER_PORT (default 9095), EXECUTOR_METRICS_PORT (default
# 9464, the executor's --metrics-port), ALERT_WEBHOOK_URL (where alerts are POSTed, default
# http://127.0.0.1:9099/alerts), ALERT_RULES (the rules file Prometheus loads, default
# deploy/prometheus/alerts.yml) and MONITORING_DATA (default .local/monitoring-$PROMETHEUS_PORT)
# choose the ports, the receiver, the rules and the data directory. start waits until each answers; start,
# stop and status are idempotent.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$root/deploy/local/lib.sh"
pushgateway_port="${PUSHGATEWAY_PORT:-9091}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
executor_port="${EXECUTOR_METRICS_PORT:-9464}"
alertmanager_port="${ALERTMANAGER_PORT:-9095}"
webhook_url="${ALERT_WEBHOOK_URL:-http://127.0.0.1:9099/alerts}"
alert_rules="${ALERT_RULES:-$root/deploy/prometheus/alerts.yml}"
data="${MONITORING_DATA:-$root/.local/monitoring-$prometheus_port}"

need() {
  if ! command -v "$1" > /dev/null; then
    echo "monitoring: $1 is not installed; run deploy/local/monitoring.sh install (Debian packages prometheus, prometheus-pushgateway, prometheus-alertmanager)" >&2
    exit 1
  fi
}

install() {
  # prometheus brings promtool. Where systemd runs, Debian starts both packages as services on
  # every interface: stop them (systemctl disable --now prometheus prometheus-pushgateway) and use
  # this script, which binds them to 127.0.0.1.
  apt_install prometheus prometheus prometheus-pushgateway
  apt_install prometheus-pushgateway prometheus-pushgateway
  apt_install prometheus-alertmanager prometheus-alertmanager
  echo "monitoring: installed $(prometheus --version 2>&1 | head -1)"
}

start() {
  need prometheus
  need prometheus-pushgateway
  need prometheus-alertmanager
  mkdir -p "$data"
  if running_pid "$data/alertmanager.pid" > /dev/null; then
    echo "monitoring: alertmanager already running on 127.0.0.1:$alertmanager_port"
  else
    sed -e "s|\${ALERT_WEBHOOK_URL}|$webhook_url|g" "$root/deploy/alertmanager/alertmanager.yml" > "$data/alertmanager.yml"
    port_free alertmanager "$alertmanager_port"
    # --cluster.listen-address= turns the gossip port off: one Alertmanager, nothing on another interface
    nohup prometheus-alertmanager --config.file="$data/alertmanager.yml" --storage.path="$data/alertmanager" \
      --web.listen-address="127.0.0.1:$alertmanager_port" --cluster.listen-address= > "$data/alertmanager.log" 2>&1 &
    echo $! > "$data/alertmanager.pid"
    await_port alertmanager "$data/alertmanager.pid" "$alertmanager_port" "$data/alertmanager.log"
    echo "monitoring: alertmanager on http://127.0.0.1:$alertmanager_port, alerts to $webhook_url"
  fi
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
    -e "s|127.0.0.1:9090|127.0.0.1:$prometheus_port|g" -e "s|127.0.0.1:9095|127.0.0.1:$alertmanager_port|g" \
    "$root/deploy/prometheus/prometheus.yml" > "$data/prometheus.yml"
  cp "$alert_rules" "$data/alerts.yml"
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
  stop_pid alertmanager "$data/alertmanager.pid"
}

status() {
  local code=0
  for name in pushgateway prometheus alertmanager; do
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
