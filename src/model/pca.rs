//! The PCA plane of a training trajectory (Li et al. 2018, §7; loss-landscape's
//! `setup_PCA_directions`): the differences θᵢ − θ_end, centred as sklearn's PCA centres them,
//! and their top two principal directions, with the share of variance each explains.

use nalgebra::DMatrix;

#[derive(Debug, Clone, PartialEq)]
pub struct PcaPlane {
    /// Unit, orthogonal directions in parameter space.
    pub directions: [Vec<f64>; 2],
    /// Fraction of the trajectory's variance along each direction (sklearn's
    /// `explained_variance_ratio_`).
    pub explained: [f64; 2],
}

/// Why a trajectory has no PCA plane.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PcaError {
    #[error("a PCA plane needs a trajectory of at least 3 points, got {0}")]
    TooShort(usize),
    #[error("the trajectory does not move: it has no principal directions")]
    NoMovement,
}

/// The top two principal directions of `trajectory` around its last point.
pub fn pca_plane(trajectory: &[Vec<f64>]) -> Result<PcaPlane, PcaError> {
    let Some(end) = trajectory.last() else {
        return Err(PcaError::TooShort(0));
    };
    if trajectory.len() < 3 {
        return Err(PcaError::TooShort(trajectory.len()));
    }
    let (t, n) = (trajectory.len() - 1, end.len());
    let mut m = DMatrix::from_fn(t, n, |i, j| trajectory[i][j] - end[j]);
    for j in 0..n {
        let mean = m.column(j).mean();
        m.column_mut(j).add_scalar_mut(-mean);
    }
    let svd = m.svd(false, true);
    let v_t = svd.v_t.ok_or(PcaError::NoMovement)?;
    let s = &svd.singular_values;
    let total: f64 = s.iter().map(|x| x * x).sum();
    if total.is_nan() || total <= 0.0 {
        return Err(PcaError::NoMovement);
    }
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[b].total_cmp(&s[a]));
    let direction = |k: usize| -> Vec<f64> {
        let mut d: Vec<f64> = order
            .get(k)
            .map_or_else(|| vec![0.0; n], |&r| v_t.row(r).iter().copied().collect());
        // sklearn's sign convention: the largest |component| is positive.
        let big = d
            .iter()
            .copied()
            .fold(0.0f64, |m, v| if v.abs() > m.abs() { v } else { m });
        if big < 0.0 {
            d.iter_mut().for_each(|v| *v = -*v);
        }
        d
    };
    let share = |k: usize| order.get(k).map_or(0.0, |&r| s[r] * s[r] / total);
    Ok(PcaPlane {
        directions: [direction(0), direction(1)],
        explained: [share(0), share(1)],
    })
}
