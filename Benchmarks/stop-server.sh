# Sourced by the benchmark scripts that start a server: `stop` sends SIGTERM to $pid, waits at
# most 10 s for the graceful shutdown (a server that hangs is reported and killed), then removes $data.
stop() {
  kill "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "server did not stop within 10 s of SIGTERM; killed"
    kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null; rm -rf "$data"
}
