#!/usr/bin/env python3
"""Reference numbers for `losscape explain`, taken from torch.optim in float64.

For each case, runs torch's optimizer for a few steps on a 2-parameter surface and records,
per step: the point before the step, the gradient the optimizer saw (after clipping), the
learning rate, every entry of `optimizer.state[p]` after the step (tensors as lists, the
`step` count as a number), and the point after. tests/suite/explain.rs compares `losscape explain
--format json` with these numbers (not part of `cargo test`'s inputs until regenerated here).

    /work/venv/bin/python tools/explain_reference.py > tests/data/explain_torch.json
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
O = torch.optim


def himmelblau(p):
    x, y = p[0], p[1]
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


SURFACES = {"himmelblau": himmelblau, "rosenbrock": rosenbrock}
H = ("himmelblau", (0.5, -1.0))

# (losscape spec, surface and start, steps, torch factory, clip (kind, arg) or None)
CASES = [
    ("gd:lr=0.01", H, 3, lambda p: O.SGD(p, lr=0.01), None),
    ("sgd:lr=0.01,momentum=0.9", H, 4, lambda p: O.SGD(p, lr=0.01, momentum=0.9), None),
    ("sgd:lr=0.005,momentum=0.9,dampening=0.1,weight_decay=0.1", H, 4,
     lambda p: O.SGD(p, lr=0.005, momentum=0.9, dampening=0.1, weight_decay=0.1), None),
    ("nesterov:lr=0.005", H, 4, lambda p: O.SGD(p, lr=0.005, momentum=0.9, nesterov=True), None),
    ("adagrad:lr=0.5,lr_decay=0.01,initial_accumulator_value=0.1,weight_decay=0.1", H, 4,
     lambda p: O.Adagrad(p, lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1,
                         weight_decay=0.1), None),
    ("rmsprop:lr=0.01", H, 4, lambda p: O.RMSprop(p, lr=0.01), None),
    ("rmsprop:lr=0.01,centered=true,momentum=0.5,weight_decay=0.1", H, 4,
     lambda p: O.RMSprop(p, lr=0.01, centered=True, momentum=0.5, weight_decay=0.1), None),
    ("adam:lr=0.1", H, 4, lambda p: O.Adam(p, lr=0.1), None),
    ("adam:lr=0.1,amsgrad=true,weight_decay=0.1", H, 4,
     lambda p: O.Adam(p, lr=0.1, amsgrad=True, weight_decay=0.1), None),
    ("adamw:lr=0.1", H, 4, lambda p: O.AdamW(p, lr=0.1), None),
    ("adamw:lr=0.1,amsgrad=true,beta2=0.99", H, 4,
     lambda p: O.AdamW(p, lr=0.1, amsgrad=True, betas=(0.9, 0.99)), None),
    ("nadam:lr=0.1,weight_decay=0.1", H, 4, lambda p: O.NAdam(p, lr=0.1, weight_decay=0.1), None),
    # RAdam's rectification switches on at step 6 with β₂ = 0.999: eight steps see both rules.
    ("radam:lr=0.1", H, 8, lambda p: O.RAdam(p, lr=0.1), None),
    ("adamax:lr=0.1,weight_decay=0.1", H, 4, lambda p: O.Adamax(p, lr=0.1, weight_decay=0.1),
     None),
    ("adadelta:lr=1,weight_decay=0.1", H, 4, lambda p: O.Adadelta(p, lr=1.0, weight_decay=0.1),
     None),
    ("lbfgs", ("rosenbrock", (-1.2, 1.0)), 4, lambda p: O.LBFGS(p, max_iter=1), None),
    ("lbfgs:line_search=strong_wolfe,history_size=5", ("rosenbrock", (-1.2, 1.0)), 4,
     lambda p: O.LBFGS(p, max_iter=1, max_eval=26, history_size=5,
                       line_search_fn="strong_wolfe"), None),
    ("adam:lr=0.1,clip_norm=1", H, 3, lambda p: O.Adam(p, lr=0.1), ("norm", 1.0)),
    ("sgd:lr=0.01,momentum=0.9,clip_value=2", H, 3,
     lambda p: O.SGD(p, lr=0.01, momentum=0.9), ("value", 2.0)),
]


def plain(v):
    """A state entry as JSON: tensors as (flat) lists, lists of tensors as lists of lists."""
    if isinstance(v, torch.Tensor):
        return v.item() if v.dim() == 0 else v.detach().reshape(-1).tolist()
    if isinstance(v, (list, tuple)):
        return [plain(e) for e in v]
    return v


def reference(spec, surface_start, steps, make_opt, clip):
    surface, start = surface_start
    f = SURFACES[surface]
    p = torch.tensor(start, requires_grad=True)
    opt = make_opt([p])
    records = []
    for k in range(1, steps + 1):
        before = p.detach().tolist()
        seen = {}

        def closure():
            opt.zero_grad()
            loss = f(p)
            loss.backward()
            if clip is not None and clip[0] == "norm":
                torch.nn.utils.clip_grad_norm_([p], clip[1])
            elif clip is not None:
                torch.nn.utils.clip_grad_value_([p], clip[1])
            # The first evaluation is at the point before the step: the gradient it sees.
            seen.setdefault("gradient", p.grad.detach().tolist())
            return loss

        if isinstance(opt, O.LBFGS):
            opt.step(closure)
        else:
            closure()
            opt.step()
        records.append({
            "step": k,
            "x": before,
            "gradient": seen["gradient"],
            "lr": opt.param_groups[0]["lr"],
            "state": {key: plain(v) for key, v in opt.state[p].items()},
            "x_after": p.detach().tolist(),
        })
    return {"spec": spec, "surface": surface, "start": list(start), "steps": records}


def main():
    cases = [reference(*c) for c in CASES]
    json.dump({"torch": torch.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
