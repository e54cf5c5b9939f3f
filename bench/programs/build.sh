#!/usr/bin/env bash
# Rebuilds the benchmark programs' .wasm files from their sources with Debian's toolchain:
#   apt-get install -y clang-14 lld-14 wabt
# C: freestanding wasm32 (no libc, no imports). WAT: assembled by wabt's wat2wasm.
# Every module exports `memory` and `run(i32) -> i32`, which returns a checksum.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${CC:-clang-14}"
WAT2WASM="${WAT2WASM:-wat2wasm}"
for src in *.c; do
  name="${src%.c}"
  "$CC" --target=wasm32 -O2 -nostdlib -fno-builtin \
    -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--export=run -Wl,--strip-all \
    -o "$name.wasm" "$src"
  echo "built $name.wasm ($(wc -c <"$name.wasm") bytes)"
done
for src in *.wat; do
  name="${src%.wat}"
  "$WAT2WASM" -o "$name.wasm" "$src"
  echo "built $name.wasm ($(wc -c <"$name.wasm") bytes)"
done
