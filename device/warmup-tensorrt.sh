#!/usr/bin/env bash
# Builds the TensorRT engines of a model bundle once, at install time, into the engine cache the service uses, so
# that the first patient after an install or update never waits minutes for an engine build. Installed as
# /opt/eus-edge/bin/eus-edge-warmup-tensorrt. Run it after every new bundle and every JetPack, TensorRT or ONNX
# Runtime update (each of them invalidates cached engines).
#
#   sudo eus-edge-warmup-tensorrt BUNDLE [--cache DIR] [-- extra verify options, e.g. --fp16]
#
# The engines must be built with the same options the service opens the backbone with (providers, FP16/INT8,
# cache folder): TensorRT's cache key includes them, and a mismatch means a rebuild at the first scoring.
# Success is judged by what lands in the cache folder and by the provider the backbone opened on, not by the exit
# status alone: ONNX Runtime falls back to CUDA or the CPU when TensorRT refuses, and still exits 0.
set -euo pipefail

EUS=/opt/eus-edge/eus-edge
USER_NAME=eusedge
CACHE=/var/lib/eus-edge/trt-cache
die() { echo "warmup-tensorrt: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 BUNDLE [--cache DIR] [-- extra verify options]"
BUNDLE="$1"; shift
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cache) [ $# -ge 2 ] || die "--cache needs a folder"; CACHE="$2"; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) die "unknown option '$1'" ;;
  esac
  shift
done
[ -d "$BUNDLE" ] || die "bundle folder $BUNDLE does not exist"
[ -x "$EUS" ] || die "$EUS is missing: run device/install.sh first"
[ -d "$CACHE" ] || die "engine cache folder $CACHE does not exist: run device/install.sh (it creates it for $USER_NAME)"

# the engines must belong to the service user, who reads them at every start
as_service_user() {
  if [ "$(id -un)" = "$USER_NAME" ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u "$USER_NAME" -- "$@"
  else die "run as root (sudo) or as $USER_NAME, so that the cached engines belong to $USER_NAME"; fi
}

if ! as_service_user "$EUS" verify --help 2>&1 | grep -q -- '--trt-cache'; then
  die "this eus-edge's 'verify' has no --providers/--trt-cache options: update eus-edge (the warm-up needs them)"
fi

engines() { find "$CACHE" -maxdepth 1 -type f \( -name '*.engine' -o -name '*.profile' \) | wc -l; }

run_verify() { # prints the verify output; returns its exit status
  as_service_user env EUS_EDGE_CACHE=/var/lib/eus-edge/cache "$EUS" verify "$BUNDLE" \
    --providers tensorrt,cuda,cpu --trt-cache "$CACHE" "${EXTRA[@]}"
}

before="$(engines)"
echo "warm-up: building TensorRT engines for $BUNDLE into $CACHE (can take minutes) ..."
start=$SECONDS
out1="$(run_verify 2>&1)" || { echo "$out1" >&2; die "verify failed (output above)"; }
first=$((SECONDS - start))
echo "$out1"
grep -q 'runs on tensorrt' <<<"$out1" || die "the backbone did not open on TensorRT (see the providers named above): check ONNX Runtime's GPU build with device/check.sh"
after="$(engines)"
[ "$after" -gt 0 ] || die "TensorRT built no engine file in $CACHE. With a dynamic batch dimension ONNX Runtime builds the engine at the first inference, not when the session opens: the verify command must run one forward pass"

start=$SECONDS
out2="$(run_verify 2>&1)" || { echo "$out2" >&2; die "second verify failed (output above)"; }
second=$((SECONDS - start))
echo "warm-up: engine files in $CACHE: $before before, $after after"
echo "warm-up: first open ${first} s (engine build), second open ${second} s (from the cache)"
if [ "$second" -gt 5 ]; then
  echo "warm-up: warning: the cached open took ${second} s, over the 5 s cold-start budget: was the cache used? (device/README.md)" >&2
fi
