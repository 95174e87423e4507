"""Summarizes an ONNX Runtime profile (the JSON that SessionOptions.EnableProfiling
writes): kernel time per op type and for the most expensive nodes, in ms per
session run. bench/ort-profile.sh runs it.

usage: python3 bench/ort_profile.py PROFILE.json [TOP]
"""
import collections
import json
import sys


def main(path, top):
    events = json.load(open(path))
    runs = [e for e in events if e.get("cat") == "Session" and e["name"] == "model_run"]
    if not runs:
        sys.exit("ort_profile: %s holds no model_run event" % path)
    per_node = collections.defaultdict(float)
    inputs = {}
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
            args = e.get("args", {})
            key = (args.get("op_name", "?"), e["name"][: -len("_kernel_time")])
            per_node[key] += e["dur"]
            inputs[key] = [list(next(iter(d.values()))) for d in args.get("input_type_shape", [])]
    n = len(runs)
    ms = lambda us: us / 1000 / n
    print("%d session runs: %.1f ms a run, %.1f ms of it in kernels"
          % (n, ms(sum(r["dur"] for r in runs)), ms(sum(per_node.values()))))
    per_op = collections.defaultdict(float)
    for (op, _), us in per_node.items():
        per_op[op] += us
    print("\n| op type | ms a run |\n|---|---:|")
    for op, us in sorted(per_op.items(), key=lambda kv: -kv[1])[:top]:
        print("| %s | %.2f |" % (op, ms(us)))
    print("\n| node (op type, input shapes) | ms a run |\n|---|---:|")
    for key, us in sorted(per_node.items(), key=lambda kv: -kv[1])[:top]:
        print("| %s %s | %.2f |" % (key[0], inputs[key], ms(us)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15)
