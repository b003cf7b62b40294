//! The network's loss, gradient and Hessian: against central finite differences, and against
//! PyTorch float64 numbers (tools/model_reference.py) at the test point θⱼ = 0.5·sin(j + 1).

use losscape::model::{Mlp, load, negative_count, spectrum};
use std::path::Path;

fn model(name: &str) -> Mlp {
    load(&Path::new("surfaces/models").join(name)).unwrap()
}

fn test_point(n: usize) -> Vec<f64> {
    (0..n).map(|j| 0.5 * ((j + 1) as f64).sin()).collect()
}

fn close(got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs().max(1e-3),
        "got {got}, want {want} (relative tolerance {rel})"
    );
}

struct Torch {
    file: &'static str,
    n: usize,
    loss: f64,
    grad_norm: f64,
    grad_ends: [f64; 2],
    /// H[0][0], H[0][n−1], H[n−1][n−1].
    h: [f64; 3],
    trace: f64,
    eig_ends: [f64; 2],
    negative: usize,
}

/// Pasted from `tools/model_reference.py` (torch 2.x, float64).
const TORCH: [Torch; 3] = [
    Torch {
        file: "iris.toml",
        n: 105,
        loss: 0.6045581372081504,
        grad_norm: 0.3811302369754262,
        grad_ends: [-0.03345607610748111, -0.05172815579549317],
        h: [
            0.03904978647348535,
            0.012010197765096802,
            0.2019298736096057,
        ],
        trace: 1.0927260251774005,
        eig_ends: [-0.7021966747340713, 1.0501347878712228],
        negative: 53,
    },
    Torch {
        file: "moons.toml",
        n: 337,
        loss: 0.8162306221909772,
        grad_norm: 0.6582484685485839,
        grad_ends: [-0.03658626363144608, -0.20755467626796975],
        h: [
            0.005543942748526166,
            0.0018724604809280912,
            0.20547946219104804,
        ],
        trace: 2.3146471508795865,
        eig_ends: [-0.9346197865671612, 2.1486139589512607],
        negative: 59,
    },
    Torch {
        file: "advertising.toml",
        n: 25,
        loss: 219.6292173992841,
        grad_norm: 44.7741317520623,
        grad_ends: [-0.10503612197831108, -27.754858006983547],
        h: [
            0.08689887626431876,
            -0.0014392311692718396,
            1.9999999999999998,
        ],
        trace: 11.294089023056278,
        eig_ends: [-7.076578566736673, 9.085309595310765],
        negative: 6,
    },
];

#[test]
fn loss_gradient_and_hessian_match_torch() {
    for t in &TORCH {
        let m = model(t.file);
        assert_eq!(m.len(), t.n, "{}", t.file);
        let theta = test_point(t.n);
        close(m.loss(&theta), t.loss, 1e-13);
        let mut g = vec![0.0; t.n];
        close(m.gradient(&theta, &mut g), t.loss, 1e-13);
        close(
            g.iter().map(|v| v * v).sum::<f64>().sqrt(),
            t.grad_norm,
            1e-12,
        );
        close(g[0], t.grad_ends[0], 1e-11);
        close(g[t.n - 1], t.grad_ends[1], 1e-12);
        let h = m.hessian(&theta);
        close(h[(0, 0)], t.h[0], 1e-11);
        close(h[(0, t.n - 1)], t.h[1], 1e-11);
        close(h[(t.n - 1, t.n - 1)], t.h[2], 1e-12);
        close(h.trace(), t.trace, 1e-12);
        let ev = spectrum(&h);
        close(ev[0], t.eig_ends[0], 1e-10);
        close(ev[t.n - 1], t.eig_ends[1], 1e-10);
        assert_eq!(negative_count(&ev), t.negative, "{}", t.file);
    }
}

#[test]
fn gradient_and_hessian_match_finite_differences() {
    let m = model("advertising.toml");
    let n = m.len();
    let theta = test_point(n);
    let mut g = vec![0.0; n];
    m.gradient(&theta, &mut g);
    let h = m.hessian(&theta);
    let eps = 1e-5;
    let mut plus = theta.clone();
    let (mut gp, mut gm) = (vec![0.0; n], vec![0.0; n]);
    for j in 0..n {
        plus[j] = theta[j] + eps;
        let fp = m.gradient(&plus, &mut gp);
        plus[j] = theta[j] - eps;
        let fm = m.gradient(&plus, &mut gm);
        plus[j] = theta[j];
        let fd = (fp - fm) / (2.0 * eps);
        assert!(
            (g[j] - fd).abs() < 1e-6 * (1.0 + g[j].abs()),
            "∂L/∂θ{j}: {} vs {fd}",
            g[j]
        );
        for i in 0..n {
            let fd = (gp[i] - gm[i]) / (2.0 * eps);
            assert!(
                (h[(i, j)] - fd).abs() < 1e-6 * (1.0 + fd.abs()),
                "H[{i}][{j}]: {} vs {fd}",
                h[(i, j)]
            );
        }
    }
    // The Hessian is symmetric and the minibatch gradient over all rows is the full one.
    assert!((h.clone() - h.transpose()).amax() == 0.0);
    let mut g_all = vec![0.0; n];
    m.gradient_on(&theta, m.rows(), &mut g_all);
    assert_eq!(g_all, g);
}

#[test]
fn relu_and_tanh_hessians_match_finite_differences_of_the_gradient() {
    for file in ["iris.toml", "moons.toml"] {
        let m = model(file);
        let n = m.len();
        let theta = test_point(n);
        let h = m.hessian(&theta);
        let eps = 1e-6;
        // A few columns are enough: every layer's weights and biases appear.
        for j in [0, n / 3, n / 2, n - 1] {
            let (mut p, mut gp, mut gm) = (theta.clone(), vec![0.0; n], vec![0.0; n]);
            p[j] += eps;
            m.gradient(&p, &mut gp);
            p[j] -= 2.0 * eps;
            m.gradient(&p, &mut gm);
            for i in 0..n {
                let fd = (gp[i] - gm[i]) / (2.0 * eps);
                assert!(
                    (h[(i, j)] - fd).abs() < 1e-6 * (1.0 + fd.abs()),
                    "{file} H[{i}][{j}]: {} vs {fd}",
                    h[(i, j)]
                );
            }
        }
    }
}
