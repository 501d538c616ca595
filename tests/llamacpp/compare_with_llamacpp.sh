#!/usr/bin/env bash
# Checks tiny-experts-cli against a llama.cpp build on random models that our CLI writes: Mixtral-style
# (tiny F32 and Q8_0, GQA F32 and Q8_0, tied-output F32) and one of every other architecture llama.cpp
# b4748 reads (olmoe, qwen2moe, granitemoe, deepseek2 as V3 and V2 and V2-Lite, phimoe, dbrx; F32 and
# Q8_0). For each one, llama.cpp must load it,
# tokenise a mixed text to the same ids, compute the same final hidden states (F32 KV cache) and
# continue the text greedily with the same 64 tokens.
#
# usage: compare_with_llamacpp.sh LLAMA_CPP_BUILD_BIN_DIR TINY_EXPERTS_CLI [WORK_DIR]
#
# llama.cpp is built outside this repository (see reference/gguf-mixtral.md, section 9). Nothing of
# it is part of the project. Needs llama-tokenize, llama-embedding and llama-cli (or
# llama-completion, its name in newer llama.cpp), and python3 (standard library only).
# Environment: TE_THREADS (2), TE_TIMEOUT seconds per command (600), TE_PROMPT (the mixed text),
# TE_Q8_EMBED_TOL (1e-3). Q8_0 hidden states above that are reported as WARN, not failed, because
# llama.cpp rounds activations to Q8_0 inside its Q8_0 matrix products (see the gqa-q8_0 note below).
# Prints a PASS/WARN/FAIL table. Exits 1 if any check failed, 2 on a usage error.
set -euo pipefail

usage() {
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "compare_with_llamacpp: $*" >&2
    exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
llama_bin=$(cd "$1" 2>/dev/null && pwd) || die "llama.cpp bin dir '$1' does not exist"
cli=$2
if [[ $cli == */* ]]; then
    cli_dir=$(cd "$(dirname "$cli")" 2>/dev/null && pwd) || die "TINY_EXPERTS_CLI dir of '$cli' does not exist"
    cli=$cli_dir/$(basename "$cli")
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helper=$here/compare_outputs.py
python=${PYTHON:-python3}
threads=${TE_THREADS:-2}
timeout_s=${TE_TIMEOUT:-600}
q8_tol=${TE_Q8_EMBED_TOL:-1e-3}
f32_tol=1e-4
gen_tokens=64
default_prompt="The moon rose at 10:45, and 123 + 456 = 579! Café naïve Grüße 東京 🙂 it's
  two  spaces"
prompt=${TE_PROMPT:-$default_prompt}
# llama-embedding splits its prompt at this separator (default "\n"); choose one the text lacks.
embd_sep='<|te-no-split|>'

command -v "$cli" >/dev/null || die "TINY_EXPERTS_CLI '$cli' is not an executable"
command -v "$python" >/dev/null || die "python3 not found (set PYTHON)"
[[ -f $helper ]] || die "missing $helper"
for tool in llama-tokenize llama-embedding; do
    [[ -x $llama_bin/$tool ]] || die "missing $llama_bin/$tool"
done
# Newer llama.cpp renamed the plain completion tool to llama-completion (llama-cli became chat-only).
if [[ -x $llama_bin/llama-completion ]]; then
    llama_complete=$llama_bin/llama-completion
elif [[ -x $llama_bin/llama-cli ]]; then
    llama_complete=$llama_bin/llama-cli
else
    die "missing $llama_bin/llama-cli (or llama-completion)"
fi
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/te-llamacpp.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
cli_help=$("$cli" --help 2>&1 || true)
[[ $cli_help == *embed* ]] || echo "warning: '$cli --help' does not mention 'embed'" >&2

results=$work/results.tsv
: >"$results"
echo "work dir: $work"

# record MODEL CHECK STATUS DETAIL
record() {
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4//$'\n'/ }" >>"$results"
    printf '  %-10s %-5s %s\n' "$2" "$3" "$4"
}

# run NAME CMD...: runs CMD with stdout/stderr in $work/NAME.out/.err and a time limit; returns its
# status and leaves it in last_rc.
last_rc=0
run() {
    local name=$1
    shift
    last_rc=0
    timeout "$timeout_s" "$@" </dev/null >"$work/$name.out" 2>"$work/$name.err" || last_rc=$?
    ((last_rc != 124)) || echo "timed out after ${timeout_s}s: $*" >>"$work/$name.err"
    return "$last_rc"
}

# Why a command failed, for the table: its exit status and the last lines of its stderr.
why() {
    echo "exit status $last_rc: $(tail -n 3 "$work/$1.err" 2>/dev/null | tr '\n' ' ' | cut -c1-200)"
}

# compare MODEL CHECK ARGS...: runs the helper and records its verdict.
compare() {
    local model=$1 check=$2
    shift 2
    local rc=0 detail
    detail=$("$python" "$helper" "$@" 2>&1) || rc=$?
    case $rc in
    0) record "$model" "$check" PASS "$detail" ;;
    3) record "$model" "$check" WARN "$detail" ;;
    1) record "$model" "$check" FAIL "$detail" ;;
    *) record "$model" "$check" FAIL "comparison error: $detail" ;;
    esac
}

common_llama_args=(-t "$threads" -c 512 -b 512 -ctk f32 -ctv f32 --no-escape)

# dump_quantised_inputs.cpp, built against llama.cpp's public headers and libraries (TE_LLAMA_SRC: the
# source tree; default: two levels above the bin dir, as in build/bin). Without it a greedy divergence
# stays unexplained.
dumper=
llama_src=${TE_LLAMA_SRC:-$llama_bin/../..}
if [[ -f $llama_src/include/llama.h ]] &&
    ${CXX:-c++} -std=c++17 -O2 -I"$llama_src/include" -I"$llama_src/ggml/include" "$here/dump_quantised_inputs.cpp" \
        -L"$llama_bin" -lllama -lggml -lggml-base -Wl,-rpath,"$llama_bin" -o "$work/dump_quantised_inputs" \
        2>"$work/dump_quantised_inputs.build.err"; then
    dumper=$work/dump_quantised_inputs
else
    echo "warning: cannot build dump_quantised_inputs (llama.h in $llama_src/include?); divergences stay unexplained" >&2
fi

# check_model NAME EMBED_TOL EMBED_WARN_FACTOR GEN_STRICT INIT_ARGS...: hidden-state differences up
# to TOL pass, up to TOL*WARN_FACTOR are reported as WARN; with GEN_STRICT=0 a different greedy
# stream is reported as WARN instead of failing.
check_model() {
    local name=$1 tol=$2 warn_factor=$3 gen_strict=$4
    shift 4
    local model=$work/$name.gguf
    echo "== $name"

    if ! run "$name.init" "$cli" init-random "$model" "$@"; then
        record "$name" init FAIL "init-random $(why "$name.init")"
        return
    fi
    record "$name" init PASS "$(du -h "$model" | cut -f1) written"
    check_file "$name" "$tol" "$warn_factor" "$gen_strict"
}

# check_quantized BASE TYPE: BASE.gguf (F32) quantised by llama-quantize and by our quantize; both must
# be the same bytes (then the one file is checked), else each is checked. Hidden states are reported
# only (llama.cpp rounds activations to 8 bits in quantised products, see gqa-q8_0); the greedy
# stream must match.
check_quantized() {
    local base=$1 type=$2 name="$1-$2"
    echo "== $name"
    if ! run "$name.llq" "$llama_bin/llama-quantize" "$work/$base.gguf" "$work/$name.gguf" "$type"; then
        record "$name" quantize FAIL "llama-quantize $(why "$name.llq")"
        return
    fi
    if ! run "$name.ourq" "$cli" quantize "$work/$base.gguf" "$work/$name-ours.gguf" "$type"; then
        record "$name" quantize FAIL "our quantize $(why "$name.ourq")"
    elif cmp -s "$work/$name.gguf" "$work/$name-ours.gguf"; then
        record "$name" quantize PASS "ours and llama-quantize's: the same bytes ($(du -h "$work/$name.gguf" | cut -f1))"
    else
        record "$name" quantize FAIL "ours differs from llama-quantize's; checking both"
        check_file "$name-ours" "$q8_tol" 1e9 1
    fi
    check_file "$name" "$q8_tol" 1e9 1
}

# check_file NAME EMBED_TOL EMBED_WARN_FACTOR GEN_STRICT: the checks on $work/NAME.gguf.
check_file() {
    local name=$1 tol=$2 warn_factor=$3 gen_strict=$4
    local model=$work/$name.gguf

    # Loading: one short greedy step through the whole model.
    if ! run "$name.load" "$llama_complete" -m "$model" -p "Hello" -n 1 "${common_llama_args[@]}" \
        --temp 0 -no-cnv; then
        record "$name" load FAIL "llama.cpp $(why "$name.load")"
        return
    fi
    record "$name" load PASS "llama.cpp loads and runs it"

    # Token ids of the text, without BOS and without special-token parsing.
    local tokenize_ok=1
    if ! run "$name.tok.llama" "$llama_bin/llama-tokenize" -m "$model" -p "$prompt" --ids --log-disable \
        --no-bos --no-parse-special --no-escape; then
        record "$name" tokenize FAIL "llama-tokenize $(why "$name.tok.llama")"
        tokenize_ok=0
    elif ! run "$name.tok.ours" "$cli" tokenize "$model" --prompt "$prompt" --json; then
        record "$name" tokenize FAIL "our tokenize $(why "$name.tok.ours")"
        tokenize_ok=0
    else
        compare "$name" tokenize tokens "$work/$name.tok.llama.out" "$work/$name.tok.ours.out"
    fi

    # Final hidden states after output_norm, one row per token (BOS first iff add_bos, as llama.cpp).
    if ! run "$name.embd.llama" "$llama_bin/llama-embedding" -m "$model" -p "$prompt" "${common_llama_args[@]}" \
        -ub 512 --pooling none --embd-normalize -1 --embd-output-format array --embd-separator "$embd_sep"; then
        record "$name" embed FAIL "llama-embedding $(why "$name.embd.llama")"
    elif ! run "$name.embd.ours" "$cli" embed "$model" --prompt "$prompt"; then
        record "$name" embed FAIL "our embed $(why "$name.embd.ours")"
    else
        compare "$name" embed embed "$work/$name.embd.llama.out" "$work/$name.embd.ours.out" --tol "$tol" \
            --warn-factor "$warn_factor"
    fi

    # Greedy continuation. llama.cpp logs every decoded batch with -v ("eval: [ 'piece':id ]"); the
    # last sampled token is never decoded, so it runs one token longer. It stops early only on an
    # end-of-generation token, which the helper accepts if ours stops there too.
    if ! run "$name.gen.llama" "$llama_complete" -m "$model" -p "$prompt" -n $((gen_tokens + 1)) \
        "${common_llama_args[@]}" --temp 0 --repeat-penalty 1 --seed 1 -no-cnv --no-display-prompt -v; then
        record "$name" generate FAIL "llama.cpp $(why "$name.gen.llama")"
    elif ! run "$name.gen.ours" "$cli" generate "$model" --prompt "$prompt" --max-tokens "$gen_tokens" --temp 0 \
        --trace "$work/$name.trace.json"; then
        record "$name" generate FAIL "our generate $(why "$name.gen.ours")"
    else
        local extra=()
        ((tokenize_ok)) && extra+=(--prompt-ids "$work/$name.tok.llama.out")
        ((gen_strict)) || extra+=(--warn-only)
        local rc=0 detail
        detail=$("$python" "$helper" generate "$work/$name.gen.llama.out" "$work/$name.gen.llama.err" \
            "$work/$name.trace.json" --n "$gen_tokens" --model "$model" "${extra[@]}" 2>&1) || rc=$?
        case $rc in
        0) record "$name" generate PASS "$detail" ;;
        1 | 3) explain_divergence "$name" "$model" "$detail" "$([[ $rc == 3 ]] && echo WARN || echo FAIL)" ;;
        *) record "$name" generate FAIL "comparison error: $detail" ;;
        esac
    fi
}

# explain_divergence NAME MODEL DETAIL STATUS: the greedy streams differ (DETAIL). Both engines run the
# prompt and the same number of greedy tokens again, writing every input row of a quantised product;
# explain_divergence.py rounds them as ggml does and finds the first row whose 8-bit blocks differ.
# A rounding flip (or router near-tie) before the first differing token explains the divergence, as
# the issue allows ("greedy tokens identical, or the first divergence explained"): recorded as EXPL.
# Otherwise the check keeps STATUS.
explain_divergence() {
    local name=$1 model=$2 detail=$3 status=$4
    if [[ -z $dumper ]]; then
        record "$name" generate "$status" "$detail (not explained: no dump_quantised_inputs)"
        return
    fi
    local index
    index=$(sed -n 's/.*first difference at index \([0-9]*\).*/\1/p' <<<"$detail" | head -n 1)
    [[ -n $index ]] || index=$gen_tokens
    printf '%s' "$prompt" >"$work/$name.prompt.txt"
    if ! run "$name.dump.llama" "$dumper" "$model" "$work/$name.prompt.txt" "$gen_tokens" "$threads" \
        "$work/$name.rows.llama.txt"; then
        record "$name" generate "$status" "$detail (not explained: dump_quantised_inputs $(why "$name.dump.llama"))"
        return
    fi
    if ! run "$name.dump.ours" "$cli" generate "$model" --prompt "$prompt" --max-tokens "$gen_tokens" --temp 0 \
        --ignore-eos --quiet --dump-quantised-inputs "$work/$name.rows.ours.txt"; then
        record "$name" generate "$status" "$detail (not explained: our dump $(why "$name.dump.ours"))"
        return
    fi
    # The token at index i comes from the logits of position (prompt tokens + i - 1).
    local before=$(($(grep -c '^prompt ' "$work/$name.dump.llama.out") + index))
    local why_rc=0 why_text
    why_text=$("$python" "$here/explain_divergence.py" "$work/$name.rows.ours.txt" "$work/$name.rows.llama.txt" \
        --before-position "$before" 2>&1) || why_rc=$?
    printf '%s\n' "$why_text" >"$work/$name.explained.txt"
    local first verdict
    first=$(grep -m 1 '^first difference' <<<"$why_text" || true)
    verdict=$(tail -n 1 <<<"$why_text")
    if ((why_rc == 0)); then
        record "$name" generate EXPL "$detail; $verdict: $first $(grep -m 1 '^  value' <<<"$why_text" | sed 's/^ *//')"
    else
        record "$name" generate "$status" "$detail; $verdict (see $name.explained.txt)"
    fi
}

small=(--layers 2 --dim 64 --heads 4 --kv-heads 2 --experts 8 --top-k 2 --ffn 128 --vocab 512 --seed 1)
gqa=(--layers 4 --dim 128 --heads 8 --kv-heads 4 --experts 8 --top-k 2 --ffn 256 --vocab 1024 --seed 2)
check_model tiny-f32 "$f32_tol" 0 1 "${small[@]}" --type f32
check_model tiny-q8_0 "$q8_tol" 1e9 1 "${small[@]}" --type q8_0
check_model gqa-f32 "$f32_tol" 0 1 "${gqa[@]}" --type f32
# Reported only: llama.cpp rounds activations to int8 in Q8_0 products, so a 1-ulp difference in
# an activation that sits on a rounding boundary changes one int8 step, and that difference then
# spreads to later tokens through attention. Longer prompts and wider models hit such a boundary.
check_model gqa-q8_0 "$q8_tol" 1e9 0 "${gqa[@]}" --type q8_0
# No output.weight (llama.cpp reuses token_embd), Mixtral's RoPE base, no GQA, top-1 routing.
tied=(--layers 2 --dim 64 --heads 4 --kv-heads 4 --experts 4 --top-k 1 --ffn 96 --vocab 400 --seed 3)
check_model tied-f32 "$f32_tol" 0 1 "${tied[@]}" --type f32 --tied --rope-base 1000000

# The other families, each with its own features switched on by init-random --arch.
arch=(--layers 3 --dim 64 --heads 4 --kv-heads 2 --experts 8 --top-k 2 --ffn 64 --vocab 512 --seed 4)
for a in olmoe qwen2moe granitemoe deepseek2 phimoe dbrx; do
    check_model "$a-f32" "$f32_tol" 0 1 "${arch[@]}" --arch "$a" --type f32
    check_model "$a-q8_0" "$q8_tol" 1e9 0 "${arch[@]}" --arch "$a" --type q8_0
done
check_model deepseek2-v2-f32 "$f32_tol" 0 1 "${arch[@]}" --arch deepseek2 --gating softmax --type f32
# llama.cpp b4748 takes a 27-layer deepseek2 for V2-Lite: queries without the low-rank q_a/q_b.
lite=(--layers 27 --dim 32 --heads 2 --experts 8 --top-k 2 --ffn 32 --vocab 400 --seed 5)
check_model deepseek2-lite-f32 "$f32_tol" 0 1 "${lite[@]}" --arch deepseek2 --gating softmax --type f32

# Every quantised type (rows of 256, so the K-quants apply): Mixtral and OLMoE layouts with every
# recipe, the other families with Q4_K_M.
wide=(--layers 3 --dim 256 --heads 4 --kv-heads 2 --experts 8 --top-k 2 --ffn 256 --vocab 512 --seed 6)
quant_types=${TE_QUANT_TYPES:-"Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K_M Q4_K_M Q5_K_M Q6_K IQ4_NL IQ4_XS"}
for a in llama olmoe; do
    check_model "$a-wide-f32" "$f32_tol" 0 1 "${wide[@]}" --arch "$a" --type f32
    for t in $quant_types; do
        check_quantized "$a-wide-f32" "$t"
    done
done
for a in qwen2moe granitemoe deepseek2 phimoe dbrx; do
    check_model "$a-wide-f32" "$f32_tol" 0 1 "${wide[@]}" --arch "$a" --type f32
    check_quantized "$a-wide-f32" Q4_K_M
done

echo
echo "llama.cpp: $llama_bin   ours: $cli"
printf '%-24s %-9s %-5s %s\n' MODEL CHECK RESULT DETAIL
awk -F'\t' '{ printf "%-24s %-9s %-5s %s\n", $1, $2, $3, $4 }' "$results"
failed=$(awk -F'\t' '$3 == "FAIL"' "$results" | wc -l)
explained=$(awk -F'\t' '$3 == "EXPL"' "$results" | wc -l)
warned=$(awk -F'\t' '$3 == "WARN"' "$results" | wc -l)
total=$(wc -l <"$results")
echo
if ((failed > 0)); then
    echo "FAIL: $failed of $total checks failed ($warned warnings, $explained divergences explained); outputs in $work"
    exit 1
fi
echo "PASS: all $total checks passed ($warned warnings, $explained divergences explained); outputs in $work"
