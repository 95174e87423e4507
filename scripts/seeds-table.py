#!/usr/bin/python3
"""Tabulates the result.json of several `werkbank train` runs (one per seed) as
markdown: validation and test accuracy per seed, mean and standard deviation,
and the run to ship, chosen by validation accuracy (never by test accuracy).

usage: scripts/seeds-table.py RUN_DIR...
"""
import json
import statistics
import sys


def main(dirs):
    rows = []
    for d in dirs:
        with open(f"{d}/result.json") as f:
            r = json.load(f)
        r["dir"] = d
        rows.append(r)
    if not rows:
        sys.exit("usage: scripts/seeds-table.py RUN_DIR...")
    rows.sort(key=lambda r: r["seed"])
    print("| seed | val_acc (epoch 15) | val_loss | test_acc | test_loss | seconds | backend | run |")
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        print(f"| {r['seed']} | {r['val_acc']:.4f} | {r['val_loss']:.4f} | {r['test_acc']:.4f} | "
              f"{r['test_loss']:.4f} | {r['seconds']:.0f} | {r['backend']} | `{r['dir']}` |")
    val = [r["val_acc"] for r in rows]
    test = [r["test_acc"] for r in rows]
    sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0
    print(f"| **mean** | {statistics.mean(val):.4f} ± {sd(val):.4f} | | "
          f"{statistics.mean(test):.4f} ± {sd(test):.4f} | | | | |")
    best = max(rows, key=lambda r: r["val_acc"])
    print()
    print(f"Shipped: seed {best['seed']} (highest validation accuracy, {best['val_acc']:.4f}); "
          f"its test accuracy is {best['test_acc']:.4f}.")


if __name__ == "__main__":
    main(sys.argv[1:])
