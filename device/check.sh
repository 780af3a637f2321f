#!/usr/bin/env bash
# Checks an installed EUS Edge appliance step by step and prints PASS / FAIL / SKIP per step, with what to do on a
# FAIL. Exit status: the number of failed steps (0 = all passed). Installed as /opt/eus-edge/bin/eus-edge-check.
#
#   eus-edge-check [--bundle DIR] [--device /dev/eus-capture] [--size 1920x1080] [--fps 30] [--measure-fps]
#     --bundle       also check that this bundle's backbone opens on TensorRT (needs sudo or user eusedge)
#     --measure-fps  also stream 300 frames from the capture device and compare the rate with --fps
#                    (the device must be free: stop eus-edge.service first)
set -uo pipefail

PREFIX=/opt/eus-edge
BUNDLE=""; DEVICE=/dev/eus-capture; SIZE=1920x1080; FPS=30; MEASURE=0
CACHE=/var/lib/eus-edge/trt-cache
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="${2:?--bundle needs a folder}"; shift ;;
    --device) DEVICE="${2:?--device needs a path}"; shift ;;
    --size) SIZE="${2:?--size needs WIDTHxHEIGHT}"; shift ;;
    --fps) FPS="${2:?--fps needs a number}"; shift ;;
    --measure-fps) MEASURE=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "check.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
  shift
done
[[ "$SIZE" =~ ^[0-9]+x[0-9]+$ ]] || { echo "check.sh: --size must look like 1920x1080, got '$SIZE'" >&2; exit 64; }
[[ "$FPS" =~ ^[0-9]+$ ]] || { echo "check.sh: --fps must be a whole number, got '$FPS'" >&2; exit 64; }

FAILS=0
pass() { printf 'PASS  %-28s %s\n' "$1" "$2"; }
fail() { printf 'FAIL  %-28s %s\n' "$1" "$2"; FAILS=$((FAILS + 1)); }
skip() { printf 'SKIP  %-28s %s\n' "$1" "$2"; }

# 1. a JDK 21 or newer (the launcher needs java and javac; it searches the same places)
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print v[1]; exit}'; }
best=""; best_major=0
for c in "${EUS_EDGE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/*; do
  if [ -z "$c" ] || [ ! -x "$c/bin/java" ] || [ ! -x "$c/bin/javac" ]; then continue; fi
  m="$(jdk_major "$c")"
  if [ -n "$m" ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
done
if [ "$best_major" -ge 21 ]; then pass "JDK >= 21" "$best (Java $best_major)"
else fail "JDK >= 21" "none found (best: ${best:-none} ${best_major}); apt-get install openjdk-21-jdk-headless"; fi

# 2. ONNX Runtime: the installed jar carries the CUDA and TensorRT providers for linux-aarch64
ort_jars=("$PREFIX"/target/libs/onnxruntime-[0-9]*.jar)
ort_jar=""; [ -f "${ort_jars[0]}" ] && ort_jar="${ort_jars[0]}"
if [ -z "$ort_jar" ]; then
  fail "ORT GPU providers" "no onnxruntime jar in $PREFIX/target/libs: run device/install.sh"
else
  listing="$(unzip -Z1 "$ort_jar" 2>/dev/null)"
  missing=()
  for lib in libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so; do
    grep -q "linux-aarch64/$lib" <<<"$listing" || missing+=("$lib")
  done
  if [ ${#missing[@]} -eq 0 ]; then pass "ORT GPU providers" "$ort_jar has CUDA + TensorRT (linux-aarch64)"
  else fail "ORT GPU providers" "$ort_jar lacks ${missing[*]}: it is the CPU build; build ONNX Runtime from source and install.sh --ort-jar (device/README.md)"; fi
fi

# 3. CUDA, cuDNN and TensorRT libraries that the providers load
for lib in libcudart.so libcudnn.so libnvinfer.so; do
  if ldconfig -p | grep -q "$lib"; then pass "library $lib" "$(ldconfig -p | grep -m1 "$lib" | awk '{print $NF}')"
  else fail "library $lib" "not in the loader cache: sudo apt-get install nvidia-jetpack"; fi
done

# 4. the bundle's backbone opens on TensorRT (only with --bundle)
if [ -n "$BUNDLE" ]; then
  if [ "$(id -un)" = eusedge ]; then as=(); elif [ "$(id -u)" = 0 ]; then as=(runuser -u eusedge --); else as=(); fi
  out="$("${as[@]}" env EUS_EDGE_CACHE=/var/lib/eus-edge/cache "$PREFIX/eus-edge" verify "$BUNDLE" --providers tensorrt,cuda,cpu --trt-cache "$CACHE" 2>&1)"
  if grep -q 'runs on tensorrt' <<<"$out"; then pass "backbone on TensorRT" "$(grep -m1 'backbone' <<<"$out")"
  else fail "backbone on TensorRT" "$(tail -n 3 <<<"$out" | tr '\n' ' ')"; fi
else
  skip "backbone on TensorRT" "give --bundle DIR to check"
fi

# 5. warmed TensorRT engine cache
n_engines="$(find "$CACHE" -maxdepth 1 -type f -name '*.engine' 2>/dev/null | wc -l)"
if [ "$n_engines" -gt 0 ]; then pass "TensorRT engine cache" "$n_engines engine(s) in $CACHE"
else fail "TensorRT engine cache" "no engine in $CACHE: sudo $PREFIX/bin/eus-edge-warmup-tensorrt BUNDLE"; fi

# 6. service user
if id -nG eusedge 2>/dev/null | grep -qw video; then pass "user eusedge in video" "$(id eusedge)"
else fail "user eusedge in video" "run device/install.sh (systemd-sysusers /etc/sysusers.d/eus-edge.conf)"; fi

# 7. capture device and its format
if [ ! -e "$DEVICE" ]; then
  fail "capture device" "$DEVICE missing: plug the grabber in; check the ids in /etc/udev/rules.d/99-eus-capture.rules"
elif ! command -v v4l2-ctl >/dev/null; then
  fail "capture device" "v4l2-ctl missing: apt-get install v4l-utils"
else
  fmt="$(v4l2-ctl -d "$DEVICE" --get-fmt-video 2>&1)"
  wh="$(awk -F': *' '/Width\/Height/ {gsub(/\//, "x", $2); print $2; exit}' <<<"$fmt")"
  pix="$(awk -F"'" '/Pixel Format/ {print $2; exit}' <<<"$fmt")"
  if [ "$wh" = "$SIZE" ] && [[ "$pix" =~ ^(YUYV|MJPG)$ ]]; then pass "capture format" "$DEVICE -> $(readlink -f "$DEVICE"): $wh $pix"
  else fail "capture format" "$DEVICE is ${wh:-?} ${pix:-?}, want $SIZE YUYV or MJPG: v4l2-ctl -d $DEVICE --set-fmt-video=width=${SIZE%x*},height=${SIZE#*x},pixelformat=MJPG"; fi
  if [ "$MEASURE" = 1 ]; then
    if systemctl is-active --quiet eus-edge.service; then
      skip "capture fps" "eus-edge.service holds the device: stop it first"
    else
      # v4l2-ctl prints a running rate ("... 30.00 fps") while it streams; the last one covers the most frames
      rate="$(v4l2-ctl -d "$DEVICE" --stream-mmap --stream-count=300 --stream-to=/dev/null 2>&1 | grep -o '[0-9.]* fps' | tail -n 1 | cut -d' ' -f1)"
      if [ -n "$rate" ] && awk -v r="$rate" -v f="$FPS" 'BEGIN {exit !(r >= 0.95 * f)}'; then pass "capture fps" "$rate fps measured over 300 frames (want $FPS)"
      else fail "capture fps" "${rate:-no} fps measured, want >= 95% of $FPS: check the source's output mode and the USB port (USB 3 for 1080p60)"; fi
    fi
  else
    skip "capture fps" "give --measure-fps (with the service stopped)"
  fi
fi

# 8. performance mode: MAXN power mode and clocks pinned (jetson_clocks sets min = max)
if command -v nvpmodel >/dev/null; then
  mode="$(nvpmodel -q 2>/dev/null | head -n 1)"
  if grep -q 'MAXN' <<<"$mode"; then pass "power mode" "$mode"
  else fail "power mode" "${mode:-unknown}: sudo nvpmodel -m 0 (MAXN; see /etc/nvpmodel.conf for its id on this module)"; fi
else
  fail "power mode" "nvpmodel missing: not a Jetson, or JetPack's nvidia-l4t-nvpmodel is not installed"
fi
cpu=/sys/devices/system/cpu/cpu0/cpufreq
if [ -r "$cpu/scaling_min_freq" ] && [ "$(cat "$cpu/scaling_min_freq")" = "$(cat "$cpu/scaling_max_freq")" ]; then
  pass "clocks pinned" "cpu0 at $(cat "$cpu/scaling_cur_freq" 2>/dev/null) kHz"
else
  fail "clocks pinned" "cpu0 min != max frequency: sudo jetson_clocks (eus-edge.service runs it at every start)"
fi

# 9. services
for unit in eus-edge.service eus-edge-watchdog.timer; do
  state="$(systemctl is-active "$unit" 2>/dev/null)"
  if [ "$state" = active ]; then pass "$unit" "active"
  else fail "$unit" "${state:-unknown}: journalctl -u ${unit%.*} -b; sudo systemctl start $unit"; fi
done
if [ "$(systemctl get-default 2>/dev/null)" = graphical.target ]; then
  state="$(systemctl is-active eus-edge-kiosk.service 2>/dev/null)"
  if [ "$state" = active ]; then pass "eus-edge-kiosk.service" "active"
  else fail "eus-edge-kiosk.service" "${state:-unknown}: journalctl -u eus-edge-kiosk -b"; fi
else
  skip "eus-edge-kiosk.service" "default target is not graphical.target (headless)"
fi

# 10. the running service (inside its sandbox) opened the backbone on TensorRT: proves the hardening of
# eus-edge.service leaves the GPU reachable (ONNX Runtime would otherwise fall back quietly to CUDA or the CPU)
if systemctl is-active --quiet eus-edge.service; then
  opened="$(journalctl -u eus-edge.service -b --no-pager -o cat 2>/dev/null | grep -o 'runs on [a-z]*' | tail -n 1)"
  if [ "$opened" = "runs on tensorrt" ]; then pass "service on TensorRT" "journal: backbone $opened"
  else fail "service on TensorRT" "journal says '${opened:-nothing about the backbone}': journalctl -u eus-edge -b | grep -i provider (run check.sh with sudo to read the journal)"; fi
else
  skip "service on TensorRT" "eus-edge.service is not active"
fi

# 11. health endpoint
if [ ! -x "$PREFIX/bin/eus-edge-health" ]; then fail "health endpoint" "$PREFIX/bin/eus-edge-health missing: run device/install.sh"
elif out="$("$PREFIX/bin/eus-edge-health" check 2>&1)"; then pass "health endpoint" "$out"
else fail "health endpoint" "$out"; fi

echo "$FAILS step(s) failed"
exit "$FAILS"
