"""Reference numbers for the model tests, from PyTorch (float64), and the jax timing.

    /work/venv/bin/python tools/model_reference.py            # numbers for tests/model_*.rs
    /work/venv/bin/python tools/model_reference.py --bench    # jax.hessian + eigvalsh timing

Also: the maximum-likelihood logistic regression of surfaces/iris_logistic.toml by Newton's
method in numpy, and an NPZ grid in loss-landscape's layout for the tests
(tests/data/model_himmelblau.npz).

Each model file of surfaces/models/ is rebuilt as nn.Sequential of nn.Linear and activations,
its data read and standardized as losscape does (population std), and its parameters set to
the deterministic test point theta_j = 0.5*sin(j+1) in torch's parameters() order (weight
[out][in] row-major, then bias, layer by layer). Printed: the loss, the gradient (norm and a
few entries), the Hessian (a few entries, trace, extreme eigenvalues, negative count), and
200 full-batch torch.optim.Adam steps at lr=0.01 from that point.
"""

import csv
import math
import os
import sys
import time
import tomllib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
ROOT = os.path.join(os.path.dirname(__file__), "..")


def load(model_path):
    with open(model_path, "rb") as f:
        m = tomllib.load(f)
    data_path = os.path.join(os.path.dirname(model_path), m["data"])
    with open(data_path) as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in m["inputs"]] for r in rows])
    y = np.array([float(r[m["target"]]) for r in rows])
    if m.get("standardize", False):
        x = (x - x.mean(axis=0)) / x.std(axis=0)  # numpy's std is the population std
    return m, torch.tensor(x), torch.tensor(y)


def network(m):
    act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid}[m["activation"]]
    sizes = m["layers"]
    mods = []
    for i in range(len(sizes) - 1):
        mods.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            mods.append(act())
    return torch.nn.Sequential(*mods)


def loss_fn(m):
    return torch.nn.BCEWithLogitsLoss() if m["loss"] == "bce" else torch.nn.MSELoss()


def test_point(n):
    return torch.tensor([0.5 * math.sin(j + 1) for j in range(n)])


def set_flat(net, flat):
    k = 0
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(flat[k : k + p.numel()].view_as(p))
            k += p.numel()


def flat_loss(m, net, x, y):
    shapes = [(name, p.shape) for name, p in net.named_parameters()]
    crit = loss_fn(m)

    def f(flat):
        params, k = {}, 0
        for name, shape in shapes:
            n = math.prod(shape)
            params[name] = flat[k : k + n].view(shape)
            k += n
        z = torch.func.functional_call(net, params, (x,)).squeeze(-1)
        return crit(z, y)

    return f


ADAM = {}


def report(model_file):
    m, x, y = load(os.path.join(ROOT, "surfaces", "models", model_file))
    net = network(m)
    n = sum(p.numel() for p in net.parameters())
    theta = test_point(n)
    f = flat_loss(m, net, x, y)
    loss = f(theta)
    g = torch.func.grad(f)(theta)
    h = torch.func.hessian(f)(theta)
    ev = np.linalg.eigvalsh(h.numpy())
    scale = np.abs(ev).max()
    print(f"// {model_file}: {n} parameters, {len(y)} rows, theta_j = 0.5 sin(j+1)")
    print(f"loss = {loss.item()!r}")
    print(f"grad_norm = {g.norm().item()!r}")
    print(f"grad[0], grad[n-1] = {g[0].item()!r}, {g[-1].item()!r}")
    print(f"H[0][0], H[0][n-1], H[n-1][n-1] = {h[0,0].item()!r}, {h[0,-1].item()!r}, {h[-1,-1].item()!r}")
    print(f"trace = {h.trace().item()!r}")
    print(f"eig min, max = {ev[0]!r}, {ev[-1]!r}; negative = {(ev < -1e-10 * scale).sum()}")
    set_flat(net, theta.clone())
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    crit = loss_fn(m)
    for _ in range(200):
        opt.zero_grad()
        out = crit(net(x).squeeze(-1), y)
        out.backward()
        opt.step()
    final = torch.cat([p.detach().flatten() for p in net.parameters()])
    with torch.no_grad():
        final_loss = crit(net(x).squeeze(-1), y).item()
    print(f"adam lr=0.01, 200 steps: loss = {final_loss!r}")
    ADAM[model_file] = {"loss": final_loss, "params": final.tolist()}
    print(f"  params[0], params[n-1] = {final[0].item()!r}, {final[-1].item()!r}; norm = {final.norm().item()!r}")
    print()


def bench():
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    m, x, y = load(os.path.join(ROOT, "surfaces", "models", "iris.toml"))
    x, y = jnp.asarray(x.numpy()), jnp.asarray(y.numpy())
    sizes = m["layers"]

    def loss(flat):
        a, k = x, 0
        for i in range(len(sizes) - 1):
            w = flat[k : k + sizes[i] * sizes[i + 1]].reshape(sizes[i + 1], sizes[i])
            k += sizes[i] * sizes[i + 1]
            b = flat[k : k + sizes[i + 1]]
            k += sizes[i + 1]
            a = a @ w.T + b
            if i + 2 < len(sizes):
                a = jnp.tanh(a)
        z = a[:, 0]
        return jnp.mean(jnp.logaddexp(0.0, z) - y * z)

    n = sum((sizes[i] + 1) * sizes[i + 1] for i in range(len(sizes) - 1))
    theta = jnp.asarray([0.5 * math.sin(j + 1) for j in range(n)])
    hess = jax.jit(jax.hessian(loss))
    hess(theta).block_until_ready()
    samples = []
    for _ in range(50):
        t0 = time.perf_counter()
        ev = np.linalg.eigvalsh(np.asarray(hess(theta)))
        samples.append(time.perf_counter() - t0)
    samples.sort()
    print(f"jax.jit(jax.hessian) + numpy.linalg.eigvalsh, {n} parameters, {len(y)} rows: "
          f"median {1e3 * samples[len(samples) // 2]:.3f} ms, fastest {1e3 * samples[0]:.3f} ms "
          f"(eig min {ev[0]:.6g}, max {ev[-1]:.6g})")
    # A 41x41 slice: 1681 jitted, vmapped full-batch losses.
    d1 = jnp.sin(jnp.arange(n) * 1.3)
    d2 = jnp.cos(jnp.arange(n) * 0.7)
    a = jnp.linspace(-1, 1, 41)
    aa, bb = jnp.meshgrid(a, a)
    pts = theta + aa.reshape(-1, 1) * d1 + bb.reshape(-1, 1) * d2
    sl = jax.jit(jax.vmap(loss))
    sl(pts).block_until_ready()
    samples = []
    for _ in range(50):
        t0 = time.perf_counter()
        sl(pts).block_until_ready()
        samples.append(time.perf_counter() - t0)
    samples.sort()
    print(f"jax.jit(jax.vmap(loss)) on a 41x41 slice: median {1e3 * samples[len(samples) // 2]:.3f} ms, "
          f"fastest {1e3 * samples[0]:.3f} ms")




def npz_fixture():
    """Himmelblau on a 25x21 grid in loss-landscape's layout: train_loss[iy][ix]."""
    x = np.linspace(-6, 6, 25)
    y = np.linspace(-6, 6, 21)
    xx, yy = np.meshgrid(x, y)
    z = (xx**2 + yy - 11) ** 2 + (xx + yy**2 - 7) ** 2
    os.makedirs(os.path.join(ROOT, "tests", "data"), exist_ok=True)
    np.savez_compressed(os.path.join(ROOT, "tests", "data", "model_himmelblau.npz"),
                        xcoordinates=x, ycoordinates=y, train_loss=z)


def logistic_reference():
    """Maximum-likelihood logistic regression of is_virginica on petal_width (Newton, numpy)."""
    with open(os.path.join(ROOT, "surfaces", "data", "iris.csv")) as f:
        rows = list(csv.DictReader(f))
    x0 = np.array([float(r["petal_width"]) for r in rows])
    y = np.array([float(r["is_virginica"]) for r in rows])
    for standardize in [False, True]:
        x = (x0 - x0.mean()) / x0.std() if standardize else x0
        a = np.c_[x, np.ones_like(x)]
        p = np.zeros(2)
        for _ in range(50):
            s = 1 / (1 + np.exp(-(a @ p)))
            g = a.T @ (s - y) / len(y)
            h = (a * (s * (1 - s))[:, None]).T @ a / len(y)
            p = p - np.linalg.solve(h, g)
        z = a @ p
        loss = np.mean(np.logaddexp(0, z) - y * z)
        print(f"logistic standardize={standardize}: w = {p[0]!r}, b = {p[1]!r}, loss = {loss!r}")


if __name__ == "__main__":
    if "--bench" in sys.argv:
        bench()
    else:
        for name in ["iris.toml", "moons.toml", "advertising.toml"]:
            report(name)
        logistic_reference()
        npz_fixture()
        import json
        with open(os.path.join(ROOT, "tests", "data", "model_torch_adam.json"), "w") as f:
            json.dump(ADAM, f, indent=1)
