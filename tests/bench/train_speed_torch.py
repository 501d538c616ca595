#!/usr/bin/env python3
"""Training speed of the same Mixtral-style model in PyTorch on the CPU, for comparison with
`tiny-experts-cli train --bench` (the C++ trainer).

Same configuration and the same work per step as the C++ trainer: token embedding; per layer RMSNorm,
causal self-attention with RoPE on adjacent pairs (llama mode 0) and grouped-query heads, RMSNorm,
router softmax -> top-k -> renormalised gates, SwiGLU experts run only on the tokens routed to them,
the load-balancing loss; final RMSNorm, untied output head, cross-entropy; AdamW (no decay on the
norms), global-norm clipping. fp32, random token windows (speed does not depend on the text).

Needs Debian's python3-torch and libopenblas0-pthread: without OpenBLAS, Debian's PyTorch falls back
to the reference BLAS and runs several times slower, which would make the comparison meaningless.
With --threads 2, PyTorch's OpenMP threads and OpenBLAS's own threads share the two cores and slow
each other down; OPENBLAS_NUM_THREADS=1 is PyTorch's fastest setting here, so report both.

    /usr/bin/python3 tests/bench/train_speed_torch.py --threads 2
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/train_speed_torch.py --threads 2
    build/app/cli/tiny-experts-cli train --bench --threads 2

compare_train_speed.sh runs all three in turns with the shipped recipe's shape and prints the ratios.
"""
import argparse
import math
import os
import time

import torch
import torch.nn.functional as F


class RMSNorm(torch.nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(seq, head_dim, base):
    inv = base ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    theta = torch.arange(seq, dtype=torch.float64)[:, None] * inv[None, :]
    return torch.cos(theta).float(), torch.sin(theta).float()  # (seq, head_dim / 2)


def apply_rope(x, cos, sin):
    # x: (batch, heads, seq, head_dim); rotates the adjacent pairs (x[2i], x[2i+1]).
    x0, x1 = x[..., 0::2], x[..., 1::2]
    return torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1).flatten(-2)


class Block(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        self.a = a
        hd = a.dim // a.heads
        self.attn_norm = RMSNorm(a.dim, 1e-5)
        self.wq = torch.nn.Linear(a.dim, a.heads * hd, bias=False)
        self.wk = torch.nn.Linear(a.dim, a.kv_heads * hd, bias=False)
        self.wv = torch.nn.Linear(a.dim, a.kv_heads * hd, bias=False)
        self.wo = torch.nn.Linear(a.heads * hd, a.dim, bias=False)
        self.ffn_norm = RMSNorm(a.dim, 1e-5)
        self.router = torch.nn.Linear(a.dim, a.experts, bias=False)
        self.gate = torch.nn.Parameter(torch.randn(a.experts, a.ffn, a.dim) / math.sqrt(a.dim))
        self.up = torch.nn.Parameter(torch.randn(a.experts, a.ffn, a.dim) / math.sqrt(a.dim))
        self.down = torch.nn.Parameter(torch.randn(a.experts, a.dim, a.ffn) / math.sqrt(a.ffn))

    def forward(self, x, cos, sin, mask):
        a = self.a
        b, t, d = x.shape
        hd = d // a.heads
        h = self.attn_norm(x)
        q = self.wq(h).view(b, t, a.heads, hd).transpose(1, 2)
        k = self.wk(h).view(b, t, a.kv_heads, hd).transpose(1, 2)
        v = self.wv(h).view(b, t, a.kv_heads, hd).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if a.kv_heads != a.heads:
            k = k.repeat_interleave(a.heads // a.kv_heads, dim=1)
            v = v.repeat_interleave(a.heads // a.kv_heads, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(hd) + mask
        att = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.wo(F.dropout(att, a.dropout, self.training))

        h = self.ffn_norm(x).reshape(b * t, d)
        logits = self.router(h)
        probs = logits.softmax(-1)
        top_p, top_e = probs.topk(a.top_k, dim=-1)
        gates = top_p / top_p.sum(-1, keepdim=True)
        out = torch.zeros_like(h)
        for e in range(a.experts):  # each expert only on the tokens routed to it
            token, slot = (top_e == e).nonzero(as_tuple=True)
            if token.numel() == 0:
                continue
            xe = h[token]
            act = F.dropout(F.silu(xe @ self.gate[e].t()) * (xe @ self.up[e].t()), a.dropout, self.training)
            ye = act @ self.down[e].t()
            out.index_add_(0, token, ye * gates[token, slot, None])
        # Load balancing (Switch/Mixtral): E * sum_i f_i P_i; f (a count) carries no gradient.
        f = F.one_hot(top_e, a.experts).float().sum((0, 1)) / (b * t * a.top_k)
        aux = a.experts * (f.detach() * probs.mean(0)).sum()
        z = logits.logsumexp(-1).pow(2).mean()  # router z-loss
        return x + out.view(b, t, d), aux, z


class Model(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        self.embed = torch.nn.Embedding(a.vocab, a.dim)
        self.blocks = torch.nn.ModuleList(Block(a) for _ in range(a.layers))
        self.norm = RMSNorm(a.dim, 1e-5)
        self.output = torch.nn.Linear(a.dim, a.vocab, bias=False)
        cos, sin = rope_tables(a.seq, a.dim // a.heads, 10000.0)
        self.register_buffer("cos", cos)
        self.register_buffer("sin", sin)
        self.register_buffer("mask", torch.full((a.seq, a.seq), float("-inf")).triu(1))

    def forward(self, ids, targets):
        x = self.embed(ids)
        aux = z = 0.0
        for block in self.blocks:
            x, layer_aux, layer_z = block(x, self.cos, self.sin, self.mask)
            aux, z = aux + layer_aux, z + layer_z
        logits = self.output(self.norm(x))
        ce = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1))
        return ce, aux / len(self.blocks), z / len(self.blocks)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10, help="timed steps (after 2 warm-up steps)")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--kv-heads", type=int, default=None)
    p.add_argument("--experts", type=int, default=8)
    p.add_argument("--top-k", type=int, default=2)
    p.add_argument("--ffn", type=int, default=256)
    p.add_argument("--vocab", type=int, default=2048)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--aux-weight", type=float, default=0.01)
    p.add_argument("--z-weight", type=float, default=0.0, help="router z-loss weight (as z_loss_weight)")
    p.add_argument("--dropout", type=float, default=0.0, help="as the trainer's dropout")
    a = p.parse_args()
    a.kv_heads = a.kv_heads or a.heads
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)

    model = Model(a)
    decay = [p for n, p in model.named_parameters() if "norm" not in n]
    no_decay = [p for n, p in model.named_parameters() if "norm" in n]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-3, betas=(0.9, 0.95))
    generator = torch.Generator().manual_seed(2)

    def step():
        windows = torch.randint(0, a.vocab, (a.batch, a.seq + 1), generator=generator)
        ce, aux, z = model(windows[:, :-1], windows[:, 1:])
        loss = ce + a.aux_weight * aux + a.z_weight * z
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return ce.item()

    for _ in range(2):
        step()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(a.steps):
        step()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    params = sum(p.numel() for p in model.parameters())
    print(f"config           {a.layers} layers, d {a.dim}, {a.heads} heads ({a.kv_heads} kv), {a.experts} experts "
          f"top-{a.top_k}, ffn {a.ffn}, vocab {a.vocab}, seq {a.seq} x batch {a.batch}, dropout {a.dropout}, "
          f"z-loss {a.z_weight}, {a.threads} threads; "
          f"{params / 1e6:.2f} M parameters; torch {torch.__version__}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    tokens = a.batch * a.seq * a.steps
    print(f"training speed   {tokens / seconds:.0f} tokens/s (mean of {a.steps} steps, {seconds / a.steps:.3f} s "
          f"per step; {tokens / cpu:.0f} tokens per CPU-second)")


if __name__ == "__main__":
    main()
