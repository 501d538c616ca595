#!/usr/bin/env python3
"""Compares the tensors of two GGUF files byte for byte (used by compare_quantize.sh).

usage: compare_gguf_tensors.py REFERENCE.gguf OURS.gguf

Prints one line: "IDENTICAL TOTAL" where TOTAL counts the reference's tensors and IDENTICAL those
that ours holds with the same name, shape, type and data bytes; then, for each tensor that
differs, a line "  name: reason". Also reports a differing general.file_type. Standard library only.
"""
import struct
import sys

# ggml type id -> (elements per block, bytes per block)
BLOCKS = {0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34),
          10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210),
          20: (32, 18), 23: (256, 136), 30: (1, 2)}
NAMES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 10: "Q2_K",
         11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 20: "IQ4_NL", 23: "IQ4_XS", 30: "BF16"}
SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q",
           12: "<d"}


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        value = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += struct.calcsize(fmt)
        return value

    def string(self):
        n = self.take("<Q")
        s = self.data[self.pos:self.pos + n].decode("utf-8", "replace")
        self.pos += n
        return s

    def value(self, kind):
        if kind == 8:
            return self.string()
        if kind == 9:
            item, n = self.take("<I"), self.take("<Q")
            return [self.value(item) for _ in range(n)]
        return self.take(SCALARS[kind])


def read_gguf(path):
    with open(path, "rb") as f:
        data = f.read()
    r = Reader(data)
    if data[:4] != b"GGUF":
        sys.exit(f"{path}: not a GGUF file")
    r.pos = 4
    r.take("<I")  # version
    n_tensors, n_kv = r.take("<Q"), r.take("<Q")
    metadata = {}
    for _ in range(n_kv):
        key = r.string()
        metadata[key] = r.value(r.take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = r.string()
        dims = [r.take("<Q") for _ in range(r.take("<I"))]
        infos.append((name, dims, r.take("<I"), r.take("<Q")))
    alignment = metadata.get("general.alignment", 32)
    start = (r.pos + alignment - 1) // alignment * alignment
    tensors = {}
    for name, dims, kind, offset in infos:
        if kind not in BLOCKS:
            sys.exit(f"{path}: tensor {name} has unknown type {kind}")
        elements, size = BLOCKS[kind]
        count = 1
        for d in dims[1:]:
            count *= d
        nbytes = dims[0] // elements * size * count
        tensors[name] = (dims, kind, data[start + offset:start + offset + nbytes])
    return metadata, tensors


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ref_meta, ref = read_gguf(sys.argv[1])
    our_meta, ours = read_gguf(sys.argv[2])
    problems = []
    identical = 0
    for name, (dims, kind, data) in ref.items():
        if name not in ours:
            problems.append(f"{name}: missing")
            continue
        odims, okind, odata = ours[name]
        if odims != dims:
            problems.append(f"{name}: shape {odims}, reference {dims}")
        elif okind != kind:
            problems.append(f"{name}: type {NAMES[okind]}, reference {NAMES[kind]}")
        elif odata != data:
            first = next(i for i in range(len(data)) if data[i] != odata[i])
            problems.append(f"{name}: {NAMES[kind]} bytes differ from byte {first} of {len(data)}")
        else:
            identical += 1
    for name in ours:
        if name not in ref:
            problems.append(f"{name}: not in the reference")
    print(identical, len(ref))
    if ref_meta.get("general.file_type") != our_meta.get("general.file_type"):
        print(f"  general.file_type: {our_meta.get('general.file_type')}, "
              f"reference {ref_meta.get('general.file_type')}")
    for p in problems:
        print("  " + p)


if __name__ == "__main__":
    main()
