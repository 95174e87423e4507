#!/usr/bin/python3
"""The time-to-accuracy table of scripts/bench.sh: werkbank's and PyTorch's runs side by side.

usage: bench/tta_table.py RAW_DIR TARGET
Reads RAW_DIR/tta-werkbank-seed-*/result.json (werkbank train --target) and
RAW_DIR/tta-pytorch-seed-*.json (torch_blog.py --train --target --json) and prints a
markdown table and the ratio of the mean times to TARGET (PyTorch's seconds / werkbank's).
"""
import glob
import json
import os
import statistics
import sys


def load(raw):
    runs = {"werkbank": {}, "pytorch": {}}
    for path in glob.glob(os.path.join(raw, "tta-werkbank-seed-*", "result.json")):
        r = json.load(open(path))
        runs["werkbank"][r["seed"]] = (r.get("time_to_target"), r.get("target_step"), r["val_acc"], r["test_acc"],
                                       r["seconds"], r["backend"])
    for path in glob.glob(os.path.join(raw, "tta-pytorch-seed-*.json")):
        r = json.load(open(path))
        runs["pytorch"][r["seed"]] = (r.get("time_to_target_s"), r.get("target_step"), r["val_acc"], r["test_acc"],
                                      r["seconds"], r["backend"])
    return runs


def mean_time(runs):
    ts = [v[0] for v in runs.values() if v[0]]
    return (statistics.mean(ts), len(ts)) if ts else (None, 0)


def main():
    raw, target = sys.argv[1], float(sys.argv[2])
    runs = load(raw)
    print("| runner | backend | seed | s of training to val_acc %.4f (step) | final val_acc | test acc | training s |" % target)
    print("|---|---|---:|---:|---:|---:|---:|")
    for tool in ("werkbank", "pytorch"):
        for seed, (t, step, val, test, secs, backend) in sorted(runs[tool].items()):
            reached = "%.1f (%d)" % (t, step) if t else "not reached"
            print("| %s | %s | %d | %s | %.4f | %.4f | %.1f |" % (tool, backend, seed, reached, val, test, secs))
    (w, nw), (p, np_) = mean_time(runs["werkbank"]), mean_time(runs["pytorch"])
    print()
    if w and p:
        print("Mean time to val_acc %.4f: werkbank %.1f s (%d of %d seeds reached it), PyTorch %.1f s (%d of %d): "
              "werkbank at %.2fx PyTorch's speed to accuracy (PyTorch's seconds / werkbank's)."
              % (target, w, nw, len(runs["werkbank"]), p, np_, len(runs["pytorch"]), p / w))
    else:
        print("Time to val_acc %.4f: not reached by both runners (see the table)." % target)
    print("Both under the quick budget: the post's model, 2 epochs of batch 162, RMSprop with one cycle up to 0.01; "
          "the validation accuracy checked every 20 steps with the clock stopped.")


if __name__ == "__main__":
    main()
