#!/usr/bin/env python3
"""optax's Adam on rosenbrock, one chain: jit(lax.scan(adam step)) in float64, steps per second.

The peer figure for `cargo bench --bench steps -- run_step` (losscape's Run::step with adam on
rosenbrock from (-1.2, 1)). Warm (compiled once, then timed), best of 5 repeats.

    /work/venv/bin/python tools/bench_optax_chain.py [STEPS] [f32]
"""
import sys, time
import jax
F32 = "f32" in sys.argv[1:]
jax.config.update("jax_enable_x64", not F32)
import jax.numpy as jnp
import optax

STEPS = next((int(a) for a in sys.argv[1:] if a.isdigit()), 1_000_000)

def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

opt = optax.adam(1e-3)
grad = jax.grad(rosenbrock)

@jax.jit
def run(p):
    def step(carry, _):
        p, s = carry
        u, s = opt.update(grad(p), s, p)
        return (optax.apply_updates(p, u), s), None
    (p, _), _ = jax.lax.scan(step, (p, opt.init(p)), None, length=STEPS)
    return p

p0 = jnp.array([-1.2, 1.0])
run(p0).block_until_ready()
best = float("inf")
for _ in range(5):
    t = time.perf_counter()
    run(p0).block_until_ready()
    best = min(best, time.perf_counter() - t)
print(f"optax jit(lax.scan(adam)) on rosenbrock: {STEPS / best / 1e6:.1f} M steps/s "
      f"({STEPS} steps in {best * 1e3:.1f} ms, {'float32' if F32 else 'float64'}, jax {jax.__version__}, optax {optax.__version__})")
