#!/usr/bin/env bash
# Rebuilds the committed wasm32-wasi binaries of the test programs (src/test/resources/wasm/)
# from src/c/*.c and src/rust/*.rs with Debian's toolchain:
#   apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32
# The tests build the native twins themselves (gcc, rustc) at test time; SQLite is compiled by
# the tests too (its source comes from npm), so nothing of it is committed.
# Usage: wasm-test-programs/build.sh [NAME...]   (default: every program)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
out=src/test/resources/wasm
mkdir -p "$out"

CLANG=${CLANG:-clang-14}
RUSTC=${RUSTC:-/usr/bin/rustc}
# The flags the tests use for the native twins live in ProgramBuilds.java: keep them in step.
CFLAGS=(--target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wno-unused-result -Wno-infinite-recursion -Wl,--strip-debug)
RFLAGS=(--target wasm32-wasi -O -C panic=abort -C strip=debuginfo)

want() { [[ $# -eq 0 ]] && return 0; local n; for n in "${selected[@]}"; do [[ $n == "$1" ]] && return 0; done; return 1; }
selected=("$@")

for src in src/c/*.c; do
  name=$(basename "$src" .c)
  [[ ${#selected[@]} -eq 0 ]] || want "$name" || continue
  echo "clang  $src -> $out/$name.wasm"
  "$CLANG" "${CFLAGS[@]}" "$src" -o "$out/$name.wasm"
done
for src in src/rust/*.rs; do
  name=$(basename "$src" .rs)
  [[ ${#selected[@]} -eq 0 ]] || want "$name" || continue
  echo "rustc  $src -> $out/$name.wasm"
  # Run from the module directory with a relative path: panic messages name src/rust/NAME.rs,
  # exactly as the native build (also made from here) does.
  "$RUSTC" "${RFLAGS[@]}" "$src" -o "$out/$name.wasm"
done
# The tests compare the Rust programs with native builds made by /usr/bin/rustc; std's output
# changes between versions, so they rebuild for Wasm when this machine's rustc is another one.
"$RUSTC" --version > "$out/rustc-version.txt"
