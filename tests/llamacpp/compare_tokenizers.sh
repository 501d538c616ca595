#!/usr/bin/env bash
# Token ids of tiny-experts-cli next to llama.cpp's llama-tokenize, one random model per tokenizer
# kind (init-random --tokenizer KIND): SentencePiece and every BPE pre-tokenizer moe implements.
# Each text (digits, punctuation, non-ASCII, runs of spaces, newlines, a control token) is
# tokenised both ways as llama-tokenize does by default: BOS when the model asks, special tokens
# parsed. Not run by CTest: llama.cpp is built outside this repository. Afterwards
# compare_tokenizers_random.py LLAMA_BIN CLI WORK_DIR [N] sends N random texts per model through both.
#
# usage: compare_tokenizers.sh LLAMA_CPP_BUILD_BIN_DIR TINY_EXPERTS_CLI [WORK_DIR]
#
# Prints one row per kind and text; exits 1 if any ids differ, 2 on a usage or setup error.
set -euo pipefail

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "compare_tokenizers: $*" >&2
    exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
llama_bin=$(cd "$1" 2>/dev/null && pwd) || die "llama.cpp bin dir '$1' does not exist"
cli=$2
[[ -x $llama_bin/llama-tokenize ]] || die "missing $llama_bin/llama-tokenize"
command -v "$cli" >/dev/null || die "TINY_EXPERTS_CLI '$cli' is not an executable"
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/te-tokenizers.XXXXXX")}
mkdir -p "$work"

kinds=(spm gpt-2 olmo llama-bpe dbrx qwen2 deepseek-llm deepseek-v3 refact default)
texts=(
    $'Hello world! It\'s 2024-12-07, 3.14159 and 1234567 apples; x=y+z.'
    $'  Spaces   and\ttabs\n\nnew lines\r\n end  '
    $'Caf\u00e9 na\u00efve \u00fcber \u4e2d\u6587\u5b57 \u65e5\u672c\u8a9e \ud55c\uad6d\uc5b4 \u0394\u03b5\u03bb\u03c4\u03b1 \u0416\u0443\u043a'
    $'emoji \U0001F600\U0001F389 \u00bd \u00b2 \u0663 \u2160 \u201cquoted\u201d \u2014 \u2026 ~tilde ~~ \u3000\u3002'
    $'<s>special</s> <|endoftext|> <|im_start|>user<|im_end|> WE\'RE I\'ll'
)

failures=0
printf '%-13s %-5s %-6s %s\n' kind text same "ids (ours; llama.cpp's only where they differ)"
for kind in "${kinds[@]}"; do
    model=$work/$kind.gguf
    "$cli" init-random "$model" --layers 1 --dim 32 --heads 2 --experts 2 --top-k 1 --ffn 32 \
        --vocab 600 --tokenizer "$kind" >/dev/null
    for i in "${!texts[@]}"; do
        text=${texts[$i]}
        ours=$("$cli" tokenize "$model" --prompt "$text" --json --add-special --parse-special)
        theirs=$("$llama_bin/llama-tokenize" -m "$model" -p "$text" --ids --no-escape --log-disable 2>/dev/null |
            tail -n 1)
        if [[ $ours == "$theirs" ]]; then
            printf '%-13s %-5s %-6s %s\n' "$kind" "$i" yes "$ours"
        else
            failures=$((failures + 1))
            printf '%-13s %-5s %-6s %s\n%26s%s\n' "$kind" "$i" NO "$ours" "" "$theirs"
        fi
    done
done
echo "work dir: $work; $failures difference(s)"
[[ $failures -eq 0 ]]
