#!/usr/bin/env bash
# Installs the EUS Edge appliance on a Jetson (or any systemd Linux): program files, service user and folders,
# systemd units, the capture udev rule, kiosk autologin; enables the services. Idempotent: run it again after an
# update. Run from a checkout whose target/ holds the built jar (./eus-edge build, or target/ copied from a build
# machine).
#
#   sudo device/install.sh [--ort-jar PATH]   install on this machine
#   device/install.sh --dry-run               print every action, change nothing (no root needed)
#   device/install.sh --root DIR --no-jar     lay the files out under DIR (a staging root: users, folders and
#                                             enablement applied to DIR's own /etc; no root needed; the test
#                                             SystemdUnitsTest verifies the units this way)
# Options:
#   --ort-jar PATH  ONNX Runtime jar built with CUDA + TensorRT (device/README.md): installed in place of the
#                   Maven CPU jar, under the file name the eus-edge.jar manifest refers to
#   --no-jar        skip target/eus-edge.jar and target/libs (units, scripts and system integration only)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX=/opt/eus-edge
SERVICE_USER=eusedge
KIOSK_USER=eus-kiosk
UNITS=(eus-edge.service eus-edge-watchdog.service eus-edge-watchdog.timer eus-edge-kiosk.service)
ENABLE=(eus-edge.service eus-edge-watchdog.timer eus-edge-kiosk.service)

DRY=0; ROOT=""; WITH_JAR=1; ORT_JAR=""
die() { echo "install.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1 ;;
    --root) [ $# -ge 2 ] || die "--root needs a folder"; ROOT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    --no-jar) WITH_JAR=0 ;;
    --ort-jar) [ $# -ge 2 ] || die "--ort-jar needs the path of the ONNX Runtime jar"; ORT_JAR="$2"; shift ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done

if [ "$DRY" = 0 ] && [ -z "$ROOT" ] && [ "$(id -u)" != 0 ]; then
  die "must run as root to install (sudo $0); --dry-run shows what it would do"
fi
R="$ROOT"   # prefix of every path written; empty on the real system

run() { # one action: printed under --dry-run, performed otherwise
  if [ "$DRY" = 1 ]; then echo "[dry-run] $*"; else "$@"; fi
}
step() { echo "== $*"; }
live() { [ -z "$ROOT" ]; }   # true when installing on this machine (not a staging root)

# ---- preflight: what the install needs from the checkout
JAR="$REPO/target/eus-edge.jar"
if [ "$WITH_JAR" = 1 ]; then
  if [ ! -f "$JAR" ] || [ ! -d "$REPO/target/libs" ]; then die "$JAR or target/libs is missing: build first (./eus-edge build) or copy target/ from a build machine, or pass --no-jar"; fi
fi
if [ -n "$ORT_JAR" ]; then
  [ -f "$ORT_JAR" ] || die "--ort-jar $ORT_JAR does not exist"
  [ "$WITH_JAR" = 1 ] || die "--ort-jar goes with the application jar: drop --no-jar"
fi
if live && [ "$DRY" = 0 ]; then
  for tool in systemctl systemd-sysusers systemd-tmpfiles curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (curl: apt-get install curl)"
  done
fi

has_tensorrt_provider() { # does this ONNX Runtime jar carry the TensorRT execution provider library?
  [ -f "$1" ] && unzip -Z1 "$1" 2>/dev/null | grep -q 'libonnxruntime_providers_tensorrt\.so'
}

# ---- 1. program files
step "program files in $R$PREFIX"
run install -d -m 0755 "$R$PREFIX" "$R$PREFIX/bin" "$R$PREFIX/device"
run install -m 0755 "$REPO/eus-edge" "$R$PREFIX/eus-edge"
run install -m 0755 "$REPO"/systemd/bin/* "$R$PREFIX/bin/"
run install -m 0755 "$REPO/device/check.sh" "$R$PREFIX/bin/eus-edge-check"
run install -m 0755 "$REPO/device/warmup-tensorrt.sh" "$R$PREFIX/bin/eus-edge-warmup-tensorrt"
run install -m 0644 "$REPO/device/README.md" "$R$PREFIX/device/README.md"
if [ "$WITH_JAR" = 1 ]; then
  # the jar's manifest Class-Path names each library: the ONNX Runtime jar keeps the Maven file name
  ort_jars=("$REPO"/target/libs/onnxruntime-[0-9]*.jar)
  [ -f "${ort_jars[0]}" ] || die "no onnxruntime-<version>.jar in $REPO/target/libs: rebuild (./eus-edge build)"
  ort_name="$(basename "${ort_jars[0]}")"
  installed_ort="$R$PREFIX/target/libs/$ort_name"
  keep_gpu_ort=""
  if [ -z "$ORT_JAR" ] && has_tensorrt_provider "$installed_ort"; then
    keep_gpu_ort="$(mktemp)"; cp "$installed_ort" "$keep_gpu_ort"
    echo "   keeping the installed CUDA/TensorRT build of $ort_name (pass --ort-jar to replace it)"
  fi
  run install -d -m 0755 "$R$PREFIX/target"
  run rm -rf "$R$PREFIX/target/libs"                       # no stale libraries from an older version
  run cp -r "$REPO/target/libs" "$R$PREFIX/target/libs"
  run install -m 0644 "$JAR" "$R$PREFIX/target/eus-edge.jar"
  if [ -n "$ORT_JAR" ]; then
    has_tensorrt_provider "$ORT_JAR" || echo "   warning: $ORT_JAR has no libonnxruntime_providers_tensorrt.so inside: TensorRT will need -Donnxruntime.native.path (device/README.md)"
    run install -m 0644 "$ORT_JAR" "$installed_ort"
  elif [ -n "$keep_gpu_ort" ]; then
    run install -m 0644 "$keep_gpu_ort" "$installed_ort"; rm -f "$keep_gpu_ort"
  fi
fi

# ---- 2. service user and folders
step "service user $SERVICE_USER (group video) and folders"
run install -d -m 0755 "$R/etc/sysusers.d" "$R/etc/tmpfiles.d"
run install -m 0644 "$REPO/systemd/eus-edge.sysusers.conf" "$R/etc/sysusers.d/eus-edge.conf"
run install -m 0644 "$REPO/systemd/eus-edge.tmpfiles.conf" "$R/etc/tmpfiles.d/eus-edge.conf"
if live; then
  run systemd-sysusers /etc/sysusers.d/eus-edge.conf
  run systemd-tmpfiles --create /etc/tmpfiles.d/eus-edge.conf
else
  run systemd-sysusers --root="$R" "$R/etc/sysusers.d/eus-edge.conf"
  run systemd-tmpfiles --root="$R" --create "$R/etc/tmpfiles.d/eus-edge.conf"
fi

# ---- 3. kiosk user: an ordinary desktop account the display manager logs in automatically
step "kiosk user $KIOSK_USER"
if live; then
  if id "$KIOSK_USER" >/dev/null 2>&1; then echo "   $KIOSK_USER exists"
  else run useradd --create-home --shell /bin/bash --comment "EUS Edge side-monitor kiosk" "$KIOSK_USER"; fi
else
  echo "   staging root: $KIOSK_USER is created on the target by the real install"
fi
GDM="$R/etc/gdm3/custom.conf"
if [ -f "$GDM" ]; then
  if grep -q "^AutomaticLogin=$KIOSK_USER\$" "$GDM"; then echo "   gdm3 already logs in $KIOSK_USER"
  elif grep -q '^AutomaticLogin=' "$GDM"; then
    echo "   warning: $GDM logs in another user automatically; set AutomaticLogin=$KIOSK_USER by hand for the kiosk"
  else
    run sed -i "/^\[daemon\]/a AutomaticLoginEnable=true\nAutomaticLogin=$KIOSK_USER" "$GDM"
  fi
else
  echo "   no $GDM: configure automatic login of $KIOSK_USER in your display manager for the kiosk"
fi

# ---- 4. systemd units
step "systemd units"
run install -d -m 0755 "$R/etc/systemd/system"
for u in "${UNITS[@]}"; do run install -m 0644 "$REPO/systemd/$u" "$R/etc/systemd/system/$u"; done
if live; then run systemctl daemon-reload; fi

# ---- 5. capture device rule
step "udev rule /etc/udev/rules.d/99-eus-capture.rules"
run install -d -m 0755 "$R/etc/udev/rules.d"
run install -m 0644 "$REPO/device/99-eus-capture.rules" "$R/etc/udev/rules.d/99-eus-capture.rules"
if live && command -v udevadm >/dev/null; then
  run udevadm control --reload-rules
  run udevadm trigger --action=add --subsystem-match=video4linux
fi

# ---- 6. enable (not start: the service needs /etc/eus-edge/appliance.json and a warmed engine cache first)
step "enable ${ENABLE[*]}"
if live; then run systemctl enable "${ENABLE[@]}"
else run systemctl --root="$R" enable "${ENABLE[@]}"; fi

cat <<NEXT
Done. Next (device/README.md):
  1. put the bundle in /var/lib/eus-edge/bundles/ and the configuration in /etc/eus-edge/appliance.json
  2. sudo $PREFIX/bin/eus-edge-warmup-tensorrt /var/lib/eus-edge/bundles/<bundle>   (again after every bundle,
     JetPack or ONNX Runtime update)
  3. sudo systemctl start eus-edge.service eus-edge-watchdog.timer; sudo $PREFIX/bin/eus-edge-check
NEXT
