#!/usr/bin/env python3
"""The peer of `losscape basins`: Adam from every cell of a grid on Himmelblau's function,
as a JAX user would write it, jax.jit(jax.vmap(lax.scan(optax.adam))), in float64.

    /work/venv/bin/python tools/bench_optax.py                  # 400x240 starts, 1000 steps
    /work/venv/bin/python tools/bench_optax.py --grid 200x120 --steps 500 --csv ends.csv

Warm: the function is compiled (and run) once, then timed on the calls after; the figure is
the compute alone (the starts are already on the device, the end points are not written).
Starts are the cell centres of a W x H grid over the region, as `losscape basins` uses.
With --csv the end points are written (x, y, end_x, end_y) to compare with losscape's.
"""

import argparse
import statistics
import time

import jax
import jax.numpy as jnp
import optax

jax.config.update("jax_enable_x64", True)


def himmelblau(p):
    x, y = p[0], p[1]
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def make_batch_run(lr, steps):
    opt = optax.adam(lr)  # b1=0.9, b2=0.999, eps=1e-8: torch's defaults
    grad = jax.grad(himmelblau)

    def one_run(p0):
        def body(carry, _):
            p, state = carry
            updates, state = opt.update(grad(p), state, p)
            return (optax.apply_updates(p, updates), state), None

        (p, _), _ = jax.lax.scan(body, (p0, opt.init(p0)), None, length=steps)
        return p

    return jax.jit(jax.vmap(one_run))


def grid_starts(width, height, region):
    x0, x1, y0, y1 = region
    xs = x0 + (jnp.arange(width) + 0.5) * (x1 - x0) / width
    ys = y0 + (jnp.arange(height) + 0.5) * (y1 - y0) / height
    # Row-major from the bottom row, x varying fastest: the order of losscape's CSV.
    gx, gy = jnp.meshgrid(xs, ys)
    return jnp.stack([gx.ravel(), gy.ravel()], axis=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grid", default="400x240", help="W x H starts (default 400x240)")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--region", default="-5:5,-5:5", help="X0:X1,Y0:Y1 (himmelblau's view)")
    ap.add_argument("--repeat", type=int, default=5, help="warm calls to time (median reported)")
    ap.add_argument("--csv", help="write the end points here")
    args = ap.parse_args()

    width, height = (int(v) for v in args.grid.lower().split("x"))
    (x0, x1), (y0, y1) = (tuple(float(v) for v in r.split(":")) for r in args.region.split(","))
    starts = jax.device_put(grid_starts(width, height, (x0, x1, y0, y1)))
    batch_run = make_batch_run(args.lr, args.steps)

    t = time.perf_counter()
    ends = batch_run(starts).block_until_ready()
    cold = time.perf_counter() - t
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ends = batch_run(starts).block_until_ready()
        times.append(time.perf_counter() - t)
    warm = statistics.median(times)
    total = width * height * args.steps
    print(f"jax {jax.__version__}, optax {optax.__version__}, float64, devices {jax.devices()}")
    print(f"{width}x{height} starts x {args.steps} Adam steps = {total / 1e6:.1f} M steps")
    print(f"first call (compile + run): {cold:.3f} s")
    print(f"warm: median {warm:.3f} s of {args.repeat} (min {min(times):.3f} s) "
          f"= {total / warm / 1e6:.0f} M steps/s")

    if args.csv:
        with open(args.csv, "w") as f:
            f.write("x,y,end_x,end_y\n")
            for (sx, sy), (ex, ey) in zip(starts.tolist(), ends.tolist()):
                f.write(f"{sx!r},{sy!r},{ex!r},{ey!r}\n")


if __name__ == "__main__":
    main()
