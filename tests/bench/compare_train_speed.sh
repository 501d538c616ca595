#!/bin/sh
# Training speed side by side: the C++ trainer (`tiny-experts-cli train --bench`) against PyTorch
# on the CPU (train_speed_torch.py, the same model and the same work per step), both on 2 threads.
# The two are run in turns, ROUNDS times, so that a slow minute of a shared machine hits both;
# the medians are compared. PyTorch is measured twice per round: as Debian ships it (OpenBLAS
# starts its own threads beside PyTorch's) and with OPENBLAS_NUM_THREADS=1, its fastest setting
# here. Needs python3-torch and a build in build/.
#
#   sh tests/bench/compare_train_speed.sh [ROUNDS]
set -eu
rounds=${1:-3}
here=$(dirname "$0")
cli=${CLI:-build/app/cli/tiny-experts-cli}
conf=resources/training/default-model.conf
# PyTorch gets the recipe's shape and regularisers (random tokens: speed does not depend on text).
key() { sed -n "s/^$1 *= *\([^ #]*\).*/\1/p" "$conf"; }
torch_args="--threads 2 --steps 20 --layers $(key layers) --dim $(key dim) --heads $(key heads)
 --experts $(key experts) --top-k $(key top_k) --ffn $(key ffn) --vocab $(key vocab) --seq $(key seq_len)
 --batch $(key batch_size) --dropout $(key dropout) --aux-weight $(key aux_loss_weight)
 --z-weight $(key z_loss_weight)"

speed() { sed -n 's/^training speed *\([0-9]*\) tokens\/s.*/\1/p'; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in $(seq "$rounds"); do
    "$cli" train --bench --bench-steps 20 --threads 2 --config "$conf" | speed | tee -a "$out/cpp"
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/train_speed_torch.py" $torch_args | speed | tee -a "$out/tuned"
    /usr/bin/python3 "$here/train_speed_torch.py" $torch_args | speed | tee -a "$out/default"
    echo "round $round done" >&2
done
cpp=$(median < "$out/cpp")
tuned=$(median < "$out/tuned")
default=$(median < "$out/default")
echo "C++ trainer                               $cpp tokens/s (median of $rounds)"
echo "PyTorch, OPENBLAS_NUM_THREADS=1           $tuned tokens/s   -> C++ is $(echo "$cpp $tuned" | awk '{printf "%.2f", $1 / $2}')x"
echo "PyTorch as shipped (OpenBLAS threads on)  $default tokens/s   -> C++ is $(echo "$cpp $default" | awk '{printf "%.2f", $1 / $2}')x"
