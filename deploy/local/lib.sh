# Shared by the deploy/local/*.sh service scripts (sourced, not run): a background process with a
# pid file, started, awaited on a loopback port, stopped.

# Whether something answers on 127.0.0.1:$1.
answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the pid in file $1 if that process is alive; fails otherwise.
running_pid() {
  [[ -f "$1" ]] || return 1
  local pid
  pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null || return 1
  # a process killed but not yet reaped (a zombie) is not running
  [[ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" != Z ]] || return 1
  echo "$pid"
}

# Waits until 127.0.0.1:$3 answers: $1 name, $2 pid file, $4 log file, $5 seconds (default 60).
# Fails at once if the process exits.
await_port() {
  local name="$1" pid_file="$2" port="$3" log="$4" seconds="${5:-60}"
  local i
  for ((i = 0; i < seconds * 2; i++)); do
    answers "$port" && return 0
    if ! running_pid "$pid_file" > /dev/null; then
      echo "$name: the process exited; see $log" >&2
      tail -20 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "$name: no answer on 127.0.0.1:$port after $seconds s; see $log" >&2
  return 1
}

# Stops the process of pid file $2 ($1 name): SIGTERM, then SIGKILL after 30 s. Idempotent.
stop_pid() {
  local name="$1" pid_file="$2" pid i
  if ! pid="$(running_pid "$pid_file")"; then
    rm -f "$pid_file"
    echo "$name: not running"
    return 0
  fi
  kill "$pid"
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
  fi
  rm -f "$pid_file"
  echo "$name: stopped"
}

# Installs Debian packages $2... unless command $1 is there (as root, else with sudo).
apt_install() {
  local command="$1"
  shift
  command -v "$command" > /dev/null && return 0
  local sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  ${sudo[@]+"${sudo[@]}"} apt-get update -q > /dev/null
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" > /dev/null
}

# Fails, saying so, when something already answers on 127.0.0.1:$2 ($1 the service's name).
port_free() {
  if answers "$2"; then
    echo "$1: port $2 is taken by another process" >&2
    return 1
  fi
}

# The classpath of the Maven project in directory $1 (its pom.xml), resolved into
# $1/target/classpath.txt once, and again when the pom.xml is newer.
maven_classpath() {
  local file="$1/target/classpath.txt"
  if [[ ! -s "$file" || "$1/pom.xml" -nt "$file" ]]; then
    mvn -q -B -f "$1/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile="$file" >&2
  fi
  cat "$file"
}
