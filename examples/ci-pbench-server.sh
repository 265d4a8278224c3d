#!/usr/bin/env bash
# What a Pbench server CI job runs to gate a build on the conformance spec: MockIdp and MockBroker
# for the server (serve --target), the server itself (started by the command the job gives, told
# the broker's URL), then the walk; the artifacts are kept and the run's exit code is the job's.
#
# usage: examples/ci-pbench-server.sh --target URL --server-command CMD [--known-failures FILE]
#          [--artifacts DIR] [--broker-port N] [--ready-path PATH] [--wait SECONDS] [-- RUN_OPTION...]
#
#   --target URL           the server's origin, e.g. http://127.0.0.1:8080 (the stand-ins register
#                          URL/dashboard/* as redirect URIs and URL as web origin)
#   --server-command CMD   starts the server in the foreground (bash -c); it gets BROKER_URL,
#                          REALM_URL, IDP_URL and TARGET_URL in its environment: set the server's
#                          [openid] server_url = $BROKER_URL, realm = pbench-server,
#                          client = pbench-client, audience = pbench-server
#   --known-failures FILE  passed to run: failures listed there do not fail the job
#   --artifacts DIR        where everything goes (default artifacts/ci): runs/<run>/ (report.json,
#                          report.html, spec.junit.xml, ...), serve.log, server.log
#   --broker-port N        a fixed port for MockBroker (default: a free one)
#   --ready-path PATH      the server is up when GET URL+PATH answers 2xx (default /api/v1/endpoints)
#   --wait SECONDS         how long to wait for the stand-ins and for the server (default 180)
#   -- RUN_OPTION...       passed to ./pbench-auth-spec run (e.g. --no-dashboard, --catalogue FILE)
#
# Exit code: run's (0 no check failed, 1 a check failed, 2 a settings error); 2 when the
# stand-ins or the server did not come up (their logs are in the artifacts).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'ci-pbench-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
usage() { sed -n '6,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

target="" server_command="" known_failures="" artifacts="$ROOT/artifacts/ci" broker_port="" ready_path="/api/v1/endpoints" wait_seconds=180
run_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target|--server-command|--known-failures|--artifacts|--broker-port|--ready-path|--wait)
      [ $# -ge 2 ] || die "$1 needs a value."
      case "$1" in
        --target) target="${2%/}" ;;
        --server-command) server_command="$2" ;;
        --known-failures) known_failures="$2" ;;
        --artifacts) artifacts="$2" ;;
        --broker-port) broker_port="$2" ;;
        --ready-path) ready_path="$2" ;;
        --wait) wait_seconds="$2" ;;
      esac
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; run_options=("$@"); break ;;
    *) die "unknown option '$1' (see --help)." ;;
  esac
done
[ -n "$target" ] || die "--target URL is required (the server's origin, e.g. http://127.0.0.1:8080)."
[ -n "$server_command" ] || die "--server-command CMD is required (how to start the server under test)."
[[ "$wait_seconds" =~ ^[0-9]+$ ]] || die "--wait $wait_seconds: expected a number of seconds."
if [ -n "$known_failures" ]; then
  [ -r "$known_failures" ] || die "--known-failures $known_failures: no such readable file."
  known_failures="$(cd "$(dirname "$known_failures")" && pwd)/$(basename "$known_failures")"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed to wait for the server: install it (apt-get install -y curl)."
mkdir -p "$artifacts" || die "cannot create $artifacts (--artifacts)."
artifacts="$(cd "$artifacts" && pwd)"

# Each background job is a session of its own, so stopping it stops everything it started.
serve_pid="" server_pid=""
stop() {
  local pid
  for pid in $server_pid $serve_pid; do
    kill -TERM -- "-$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null
  done
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

deadline=$((SECONDS + wait_seconds))
serve_options=(serve --target "$target" --json)
[ -z "$broker_port" ] || serve_options+=(--broker-port "$broker_port")
setsid "$ROOT/pbench-auth-spec" "${serve_options[@]}" >"$artifacts/serve.log" 2>"$artifacts/serve.err" &
serve_pid=$!
urls=""
while [ -z "$urls" ]; do
  urls="$(head -n 1 "$artifacts/serve.log" 2>/dev/null | grep '^{' || true)"
  [ -n "$urls" ] && break
  kill -0 "$serve_pid" 2>/dev/null || die "serve exited before its URLs: $(tail -n 1 "$artifacts/serve.err") (logs: $artifacts/serve.*)"
  [ "$SECONDS" -lt "$deadline" ] || die "serve printed no URLs within ${wait_seconds}s (logs: $artifacts/serve.*)"
  sleep 0.2
done
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$urls"; }
export BROKER_URL="$(json_field broker)" REALM_URL="$(json_field realm)" IDP_URL="$(json_field idp)" TARGET_URL="$target"
say "stand-ins up: broker $BROKER_URL, realm $REALM_URL"

setsid bash -c "$server_command" >"$artifacts/server.log" 2>&1 &
server_pid=$!
until curl -fsS -o /dev/null --max-time 5 "$target$ready_path" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || die "the server command exited before $target$ready_path answered: $(tail -n 1 "$artifacts/server.log") (log: $artifacts/server.log)"
  [ "$SECONDS" -lt "$deadline" ] || die "$target$ready_path did not answer 2xx within ${wait_seconds}s (log: $artifacts/server.log)"
  sleep 0.5
done
say "server up: $target"

run=(run --target "$target" --broker "$REALM_URL" --artifacts "$artifacts")
# Only when a list is given, so the script works with a run that has no --known-failures.
[ -z "$known_failures" ] || run+=(--known-failures "$known_failures")
"$ROOT/pbench-auth-spec" "${run[@]}" "${run_options[@]}"
code=$?
say "run exited $code; artifacts in $artifacts"
exit "$code"
