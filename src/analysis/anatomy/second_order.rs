//! Second-order methods: Newton (plain, damped, saddle-free) and L-BFGS.

use super::{Anatomy, StepInputs, map2, plain, scaled, term};

/// Newton: −lr·(H + λI)⁻¹g, or with |H| for the saddle-free variant (2-D only; otherwise
/// the step as taken).
pub(super) fn newton(s: &StepInputs, damping: f64, saddle_free: bool) -> Anatomy {
    let name = match (saddle_free, damping != 0.0) {
        (true, true) => "−lr·(|H|+λI)⁻¹g (saddle-free)",
        (true, false) => "−lr·|H|⁻¹g (saddle-free)",
        (false, true) => "−lr·(H+λI)⁻¹g",
        (false, false) => "−lr·H⁻¹g",
    };
    let solved = s.hessian.filter(|h| h.len() == 4).and_then(|h| {
        let mut m = nalgebra::Matrix2::new(h[0], h[1], h[2], h[3]);
        m = (m + m.transpose()) * 0.5;
        if saddle_free {
            let e = nalgebra::SymmetricEigen::new(m);
            m = e.eigenvectors
                * nalgebra::Matrix2::from_diagonal(&e.eigenvalues.abs())
                * e.eigenvectors.transpose();
        }
        m += nalgebra::Matrix2::identity() * damping;
        m.lu()
            .solve(&nalgebra::Vector2::new(s.gradient[0], s.gradient[1]))
    });
    let vector = match solved {
        Some(d) => vec![-s.lr * d.x, -s.lr * d.y],
        None => s.step.to_vec(),
    };
    plain(vec![term(name, vector)])
}

/// L-BFGS: the step t·d split into scaled gradient descent −t·γ·g (γ = torch's H_diag) and
/// what the curvature memory adds, t·(d + γ·g).
pub(super) fn lbfgs(s: &StepInputs) -> Anatomy {
    let (Some(d), Some(t)) = (s.after.buffer("d"), s.after.scalar("t")) else {
        return plain(vec![term("t·d", s.step.to_vec())]);
    };
    let gamma = s.after.scalar("H_diag").unwrap_or(1.0);
    let moved = s.step.iter().any(|c| *c != 0.0);
    if !moved {
        return plain(vec![term("t·d (stopped: no step)", s.step.to_vec())]);
    }
    let sd = scaled(s.gradient, -t * gamma);
    let memory = map2(d, s.gradient, |d, g| t * (d + gamma * g));
    Anatomy {
        terms: vec![term("−t·γ·g", sd), term("t·(d+γ·g) (memory)", memory)],
        effective_lr: None,
        scalars: vec![("t", t), ("H_diag", gamma)],
    }
}
