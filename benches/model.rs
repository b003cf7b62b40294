//! Networks: the exact Hessian and its full spectrum for the iris network (105 parameters, 150
//! rows; goal < 50 ms), a 41×41 slice (goal < 100 ms), and one backprop gradient.
//! The same work in jax: `tools/model_reference.py --bench`.
//!
//! Run with `cargo bench --bench model`.

use losscape::model::slice::{PlaneGrid, slice};
use losscape::model::{Mlp, load, random_directions, spectrum};

fn main() {
    divan::main();
}

fn iris() -> (Mlp, Vec<f64>) {
    let m = load(std::path::Path::new("surfaces/models/iris.toml")).expect("iris model");
    // The point of tools/model_reference.py.
    let theta = (0..m.len()).map(|j| 0.5 * ((j + 1) as f64).sin()).collect();
    (m, theta)
}

#[divan::bench(sample_count = 20)]
fn hessian_and_spectrum_iris_105(bencher: divan::Bencher) {
    let (m, theta) = iris();
    bencher.bench(|| spectrum(&m.hessian(divan::black_box(&theta))));
}

#[divan::bench(sample_count = 20)]
fn hessian_only_iris_105(bencher: divan::Bencher) {
    let (m, theta) = iris();
    bencher.bench(|| m.hessian(divan::black_box(&theta)));
}

#[divan::bench(sample_count = 20)]
fn slice_41x41_iris(bencher: divan::Bencher) {
    let (m, theta) = iris();
    let [d1, d2] = random_directions(&m.arch, &theta, 1);
    let grid = PlaneGrid::square(41, 41, (-1.0, 1.0));
    bencher.bench(|| slice(&m, divan::black_box(&theta), [&d1, &d2], &grid));
}

#[divan::bench(sample_count = 100)]
fn gradient_iris_105(bencher: divan::Bencher) {
    let (m, theta) = iris();
    let mut g = vec![0.0; m.len()];
    bencher.bench_local(|| m.gradient(divan::black_box(&theta), &mut g));
}
