"""Writes the model data sets of surfaces/data/ (run with /work/venv/bin/python).

- iris.csv: Fisher's iris data as scikit-learn ships it (sklearn/datasets/data/iris.csv,
  BSD-3), with named columns and 0/1 indicator columns per species.
- moons.csv: two interleaving half circles, sklearn.datasets.make_moons(n_samples=200,
  noise=0.2, random_state=0).
- himmelblau_grid.csv: Himmelblau's function sampled on a 41x41 grid of [-6, 6]^2, rows
  shuffled (seed 0): the `kind = "grid"` example.
"""

import os

import numpy as np
import sklearn
from sklearn.datasets import load_iris, make_moons

OUT = os.path.join(os.path.dirname(__file__), "..", "surfaces", "data")


def iris():
    src = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "iris.csv")
    rows = [line.strip().split(",") for line in open(src)][1:]
    names = ["setosa", "versicolor", "virginica"]
    with open(os.path.join(OUT, "iris.csv"), "w") as f:
        f.write("sepal_length,sepal_width,petal_length,petal_width,species,"
                "is_setosa,is_versicolor,is_virginica\n")
        for r in rows:
            k = int(r[4])
            flags = ",".join("1" if k == i else "0" for i in range(3))
            f.write(",".join(r[:4]) + f",{names[k]},{flags}\n")
    assert len(rows) == 150 and load_iris().data.shape == (150, 4)


def moons():
    x, y = make_moons(n_samples=200, noise=0.2, random_state=0)
    with open(os.path.join(OUT, "moons.csv"), "w") as f:
        f.write("x1,x2,label\n")
        for (a, b), c in zip(x, y):
            f.write(f"{float(a)!r},{float(b)!r},{int(c)}\n")


def himmelblau_grid():
    xs = np.linspace(-6.0, 6.0, 41)
    pts = [(x, y, (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2) for x in xs for y in xs]
    order = np.random.default_rng(0).permutation(len(pts))
    with open(os.path.join(OUT, "himmelblau_grid.csv"), "w") as f:
        f.write("x,y,loss\n")
        for i in order:
            x, y, v = pts[i]
            f.write(f"{float(x)!r},{float(y)!r},{float(v)!r}\n")


if __name__ == "__main__":
    iris()
    moons()
    himmelblau_grid()
