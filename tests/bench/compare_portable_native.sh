#!/bin/sh
# Kernel speed of a portable build (runtime-dispatched kernels) against a -march=native build:
# `tiny-experts-cli bench --json` on the built-in model and on random 8-expert models of expert
# width 256 in F32 and Q8_0, the two builds in turns, ROUNDS times each, so that a slow minute of
# a shared machine hits both; prints the medians of prompt and generated tokens/s.
#
#   cmake -S . -B build -G Ninja && cmake --build build --target tiny-experts-cli
#   cmake -S . -B build-native -G Ninja -DTINY_EXPERTS_NATIVE=ON && cmake --build build-native --target tiny-experts-cli
#   sh tests/bench/compare_portable_native.sh [ROUNDS]
#
# BENCH_ARGS adds bench options (e.g. BENCH_ARGS="--threads 1" on a busy machine).
set -eu
rounds=${1:-5}
portable=${PORTABLE:-build/app/cli/tiny-experts-cli}
native=${NATIVE:-build-native/app/cli/tiny-experts-cli}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$portable" init-random "$out/f32.gguf" --experts 8 --ffn 256 --type f32 --seed 1 >/dev/null
"$portable" init-random "$out/q8_0.gguf" --experts 8 --ffn 256 --type q8_0 --seed 1 >/dev/null
models="resources/models/tiny-experts.gguf $out/f32.gguf $out/q8_0.gguf"

field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

for round in $(seq "$rounds"); do
    for model in $models; do
        name=$(basename "$model" .gguf)
        for build in portable native; do
            eval cli=\$$build
            "$cli" bench "$model" --json ${BENCH_ARGS:-} >"$out/run.json"
            field prompt_tokens_per_s <"$out/run.json" >>"$out/$name.$build.pp"
            field gen_tokens_per_s <"$out/run.json" >>"$out/$name.$build.tg"
        done
    done
    echo "round $round done" >&2
done
echo "kernels: portable $("$portable" info resources/models/tiny-experts.gguf --json | sed -n 's/.*"kernels": "\([a-z0-9]*\)".*/\1/p'), native $("$native" info resources/models/tiny-experts.gguf --json | sed -n 's/.*"kernels": "\([a-z0-9]*\)".*/\1/p')"
printf '%-14s %-5s %12s %12s %9s\n' model test portable native ratio
for model in $models; do
    name=$(basename "$model" .gguf)
    for test in pp tg; do
        p=$(median <"$out/$name.portable.$test")
        n=$(median <"$out/$name.native.$test")
        printf '%-14s %-5s %12s %12s %9s\n' "$name" "$test" "$p" "$n" "$(echo "$p $n" | awk '{printf "%.3f", $1 / $2}')"
    done
done
