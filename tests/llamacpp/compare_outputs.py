#!/usr/bin/env python3
"""Compares tiny-experts-cli output with llama.cpp output (standard library only).

Used by compare_with_llamacpp.sh. Every comparison prints one line of detail and exits with
0 (PASS), 3 (WARN: reported, not a failure) or 1 (FAIL); 2 means the inputs could not be read.

Subcommands:
  gguf-meta MODEL                      tokenizer keys of a GGUF file as JSON
  tokens LLAMA_IDS OURS_IDS            llama-tokenize --ids output vs `tokenize --json`
  embed LLAMA_OUT OURS_OUT --tol T     llama-embedding array output vs `embed`
  generate LLAMA_STDOUT LLAMA_STDERR OURS_TRACE --n N --model M [--prompt-ids F]
                                       llama-cli -v greedy run vs `generate --trace`
  bench LLAMA_JSON OURS_JSON           llama-bench -o json vs `bench --json`, as a table row
"""

import argparse
import json
import re
import struct
import sys

PASS, FAIL, BAD_INPUT, WARN = 0, 1, 2, 3


class InputError(Exception):
    """An input file is missing or not in the expected form."""


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", errors="replace")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e


def parse_json_file(path, what):
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{what} in {path} is not JSON ({e.msg} at offset {e.pos}): {text[:120]!r}") from e


# --- GGUF metadata (only what the comparison needs) -------------------------------------------

_SCALAR = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}


class _Reader:
    def __init__(self, f, path):
        self.f, self.path = f, path

    def take(self, n):
        data = self.f.read(n)
        if len(data) != n:
            raise InputError(f"{self.path}: truncated GGUF at offset {self.f.tell()}")
        return data

    def unpack(self, fmt):
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def string(self):
        return self.take(self.unpack("<Q")).decode("utf-8", errors="replace")

    def value(self, vtype, keep):
        if vtype in _SCALAR:
            return self.unpack(_SCALAR[vtype])
        if vtype == 8:
            return self.string()
        if vtype == 9:
            etype, count = self.unpack("<i"), self.unpack("<Q")
            items = [self.value(etype, keep) for _ in range(count)]
            return items if keep else len(items)
        raise InputError(f"{self.path}: unknown GGUF value type {vtype}")


def gguf_metadata(path):
    """Returns the key/value pairs of a GGUF file; arrays other than token_type become lengths."""
    try:
        with open(path, "rb") as f:
            r = _Reader(f, path)
            if r.take(4) != b"GGUF":
                raise InputError(f"{path}: not a GGUF file (bad magic)")
            version = r.unpack("<I")
            r.unpack("<Q")  # tensor count: not needed
            n_kv = r.unpack("<Q")
            if version not in (2, 3):
                raise InputError(f"{path}: unsupported GGUF version {version}")
            meta = {}
            for _ in range(n_kv):
                key = r.string()
                meta[key] = r.value(r.unpack("<i"), keep=key == "tokenizer.ggml.token_type")
            return meta
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e


def tokenizer_info(path):
    meta = gguf_metadata(path)
    arch = meta.get("general.architecture", "llama")
    types = meta.get("tokenizer.ggml.token_type", [])
    eos = meta.get("tokenizer.ggml.eos_token_id")
    # llama.cpp treats the EOS id, EOT id and a few well-known CONTROL token texts as end of
    # generation; we cannot see token texts here, so take EOS/EOT plus every CONTROL token.
    eog = {i for i, t in enumerate(types) if t == 3}
    for key in ("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"):
        if key in meta:
            eog.add(meta[key])
    return {
        "architecture": arch,
        "n_vocab": meta.get("tokenizer.ggml.tokens"),
        "n_embd": meta.get(f"{arch}.embedding_length"),
        "file_type": meta.get("general.file_type"),
        "bos": meta.get("tokenizer.ggml.bos_token_id"),
        "eos": eos,
        "add_bos": bool(meta.get("tokenizer.ggml.add_bos_token", False)),
        "add_eos": bool(meta.get("tokenizer.ggml.add_eos_token", False)),
        "eog": sorted(eog),
    }


# --- token ids ----------------------------------------------------------------------------------


def parse_llama_ids(path):
    """llama-tokenize --ids prints one line "[1, 2, 3]"; take the last line that looks like it."""
    for line in reversed(read_text(path).splitlines()):
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            try:
                return [int(x) for x in json.loads(line)]
            except (json.JSONDecodeError, TypeError, ValueError):
                break
    raise InputError(f"{path}: no id list like [1, 2, 3] in llama-tokenize output")


def parse_our_ids(path):
    ids = parse_json_file(path, "token ids")
    if not isinstance(ids, list) or not all(isinstance(x, int) for x in ids):
        raise InputError(f"{path}: expected a JSON array of integers")
    return ids


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else -1


def describe_difference(a, b, name_a, name_b):
    i = first_difference(a, b)
    return (f"first difference at index {i}: {name_a} {a[i:i + 5]} vs {name_b} {b[i:i + 5]} "
            f"(lengths {len(a)} vs {len(b)})")


def cmd_tokens(args):
    llama, ours = parse_llama_ids(args.llama), parse_our_ids(args.ours)
    if llama == ours:
        print(f"{len(ours)} ids identical")
        return PASS
    print(describe_difference(llama, ours, "llama.cpp", "ours"))
    return FAIL


# --- hidden states ------------------------------------------------------------------------------


def parse_matrix(text, path, what):
    """Finds the outermost [[...],...] JSON array in text (llama-embedding may print other lines)."""
    start = text.find("[[")
    end = text.rfind("]]")
    if start < 0 or end < start:
        raise InputError(f"{path}: no [[...]] array in {what}: {text[:120]!r}")
    try:
        rows = json.loads(text[start:end + 2])
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: {what} array is not valid JSON ({e.msg})") from e
    if not rows or not all(isinstance(r, list) and len(r) == len(rows[0]) for r in rows):
        raise InputError(f"{path}: {what} is not a non-empty rectangular [n_tokens][n_embd] array")
    return rows


def cmd_embed(args):
    llama = parse_matrix(read_text(args.llama), args.llama, "llama-embedding output")
    ours = parse_matrix(read_text(args.ours), args.ours, "our embed output")
    if len(llama) != len(ours) or len(llama[0]) != len(ours[0]):
        print(f"shape differs: llama.cpp [{len(llama)}][{len(llama[0])}] vs ours [{len(ours)}][{len(ours[0])}] "
              "(BOS/EOS handling?)")
        return FAIL
    worst, at, scale = 0.0, (0, 0), 0.0
    for t, (row_l, row_o) in enumerate(zip(llama, ours)):
        for j, (x, y) in enumerate(zip(row_l, row_o)):
            d = abs(x - y)
            scale = max(scale, abs(x))
            if d > worst or d != d:  # NaN counts as the worst difference
                worst, at = d, (t, j)
                if d != d:
                    break
    detail = (f"[{len(ours)}][{len(ours[0])}] max|diff| {worst:.3g} at token {at[0]} dim {at[1]} "
              f"(max|x| {scale:.3g}, tol {args.tol:g})")
    if worst <= args.tol:
        print(detail)
        return PASS
    if args.warn_factor and worst <= args.tol * args.warn_factor:
        print(detail + " above tol: reported only")
        return WARN
    print(detail)
    return FAIL


# --- greedy generation --------------------------------------------------------------------------

_EVAL_LINE = re.compile(r"^eval: \[ (.*) \]$")
_SINGLE_TOKEN = re.compile(r"^'(.*)':(-?\d+)$", re.S)


def parse_llama_generation(stdout_path, stderr_path):
    """Ids of the generated tokens from llama-cli -v: every llama_decode logs "eval: [ 'piece':id, ... ]".

    The first eval line is the whole prompt (one batch); each later line is one generated token
    being fed back. The last sampled token is never fed back, so the caller runs llama-cli with one
    token more than it needs. A run that ends on an end-of-generation token prints "[end of text]".
    """
    lines = [m.group(1) for m in map(_EVAL_LINE.match, read_text(stderr_path).splitlines()) if m]
    if not lines:
        raise InputError(f"{stderr_path}: no 'eval: [...]' lines (was llama-cli run with -v?)")
    ids = []
    for body in lines[1:]:
        m = _SINGLE_TOKEN.match(body)
        if not m:
            raise InputError(f"{stderr_path}: expected one token per generation eval line, got {body[:80]!r}")
        ids.append(int(m.group(2)))
    ended = read_text(stdout_path).rstrip().endswith("[end of text]")
    return ids, ended


def parse_trace(path):
    trace = parse_json_file(path, "generation trace")
    tokens = trace.get("tokens") if isinstance(trace, dict) else None
    if not isinstance(tokens, list):
        raise InputError(f"{path}: trace has no \"tokens\" array")
    prompt = [t["id"] for t in tokens if t.get("prompt")]
    generated = [t["id"] for t in tokens if not t.get("prompt")]
    return prompt, generated


def cmd_generate(args):
    info = tokenizer_info(args.model)
    eog = set(info["eog"])
    llama, ended = parse_llama_generation(args.llama_stdout, args.llama_stderr)
    prompt, ours = parse_trace(args.ours)
    notes = []
    if args.prompt_ids:
        expected = ([info["bos"]] if info["add_bos"] else []) + parse_llama_ids(args.prompt_ids)
        if prompt != expected:
            print("trace prompt tokens differ from llama-tokenize (+BOS): "
                  + describe_difference(expected, prompt, "llama.cpp", "ours"))
            return FAIL
    if ended and len(llama) < args.n:
        # llama.cpp stopped on an end-of-generation token it did not feed back. We accept our run
        # stopping there too, with or without the end-of-generation token in the trace.
        notes.append(f"llama.cpp stopped at end-of-generation after {len(llama)} tokens")
        if len(ours) == len(llama) + 1 and ours[-1] in eog:
            ours = ours[:-1]
    else:
        llama = llama[:args.n]
        if len(llama) < args.n:
            raise InputError(f"{args.llama_stderr}: only {len(llama)} generated tokens, expected {args.n}")
    if ours == llama:
        # A random model often falls into repeating one token; say so, as that tests little.
        notes.insert(0, f"{len(set(ours))} distinct")
        print(f"{len(ours)} generated ids identical ({'; '.join(notes)})")
        return PASS
    print(describe_difference(llama, ours, "llama.cpp", "ours") + (f" ({'; '.join(notes)})" if notes else "")
          + (": reported only" if args.warn_only else ""))
    return WARN if args.warn_only else FAIL


# --- benchmark ----------------------------------------------------------------------------------


def cmd_bench(args):
    runs = parse_json_file(args.llama, "llama-bench output")
    if not isinstance(runs, list):
        raise InputError(f"{args.llama}: expected the JSON array llama-bench -o json prints")
    pp = next((r for r in runs if r.get("n_prompt", 0) > 0 and r.get("n_gen", 0) == 0), None)
    tg = next((r for r in runs if r.get("n_gen", 0) > 0 and r.get("n_prompt", 0) == 0), None)
    if not pp or not tg:
        raise InputError(f"{args.llama}: no pp and tg results in llama-bench output")
    ours = parse_json_file(args.ours, "our bench output")
    for key in ("prompt_tokens_per_s", "gen_tokens_per_s"):
        if not isinstance(ours.get(key), (int, float)):
            raise InputError(f"{args.ours}: missing number \"{key}\"")

    def fmt(x, digits=1):
        return f"{x:,.{digits}f}" if isinstance(x, (int, float)) else "-"

    def ratio(a, b):
        return f"{a / b:.2f}x" if isinstance(a, (int, float)) and b else "-"

    our_pp, our_tg = ours["prompt_tokens_per_s"], ours["gen_tokens_per_s"]
    cells = [args.label, f"{pp['model_size'] / 2**20:.1f}", f"{pp['model_n_params'] / 1e6:.1f}",
             f"{fmt(pp['avg_ts'])} ±{fmt(pp['stddev_ts'], 0)}", fmt(our_pp), ratio(our_pp, pp["avg_ts"]),
             f"{fmt(tg['avg_ts'])} ±{fmt(tg['stddev_ts'], 0)}", fmt(our_tg), ratio(our_tg, tg["avg_ts"]),
             fmt(ours.get("ttft_ms"), 2), fmt(ours.get("peak_rss_mb")), fmt(ours.get("bandwidth_bound_tokens_per_s"))]
    print("\t".join(cells))
    return PASS


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("gguf-meta")
    s.add_argument("model")
    s = sub.add_parser("tokens")
    s.add_argument("llama")
    s.add_argument("ours")
    s = sub.add_parser("embed")
    s.add_argument("llama")
    s.add_argument("ours")
    s.add_argument("--tol", type=float, required=True)
    s.add_argument("--warn-factor", type=float, default=0.0,
                   help="up to tol*factor is a WARN (reported, not failed)")
    s = sub.add_parser("generate")
    s.add_argument("llama_stdout")
    s.add_argument("llama_stderr")
    s.add_argument("ours")
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--model", required=True)
    s.add_argument("--prompt-ids", help="llama-tokenize --ids output of the prompt (no BOS)")
    s.add_argument("--warn-only", action="store_true", help="a different stream is a WARN, not a FAIL")
    s = sub.add_parser("bench")
    s.add_argument("llama")
    s.add_argument("ours")
    s.add_argument("--label", required=True)
    args = p.parse_args()
    try:
        if args.cmd == "gguf-meta":
            print(json.dumps(tokenizer_info(args.model)))
            return PASS
        return {"tokens": cmd_tokens, "embed": cmd_embed, "generate": cmd_generate, "bench": cmd_bench}[args.cmd](args)
    except InputError as e:
        print(f"bad input: {e}")
        return BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
