#!/usr/bin/env bash
# Speed of tiny-experts-cli next to llama.cpp on the same random models: a small one (8 layers,
# d256, 8 experts top-2) at F32 and Q8_0, and a memory-bound one (8 layers, d1024, ffn 2816,
# vocab 8192, ~600 M parameters) at Q8_0 and F16. Both engines run 2 threads, a 512-token prompt
# and 128 generated tokens.
#
# usage: bench_vs_llamacpp.sh LLAMA_CPP_BUILD_BIN_DIR TINY_EXPERTS_CLI [WORK_DIR]
#
# llama.cpp is built outside this repository (see reference/gguf-mixtral.md, section 9).
# Environment: TE_THREADS (2), TE_BENCH_MODELS (space-separated subset of: small-f32 small-q8_0
# big-q8_0 big-f16), TE_BENCH_REPS (llama-bench repetitions, its default 5), TE_TIMEOUT seconds
# per command (1800). The big models need about 2 GB of disk in WORK_DIR.
# Prints a table; ratios are ours / llama.cpp (above 1 = we are faster). Exits 1 if a run failed.
set -euo pipefail

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "bench_vs_llamacpp: $*" >&2
    exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
llama_bin=$(cd "$1" 2>/dev/null && pwd) || die "llama.cpp bin dir '$1' does not exist"
cli=$2
if [[ $cli == */* ]]; then
    cli_dir=$(cd "$(dirname "$cli")" 2>/dev/null && pwd) || die "TINY_EXPERTS_CLI dir of '$cli' does not exist"
    cli=$cli_dir/$(basename "$cli")
fi
command -v "$cli" >/dev/null || die "TINY_EXPERTS_CLI '$cli' is not an executable"
[[ -x $llama_bin/llama-bench ]] || die "missing $llama_bin/llama-bench"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helper=$here/compare_outputs.py
[[ -f $helper ]] || die "missing $helper"
python=${PYTHON:-python3}
command -v "$python" >/dev/null || die "python3 not found (set PYTHON)"
threads=${TE_THREADS:-2}
timeout_s=${TE_TIMEOUT:-1800}
models=${TE_BENCH_MODELS:-small-f32 small-q8_0 big-q8_0 big-f16}
reps=()
[[ -n ${TE_BENCH_REPS:-} ]] && reps=(-r "$TE_BENCH_REPS")
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/te-bench.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
echo "work dir: $work"
# Timings on a busy machine mean little (llama.cpp's worker threads spin-wait and slow down many
# times over when the cores are shared), so say how busy it is.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    echo "warning: load average $load on $(nproc) cores; the timings below will be unreliable" >&2
fi

small=(--layers 8 --dim 256 --heads 8 --kv-heads 4 --experts 8 --top-k 2 --ffn 512 --vocab 2048 --seed 1)
big=(--layers 8 --dim 1024 --heads 16 --kv-heads 8 --experts 8 --top-k 2 --ffn 2816 --vocab 8192 --seed 1)

rows=$work/rows.tsv
: >"$rows"
failures=0

# fail NAME WHAT LOG: reports a failed step and counts it.
fail() {
    echo "  FAIL: $2 (exit status $3); last lines of $4:" >&2
    tail -n 5 "$4" >&2 || true
    failures=$((failures + 1))
}

for name in $models; do
    case $name in
    small-f32) args=("${small[@]}" --type f32) ;;
    small-q8_0) args=("${small[@]}" --type q8_0) ;;
    big-q8_0) args=("${big[@]}" --type q8_0) ;;
    big-f16) args=("${big[@]}" --type f16) ;;
    *) die "unknown model '$name' in TE_BENCH_MODELS" ;;
    esac
    model=$work/$name.gguf
    echo "== $name"
    rc=0
    timeout "$timeout_s" "$cli" init-random "$model" "${args[@]}" >"$work/$name.init.log" 2>&1 || rc=$?
    if ((rc)); then
        fail "$name" "init-random" "$rc" "$work/$name.init.log"
        continue
    fi
    echo "  llama-bench -t $threads -p 512 -n 128 ${reps[*]}"
    rc=0
    timeout "$timeout_s" "$llama_bin/llama-bench" -m "$model" -t "$threads" -p 512 -n 128 "${reps[@]}" -o json \
        </dev/null >"$work/$name.llama.json" 2>"$work/$name.llama.err" || rc=$?
    if ((rc)); then
        fail "$name" "llama-bench" "$rc" "$work/$name.llama.err"
        continue
    fi
    echo "  tiny-experts-cli bench --threads $threads --prompt-tokens 512 --gen-tokens 128"
    rc=0
    timeout "$timeout_s" "$cli" bench "$model" --json --threads "$threads" --prompt-tokens 512 --gen-tokens 128 \
        </dev/null >"$work/$name.ours.json" 2>"$work/$name.ours.err" || rc=$?
    if ((rc)); then
        fail "$name" "tiny-experts-cli bench" "$rc" "$work/$name.ours.err"
        continue
    fi
    rc=0
    row=$("$python" "$helper" bench "$work/$name.llama.json" "$work/$name.ours.json" --label "$name" 2>&1) || rc=$?
    if ((rc)); then
        echo "$row" >"$work/$name.compare.log"
        fail "$name" "reading the results" "$rc" "$work/$name.compare.log"
        continue
    fi
    echo "$row" >>"$rows"
done

echo
echo "llama.cpp: $llama_bin   ours: $cli   threads: $threads   $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
{
    printf 'model\tMiB\tMparams\tllama pp512 t/s\tours pp t/s\tpp ratio\tllama tg128 t/s\tours tg t/s\ttg ratio\tours ttft ms\tours peak RSS MB\tours bw-bound t/s\n'
    cat "$rows"
} | column -t -s $'\t'
echo
echo "ratio = ours / llama.cpp. llama-bench uses its default F16 KV cache and mmap."
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); outputs in $work"
if ((failures)); then
    echo "FAIL: $failures run(s) failed"
    exit 1
fi
