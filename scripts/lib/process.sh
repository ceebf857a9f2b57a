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

wait_for_port() { # name host port seconds
  local deadline=$((SECONDS + $4))
  until (exec 3<>"/dev/tcp/$2/$3") 2>/dev/null; do
    is_running "$1" || die "$1 exited during start-up; see $RUN_DIR/logs/$1.log: $(tail -3 "$RUN_DIR/logs/$1.log" 2>/dev/null)"
    [ $SECONDS -lt "$deadline" ] || die "$1 did not open $2:$3 within $4 s; see $RUN_DIR/logs/$1.log"
    sleep 0.2
  done
}

# A live process (not a zombie): the state field of /proc/PID/stat, after the "(comm)" field.
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]; }

start_process() { # name workdir binary args... (environment is inherited from the caller)
  local name=$1 dir=$2 bin=$3; shift 3
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
  if is_running "$name"; then log "$name already running"; return 0; fi
  # A marker, so that the tail of a log tells this start's lines from the previous run's.
  printf '=== %s rxchain: starting %s ===\n' "$(date -u +%FT%TZ)" "$name" >>"$RUN_DIR/logs/$name.log"
  (cd "$dir" && exec setsid "$bin" "$@" >>"$RUN_DIR/logs/$name.log" 2>&1 </dev/null) &
  local pid=$!
  printf '%s\n%s\n' "$pid" "$bin" >"$(pid_file "$name")"
  # Return only once that pid runs the binary. Until the forked shell has exec'd setsid, and
  # setsid the binary, /proc/PID/cmdline is still this script's: is_running, and so
  # wait_for_port, would report the node that is starting as "exited" (on a busy machine the
  # child can wait that long for a CPU). argv[0] being the binary also proves setsid did not
  # fork, i.e. the recorded pid is the node's own and `kill` of it reaches the node.
  local deadline=$((SECONDS + 10)) argv0
  while :; do
    argv0=$(head -zn1 "/proc/$pid/cmdline" 2>/dev/null | tr -d '\0') || argv0=""
    [ "$argv0" = "$bin" ] && return 0
    alive "$pid" || die "$name exited at once; see $RUN_DIR/logs/$name.log: $(tail -3 "$RUN_DIR/logs/$name.log" 2>/dev/null)"
    [ $SECONDS -lt "$deadline" ] || die "$name (pid $pid) did not exec $bin within 10 s"
    sleep 0.01
  done
}

kill_process() { # name: SIGKILL, as a crash would; returns once the process is gone
  local f; f=$(pid_file "$1")
  if is_running "$1"; then
    local pid; pid=$(head -1 "$f")
    kill -9 "$pid" 2>/dev/null || true
    # SIGKILL is delivered at once but the process, and its listening sockets, go only when
    # the kernel has torn it down: wait for that, so a restart finds its ports free.
    local deadline=$((SECONDS + 10))
    while alive "$pid" && [ $SECONDS -lt "$deadline" ]; do sleep 0.05; done
    alive "$pid" && die "$1 (pid $pid) still exists 10 s after SIGKILL"
  fi
  rm -f "$f"
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
