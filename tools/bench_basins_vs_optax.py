#!/usr/bin/env python3
"""losscape basins against its peer, in one sitting: rounds of three whole `losscape basins`
processes (writing the CSV to a file), each round followed by tools/bench_optax.py (optax's
warm compute alone, the median of its five timed calls). This machine's speed drifts over
minutes, so only figures from one sitting compare.

    cargo build --release
    /work/venv/bin/python tools/bench_basins_vs_optax.py              # 5 rounds
    /work/venv/bin/python tools/bench_basins_vs_optax.py --rounds 3 --bin target/release/losscape
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["basins", "--surface", "himmelblau", "--opt", "adam:lr=0.05", "--grid", "400x240", "--steps", "1000"]


def losscape_wall(binary, csv):
    with open(csv, "w") as out:
        start = time.perf_counter()
        subprocess.run([binary, *ARGS], stdout=out, check=True)
        return time.perf_counter() - start


def optax_median():
    out = subprocess.run([sys.executable, str(HERE / "bench_optax.py")], capture_output=True, text=True, check=True).stdout
    m = re.search(r"warm: median ([0-9.]+) s", out)
    if not m:
        sys.exit(f"unexpected output from bench_optax.py:\n{out}")
    return float(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(HERE.parent / "target/release/losscape"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--csv", default="/tmp/basins.csv", help="where losscape writes its CSV")
    a = ap.parse_args()
    ours, peer = [], []
    for r in range(a.rounds):
        walls = [losscape_wall(a.bin, a.csv) for _ in range(3)]
        ours += walls
        peer.append(optax_median())
        print(f"round {r + 1}: losscape {', '.join(f'{w * 1000:.0f}' for w in walls)} ms; optax {peer[-1] * 1000:.0f} ms", flush=True)
    mine, theirs = statistics.median(ours), statistics.median(peer)
    print(f"losscape median {mine * 1000:.0f} ms ({min(ours) * 1000:.0f}–{max(ours) * 1000:.0f}); "
          f"optax median of round medians {theirs * 1000:.0f} ms ({min(peer) * 1000:.0f}–{max(peer) * 1000:.0f}); "
          f"optax / losscape {theirs / mine:.2f}")


if __name__ == "__main__":
    main()
