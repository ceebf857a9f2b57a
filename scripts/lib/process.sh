# Starting, tracking and stopping the network's native processes. Sourced, never run.
# Every process gets $RUN_DIR/pids/NAME.pid and $RUN_DIR/logs/NAME.log; stop acts only on pids
# recorded here, and checks the pid still runs the binary it started before signalling it.

pid_file() { echo "$RUN_DIR/pids/$1.pid"; }

is_running() { # name
  local f pid; f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(head -1 "$f"); local bin; bin=$(sed -n 2p "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must still be the one we started.
  [ -z "$bin" ] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$bin"
}

port_free() { ! ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

require_ports_free() { # name port...
  local name=$1 p; shift
  for p in "$@"; do
    port_free "$p" || die "port $p needed by $name is already in use (another network running? try: npm run network:down)"
  done
}

wait_for_port() { # name port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
    is_running "$1" || die "$1 exited during start-up; see $RUN_DIR/logs/$1.log: $(tail -3 "$RUN_DIR/logs/$1.log" 2>/dev/null)"
    [ $SECONDS -lt "$deadline" ] || die "$1 did not open port $2 within $3 s; see $RUN_DIR/logs/$1.log"
    sleep 0.2
  done
}

start_process() { # name workdir binary args... (environment is inherited from the caller)
  local name=$1 dir=$2 bin=$3; shift 3
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
  if is_running "$name"; then log "$name already running"; return 0; fi
  (cd "$dir" && exec setsid "$bin" "$@" >>"$RUN_DIR/logs/$name.log" 2>&1 </dev/null) &
  printf '%s\n%s\n' "$!" "$bin" >"$(pid_file "$name")"
}

stop_process() { # name
  local f; f=$(pid_file "$1")
  [ -f "$f" ] || return 0
  if is_running "$1"; then
    local pid; pid=$(head -1 "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$f"
}

# Stops several processes at once: signal all, then wait for each (a CA can take seconds).
stop_processes() { # name...
  local n
  for n in "$@"; do is_running "$n" && kill "$(head -1 "$(pid_file "$n")")" 2>/dev/null || true; done
  for n in "$@"; do stop_process "$n"; done
}

running_processes() { local f; for f in "$RUN_DIR"/pids/*.pid; do [ -e "$f" ] && basename "$f" .pid; done; return 0; }
