#!/usr/bin/env python3
"""Random texts through tiny-experts-cli tokenize and llama.cpp's llama-tokenize, on the models that
compare_tokenizers.sh wrote (one per tokenizer kind), with special tokens parsed and not parsed.

usage: compare_tokenizers_random.py LLAMA_CPP_BUILD_BIN_DIR TINY_EXPERTS_CLI MODEL_DIR [TEXTS [SEED]]

Texts (default 100 per kind, seed 1) are drawn from words, digits, punctuation, whitespace runs
with \\r\\n\\t, contractions, accented letters, CJK, Hangul, kana, emoji, combining marks, U+2581 and
the special tokens of every family. Prints the first differences; exits 1 if any ids differ.
"""
import pathlib
import random
import subprocess
import sys

ATOMS = [" ", "  ", "   ", "\t", "\n", "\r\n", "\n\n", " \n", "\u00a0", "\u3000", "\u2003", "'s", "'t", "'re",
         "'LL", "'D", "the", "The", "dog", "fox", "river", "stone", "apple", "Hello", "WORLD", "x", "ab", "é", "ñ",
         "Ö", "ß", "Café", "naïve", "Grüße", "señor", "東京", "大阪", "中文", "字符", "한국어", "문장", "Ελλάδα",
         "Москва", "カナ", "の", "😀", "🎉", "👍🏽", "\u200d", "\u0301", "½", "²", "€", "→", "…", "“", "”", "—", "~",
         "~~", "0", "7", "42", "123", "2024", "1234567", "٣", "Ⅻ", "!", ",", ".", "?", ";", ":", "(", ")", "[", "]",
         "{", "}", "<", ">", "+", "=", "-", "_", "/", "\\", "|", "@", "#", "$", "%", "^", "&", "*", "`", "\"",
         "<s>", "</s>", "<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>",
         "<｜begin▁of▁sentence｜>", "▁"]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    llama_tokenize = pathlib.Path(sys.argv[1]) / "llama-tokenize"
    cli, model_dir = sys.argv[2], pathlib.Path(sys.argv[3])
    texts = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    total = differ = 0
    for model in sorted(model_dir.glob("*.gguf")):
        for _ in range(texts):
            # A leading letter keeps the text from reading as an option.
            text = "a" + "".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 25)))
            for parse in (True, False):
                ours = subprocess.run([cli, "tokenize", str(model), "--prompt", text, "--json", "--add-special"] +
                                      (["--parse-special"] if parse else []),
                                      capture_output=True, text=True, check=True).stdout.strip()
                theirs = subprocess.run([str(llama_tokenize), "-m", str(model), "-p", text, "--ids", "--no-escape",
                                         "--log-disable"] + ([] if parse else ["--no-parse-special"]),
                                        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
                total += 1
                if ours != theirs:
                    differ += 1
                    if differ <= 5:
                        print(f"DIFF {model.name} parse_special={parse} {text!r}\n  ours  {ours}\n  llama {theirs}")
        print(f"{model.stem:13} {2 * texts} tokenizations", flush=True)
    print(f"{total} tokenizations, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
