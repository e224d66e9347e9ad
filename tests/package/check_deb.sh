#!/usr/bin/env bash
# Usage: check_deb.sh BUILD_DIR
# The desktop-integration acceptance test: `cmake --install` into a temporary prefix installs
# the executables, the desktop file and the icons; `cpack -G DEB` (BUILD_DIR/CPackConfig.cmake)
# builds the .deb into a temporary directory; `dpkg -c` lists both executables, the desktop
# file, the scalable icon and the 256x256 PNG; `dpkg-deb -I` has a Depends line naming Qt; the
# source desktop file passes desktop-file-validate. Needs a built BUILD_DIR configured with
# FACERESTORE_BUILD_GUI, and dpkg-dev, file and desktop-file-utils (scripts/setup installs them).
# Removes what it wrote, bar the install_manifest.txt that cmake --install leaves in BUILD_DIR.
# Exits 0 when every check passes, 1 otherwise, naming the failures.
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "check_deb: FAIL: $*" >&2; failures=$((failures + 1)); }

desktop-file-validate "$source_dir/resources/facerestore.desktop" || fail "desktop-file-validate"

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null \
  || { echo "check_deb: FAIL: cmake --install $build" >&2; exit 1; }
for f in bin/facerestore bin/facerestore-cli share/applications/facerestore.desktop \
         share/icons/hicolor/scalable/apps/facerestore.svg \
         share/icons/hicolor/256x256/apps/facerestore.png; do
  [ -f "$tmp/prefix/$f" ] || fail "cmake --install did not install $f"
done

(cd "$build" && cpack -G DEB -B "$tmp/deb" --config CPackConfig.cmake) >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log" >&2; echo "check_deb: FAIL: cpack" >&2; exit 1; }
debs=("$tmp"/deb/facerestore_*.deb)
[ -f "${debs[0]}" ] || { cat "$tmp/cpack.log" >&2; echo "check_deb: FAIL: no .deb in $tmp/deb" >&2; exit 1; }
deb=${debs[0]}

listing=$(dpkg -c "$deb" | awk '{print $NF}')
for f in ./usr/bin/facerestore ./usr/bin/facerestore-cli \
         ./usr/share/applications/facerestore.desktop \
         ./usr/share/icons/hicolor/scalable/apps/facerestore.svg \
         ./usr/share/icons/hicolor/256x256/apps/facerestore.png; do
  grep -qxF "$f" <<<"$listing" || fail "dpkg -c does not list $f"
done
# Only the programs are installed into bin (no tests), and no libraries or headers at all.
extra=$(grep -E '^\./usr/(bin/.|lib|include)' <<<"$listing" \
  | grep -vxF -e ./usr/bin/facerestore -e ./usr/bin/facerestore-cli || true)
[ -z "$extra" ] || fail "unexpected files in the package: $extra"

info=$(dpkg-deb -I "$deb")
depends=$(grep -E '^ Depends: ' <<<"$info" || true)
[ -n "$depends" ] || fail "dpkg-deb -I shows no Depends line"
grep -q 'libqt5widgets5' <<<"$depends" || fail "Depends does not name libqt5widgets5: $depends"

echo "check_deb: $(basename "$deb")"
dpkg -c "$deb" | awk '{print "  " $NF}'
echo "$depends"
if [ "$failures" -ne 0 ]; then
  echo "check_deb: $failures check(s) failed" >&2
  exit 1
fi
echo "check_deb: all checks passed"
