//! Planes through a network's parameter space: filter normalisation (Li et al. 2018), the PCA
//! plane's directions and variance shares, and the batched slice agreeing with the loss.

use losscape::model::slice::{PlaneGrid, slice};
use losscape::model::{load, pca_plane, random_directions};
use std::path::Path;

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[test]
fn random_directions_are_filter_normalised() {
    let m = load(Path::new("surfaces/models/iris.toml")).unwrap();
    let theta = m.initial_params(m.seed);
    for d in random_directions(&m.arch, &theta, 1) {
        for s in m.arch.layers() {
            for o in 0..s.outputs {
                let row = s.weight.start + o * s.inputs..s.weight.start + (o + 1) * s.inputs;
                let (dn, wn) = (norm(&d[row.clone()]), norm(&theta[row]));
                // loss-landscape's d·‖w‖/(‖d‖ + 1e-10): equal norms up to that 1e-10.
                assert!((dn - wn).abs() <= 1e-9 * wn.max(1.0), "{dn} vs {wn}");
            }
            // Bias directions are zero (ignore='biasbn').
            assert!(d[s.bias.clone()].iter().all(|&v| v == 0.0));
        }
    }
}

#[test]
fn pca_plane_finds_the_directions_and_their_variance_shares() {
    // A trajectory on an ellipse in 5-D: cos along u, 0.3·sin along v. Over whole periods cos
    // and sin are orthogonal with mean 0, so the variance shares are 1/1.09 and 0.09/1.09.
    let s = 0.5f64.sqrt();
    let u = [s, s, 0.0, 0.0, 0.0];
    let v = [0.0, 0.0, 0.6, 0.8, 0.0];
    let n = 40;
    let mut traj: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            let t = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            (0..5)
                .map(|k| 1.0 + t.cos() * u[k] + 0.3 * t.sin() * v[k])
                .collect()
        })
        .collect();
    traj.push(vec![1.0, 1.0, 1.0, 1.0, 1.0]);
    let p = pca_plane(&traj).unwrap();
    assert!(
        (p.explained[0] - 1.0 / 1.09).abs() < 1e-12,
        "{:?}",
        p.explained
    );
    assert!(
        (p.explained[1] - 0.09 / 1.09).abs() < 1e-12,
        "{:?}",
        p.explained
    );
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    assert!((dot(&p.directions[0], &u).abs() - 1.0).abs() < 1e-12);
    assert!((dot(&p.directions[1], &v).abs() - 1.0).abs() < 1e-12);
    // sklearn's sign convention: the largest |component| is positive.
    assert!(dot(&p.directions[1], &v) > 0.0);
}

#[test]
fn the_batched_slice_is_the_loss_at_every_cell_bit_for_bit() {
    let m = load(Path::new("surfaces/models/moons.toml")).unwrap();
    let theta = m.initial_params(m.seed);
    let [d1, d2] = random_directions(&m.arch, &theta, 3);
    let grid = PlaneGrid::square(5, 4, (-1.0, 1.0));
    let values = slice(&m, &theta, [&d1, &d2], &grid);
    for (j, &b) in grid.b.iter().enumerate() {
        for (i, &a) in grid.a.iter().enumerate() {
            let p: Vec<f64> = (0..theta.len())
                .map(|k| theta[k] + a * d1[k] + b * d2[k])
                .collect();
            assert_eq!(values[j * 5 + i], m.loss(&p), "cell ({a}, {b})");
        }
    }
}
