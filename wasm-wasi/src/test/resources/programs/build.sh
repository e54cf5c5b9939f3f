#!/bin/sh
# Rebuilds the test programs: apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
set -e
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi --sysroot=/usr -Os -Wl,--strip-all wasi_smoke.c -o wasi_smoke.wasm
