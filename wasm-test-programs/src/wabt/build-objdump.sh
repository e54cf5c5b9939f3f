#!/usr/bin/env bash
# Compiles wabt's wasm-objdump to wasm32-wasi from Debian's wabt source (the unpacked
# wabt_1.0.32.orig.tar.xz; the tests download and verify it, see ObjdumpBuild.java).
# Only the sources wasm-objdump links are compiled; config.h, which wabt's CMake build generates
# from src/config.h.in, is written here for wasm32-wasi (clang, 32-bit size_t, no exceptions).
# Needs clang++ with wasi-libc and libc++ for WASI:
#   apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 \
#     libc++-14-dev-wasm32 libc++abi-14-dev-wasm32
# Usage: build-objdump.sh WABT_SOURCE_DIR OUT.wasm   ($CXX overrides clang++-14)
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 WABT_SOURCE_DIR OUT.wasm" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
out=$2
CXX=${CXX:-clang++-14}
version=$(sed -n 's/^project(WABT LANGUAGES C CXX VERSION \([0-9.]*\))$/\1/p' "$src/CMakeLists.txt")
[[ -n $version ]] || { echo "no version in $src/CMakeLists.txt" >&2; exit 1; }

build=$(mktemp -d "${TMPDIR:-/tmp}/wasm-objdump-build.XXXXXX")
trap 'rm -rf "$build"' EXIT
mkdir -p "$build/include/wabt"

# What CMake's configure_file(src/config.h.in include/wabt/config.h) makes of it for this target:
# every #cmakedefine01 decided below, the rest of the file kept as it is.
sed -e "s|^#cmakedefine WABT_VERSION_STRING .*|#define WABT_VERSION_STRING \"$version\"|" \
  -e 's|^#cmakedefine WABT_DEBUG .*|/* #undef WABT_DEBUG */|' \
  -e 's|^#cmakedefine01 HAVE_ALLOCA_H$|#define HAVE_ALLOCA_H 1|' \
  -e 's|^#cmakedefine01 HAVE_UNISTD_H$|#define HAVE_UNISTD_H 1|' \
  -e 's|^#cmakedefine01 HAVE_SNPRINTF$|#define HAVE_SNPRINTF 1|' \
  -e 's|^#cmakedefine01 HAVE_SSIZE_T$|#define HAVE_SSIZE_T 1|' \
  -e 's|^#cmakedefine01 HAVE_STRCASECMP$|#define HAVE_STRCASECMP 1|' \
  -e 's|^#cmakedefine01 HAVE_WIN32_VT100$|#define HAVE_WIN32_VT100 0|' \
  -e 's|^#cmakedefine01 WABT_BIG_ENDIAN$|#define WABT_BIG_ENDIAN 0|' \
  -e 's|^#cmakedefine01 COMPILER_IS_CLANG$|#define COMPILER_IS_CLANG 1|' \
  -e 's|^#cmakedefine01 COMPILER_IS_GNU$|#define COMPILER_IS_GNU 0|' \
  -e 's|^#cmakedefine01 COMPILER_IS_MSVC$|#define COMPILER_IS_MSVC 0|' \
  -e 's|^#cmakedefine01 WITH_EXCEPTIONS$|#define WITH_EXCEPTIONS 0|' \
  -e 's|@SIZEOF_SIZE_T@|4|' \
  "$src/src/config.h.in" > "$build/include/wabt/config.h"
if grep -n '#cmakedefine\|@[A-Z_]*@' "$build/include/wabt/config.h" >&2; then
  echo "config.h: the lines above were not replaced" >&2
  exit 1
fi

# wasm-objdump (src/tools/wasm-objdump.cc + src/binary-reader-objdump.cc, as in CMakeLists.txt)
# and the parts of libwabt it uses.
sources=(
  src/tools/wasm-objdump.cc
  src/binary-reader-objdump.cc
  src/binary-reader.cc
  src/binary-reader-logging.cc
  src/binary.cc
  src/color.cc
  src/common.cc
  src/config.cc
  src/feature.cc
  src/filenames.cc
  src/leb128.cc
  src/literal.cc
  src/opcode.cc
  src/opcode-code-table.c
  src/option-parser.cc
  src/stream.cc
  src/utf8.cc
)
flags=(--target=wasm32-wasi --sysroot=/usr -O2 -fno-exceptions
  -D__STDC_LIMIT_MACROS=1 -D__STDC_FORMAT_MACROS=1
  -I"$build/include" -I"$src/include" -w)
objs=()
pids=()
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
for s in "${sources[@]}"; do
  o="$build/$(basename "$s").o"
  objs+=("$o")
  if [[ $s == *.c ]]; then
    "$CXX" -x c -std=c99 "${flags[@]}" -c "$src/$s" -o "$o" &
  else
    "$CXX" -std=c++17 "${flags[@]}" -c "$src/$s" -o "$o" &
  fi
  pids+=($!)
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}"
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p"; done
mkdir -p "$(dirname "$out")"
"$CXX" --target=wasm32-wasi --sysroot=/usr -O2 -fno-exceptions -Wl,--strip-debug \
  "${objs[@]}" -o "$out.tmp"
mv "$out.tmp" "$out"
