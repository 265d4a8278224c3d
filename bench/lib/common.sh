# Shared by bench/run, bench/soak and bench/flake: set-up steps that install what they need.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/artifacts/bench"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { say "$*"; exit 2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@" || die "'$*' needs root: run it by hand."; fi
}

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  say "installing Debian's wrk (apt-get install -y wrk)…"
  { as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q wrk; } >"$OUT/apt-wrk.log" 2>&1 \
    || die "installing wrk failed (log: $OUT/apt-wrk.log)."
}

# The anchor: oauth2-mock-server at the exact version of bench/anchor/package-lock.json.
ensure_anchor() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || die "node and npm are needed for the anchor: apt-get install -y nodejs npm (oauth2-mock-server 9.x wants node ≥ 20)."
  local dir="$ROOT/bench/anchor"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the anchor (npm ci in bench/anchor)…"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$OUT/npm-anchor.log" 2>&1 \
      || die "npm ci in bench/anchor failed (log: $OUT/npm-anchor.log)."
  fi
}

# The stand-ins as users run them standalone, published into artifacts/bench/, apart from the bin/
# folders other builds use: Native AOT (self-contained linux-x64) when a C toolchain is there,
# otherwise (or with BENCH_JIT=1) the JIT build in Release with ReadyToRun. Sets STANDINS to "aot"
# or "jit" and BROKER_APP / IDP_APP to what LoadGen starts (a native executable or a .dll).
publish_standins() {
  STANDINS=jit
  if [ "${BENCH_JIT:-0}" != 1 ] && ensure_aot_toolchain; then
    if publish_aot MockBroker && publish_aot MockIdp; then
      STANDINS=aot
    else
      say "the Native AOT publish failed (logs: $OUT/publish-aot-*.log); measuring the JIT build instead."
    fi
  fi
  if [ "$STANDINS" = jit ]; then
    publish_jit MockBroker && publish_jit MockIdp
  fi
  BROKER_APP="$OUT/$STANDINS/MockBroker/PbenchAuthSpec.MockBroker"
  IDP_APP="$OUT/$STANDINS/MockIdp/PbenchAuthSpec.MockIdp"
  if [ "$STANDINS" = jit ]; then BROKER_APP+=.dll; IDP_APP+=.dll; fi
  say "stand-ins: $STANDINS build ($BROKER_APP)"
}

# Native AOT links with clang or gcc (binutils' ld and objcopy); zlib and brotli come with the
# runtime pack. Installed like wrk when missing and we may; otherwise the JIT build is measured.
have_cc() { { command -v clang || command -v gcc; } >/dev/null 2>&1 && command -v objcopy >/dev/null 2>&1; }

ensure_aot_toolchain() {
  have_cc && return 0
  say "Native AOT needs a C toolchain; installing Debian's clang (apt-get install -y clang binutils)…"
  if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
    { as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q clang binutils; } >"$OUT/apt-clang.log" 2>&1
  fi
  have_cc && return 0
  say "no C toolchain for Native AOT (apt-get install -y clang binutils as root, log: $OUT/apt-clang.log); measuring the JIT build instead: its cold start and memory are not the AOT figures."
  return 1
}

publish_aot() {
  local project="$1" log="$OUT/publish-aot-$1.log"
  dotnet publish "$ROOT/$project/$project.csproj" -c Release -r linux-x64 --self-contained true \
    -p:PublishAot=true -p:PublishReadyToRun=false -o "$OUT/aot/$project" -nologo -v q >"$log" 2>&1 \
    || { grep -E ': (error|warning) ' "$log" | sort -u | head -n 10 >&2; return 1; }
}

publish_jit() {
  local project="$1" log="$OUT/publish-$1.log"
  dotnet publish "$ROOT/$project/$project.csproj" -c Release -r linux-x64 --self-contained false \
    -o "$OUT/jit/$project" -nologo -v q >"$log" 2>&1 \
    || { grep -E ': error ' "$log" | sort -u | head -n 10 >&2; die "publishing $project failed (log: $log)."; }
}

build_loadgen() {
  local log="$OUT/build-LoadGen.log"
  dotnet build "$ROOT/bench/LoadGen/LoadGen.csproj" -c Release -o "$OUT/LoadGen" -nologo -v q >"$log" 2>&1 \
    || { grep -E ': error ' "$log" | sort -u | head -n 10 >&2; die "building bench/LoadGen failed (log: $log)."; }
}


# Figures are only worth keeping on a quiet machine (1-minute load average below 0.5).
check_quiet() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" 'BEGIN { exit !(l >= 0.5) }'; then
    say "the machine is busy (1-minute load average $load ≥ 0.5): these figures are not final; run again when it is quiet."
  else
    say "1-minute load average $load: quiet enough for final figures."
  fi
}
