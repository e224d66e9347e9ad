#!/usr/bin/env python3
"""Times each network with facerestore-bench and with the PyTorch baseline
(torch_baseline.py) in the same run, alternating which goes first from round to round, and
prints ours / PyTorch per network with its target (docs/benchmarks.md). Each side's figure is
its best median over the rounds.

Usage: compare.py --bench build/app/facerestore-bench [--threads N] [--rounds N]
                  [--repeats N] [--warmup N] [--network srvgg,gfpgan,...] [--json FILE]
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The performance targets: ours / PyTorch at most this.
TARGETS = {"srvgg": 0.8, "gfpgan": 0.8, "rrdbnet": 0.9, "retinaface": 0.8}


def run_json(command):
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout)["networks"][0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", required=True, help="the facerestore-bench executable")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the Python with Debian's python3-torch")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--network", default="srvgg,gfpgan,rrdbnet,retinaface")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    common = ["--threads", str(args.threads), "--repeats", str(args.repeats),
              "--warmup", str(args.warmup)]
    rows = []
    for item in args.network.split(","):
        ours_cmd = [args.bench, "--network", item, "--json"] + common
        torch_cmd = [args.python, os.path.join(HERE, "torch_baseline.py"), "--network", item] + common
        ours, torch = [], []
        for r in range(args.rounds):
            order = [(ours_cmd, ours), (torch_cmd, torch)]
            for command, results in order if r % 2 == 0 else reversed(order):
                results.append(run_json(command))
        best_ours = min(ours, key=lambda n: n["median_ms"])
        best_torch = min(torch, key=lambda n: n["median_ms"])
        name = best_ours["name"]
        rows.append({
            "name": name,
            "input": "%dx%d" % (best_ours["height"], best_ours["width"]),
            "ours_ms": best_ours["median_ms"],
            "torch_ms": best_torch["median_ms"],
            "ratio": best_ours["median_ms"] / best_torch["median_ms"],
            "target": TARGETS.get(name),
            "gflops_per_s": best_ours["gflops_per_s"],
            "peak_rss_mib": best_ours["peak_rss_mib"],
        })
        row = rows[-1]
        target = "≤ %.1f" % row["target"] if row["target"] else ""
        met = "" if not row["target"] else ("met" if row["ratio"] <= row["target"] else "MISSED")
        print("%-11s %-9s ours %9.1f ms  PyTorch %9.1f ms  ratio %.2f %s %s" %
              (name, row["input"], row["ours_ms"], row["torch_ms"], row["ratio"], target, met))
        sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"threads": args.threads, "rounds": args.rounds,
                       "repeats": args.repeats, "warmup": args.warmup, "networks": rows}, f, indent=2)


if __name__ == "__main__":
    main()
