#!/usr/bin/env bash
# Quantises the same F32 models with llama.cpp's llama-quantize and with `tiny-experts-cli
# quantize`, for every recipe moe writes, and compares the output tensors byte for byte (name,
# shape, type and data). Two random Mixtral-style models from our init-random: "fits" (4 layers,
# d256, 8 experts, ffn 512: every row a multiple of 256) and "fallback" (4 layers, d256, 4 experts,
# ffn 352, GQA 4: ffn_down rows of 352 take llama.cpp's fallback types, attn_v/attn_output follow the
# recipes' non-8-expert rules).
#
# usage: compare_quantize.sh LLAMA_CPP_BUILD_BIN_DIR TINY_EXPERTS_CLI [WORK_DIR]
#
# llama.cpp (b4748) is built outside this repository; only its llama-quantize is needed, and
# python3 (standard library only). Not run by CTest. Environment: TE_THREADS (2), TE_QUANT_TYPES
# (space-separated subset of the recipes below), TE_TIMEOUT seconds per command (600).
# Prints a table of identical tensors / total per model and recipe, whether the whole files are
# equal (metadata, tensor order and padding included), and each differing tensor.
# Exits 1 if any tensor differs or a command failed, 2 on a usage error.
set -euo pipefail

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "compare_quantize: $*" >&2
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
quantize=$llama_bin/llama-quantize
[[ -x $quantize ]] || die "missing $quantize"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helper=$here/compare_gguf_tensors.py
[[ -f $helper ]] || die "missing $helper"
python=${PYTHON:-python3}
command -v "$python" >/dev/null || die "python3 not found (set PYTHON)"
threads=${TE_THREADS:-2}
timeout_s=${TE_TIMEOUT:-600}
types=${TE_QUANT_TYPES:-"Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K_S Q3_K_M Q3_K_L Q4_K_S Q4_K_M Q5_K_S Q5_K_M Q6_K IQ4_NL IQ4_XS"}

if [[ $# -eq 3 ]]; then
    work=$3
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

make_model() { # name, init-random options...
    local name=$1
    shift
    timeout "$timeout_s" "$cli" init-random "$work/$name-f32.gguf" --type f32 --seed 11 --vocab 400 "$@" \
        >"$work/$name-init.log" 2>&1 || die "init-random for $name failed (see $work/$name-init.log)"
}
make_model fits --layers 4 --dim 256 --heads 8 --kv-heads 2 --experts 8 --top-k 2 --ffn 512
make_model fallback --layers 4 --dim 256 --heads 8 --kv-heads 2 --experts 4 --top-k 2 --ffn 352

failed=0
details=""
printf '%-9s %-8s %-22s %s\n' model type "identical / tensors" "whole file"
for model in fits fallback; do
    in=$work/$model-f32.gguf
    for type in $types; do
        ref=$work/$model-$type-llamacpp.gguf
        ours=$work/$model-$type-ours.gguf
        if ! timeout "$timeout_s" "$quantize" "$in" "$ref" "$type" "$threads" >"$ref.log" 2>&1; then
            printf '%-9s %-8s %s\n' "$model" "$type" "llama-quantize FAILED (see $ref.log)"
            failed=1
            continue
        fi
        if ! timeout "$timeout_s" "$cli" quantize "$in" "$ours" "$type" >"$ours.log" 2>&1; then
            printf '%-9s %-8s %s\n' "$model" "$type" "tiny-experts-cli quantize FAILED (see $ours.log)"
            failed=1
            continue
        fi
        result=$("$python" "$helper" "$ref" "$ours")
        read -r same total <<<"$(head -n 1 <<<"$result")"
        # Same keys, tensor order (llama.cpp's) and padding too: the files are equal byte for byte.
        whole=differs
        cmp -s "$ref" "$ours" && whole=identical
        printf '%-9s %-8s %-22s %s\n' "$model" "$type" "$same / $total" "$whole"
        if [[ $same != "$total" ]] || [[ $(wc -l <<<"$result") -gt 1 ]]; then
            failed=1
            details+="$model $type:"$'\n'"$(tail -n +2 <<<"$result")"$'\n'
        fi
    done
done
if [[ -n $details ]]; then
    printf '\ndifferences:\n%s' "$details"
fi
exit "$failed"
