//! The strong-Wolfe line search of torch.optim.LBFGS (`_strong_wolfe`, `_cubic_interpolate`,
//! themselves ported from torch7's lswolfe.lua / polyinterp.lua), kept step for step so that
//! trial points, brackets and counts match torch.
//!
//! Constants as torch calls it: c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, max_ls = 25.
//! (torch ≥ 2.x passes max_ls = max_eval − 1, and max_eval defaults to 1 for max_iter = 1, which
//! leaves no budget: we match `LBFGS(max_iter=1, max_eval=26)`, the useful reading.)

type V = Vec<f64>;

/// a·b summed in order (for two elements a₀b₀ + a₁b₁, as torch's CPU `dot`).
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

const C1: f64 = 1e-4;
const C2: f64 = 0.9;
const TOLERANCE_CHANGE: f64 = 1e-9;
const MAX_LS: usize = 25;

/// Where the search stopped: step length t, f and ∇f there, and how many evaluations it took.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSearchResult {
    pub t: f64,
    pub f: f64,
    pub g: V,
    pub evals: usize,
}

/// Minimizer of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to the bounds
/// (default: the interval between x1 and x2); the midpoint when the cubic has no minimum.
pub fn cubic_interpolate(
    x1: f64,
    f1: f64,
    g1: f64,
    x2: f64,
    f2: f64,
    g2: f64,
    bounds: Option<(f64, f64)>,
) -> f64 {
    let (lo, hi) = bounds.unwrap_or(if x1 <= x2 { (x1, x2) } else { (x2, x1) });
    let d1 = g1 + g2 - 3.0 * (f1 - f2) / (x1 - x2);
    let d2_square = d1 * d1 - g1 * g2;
    if d2_square >= 0.0 {
        let d2 = d2_square.sqrt();
        let min_pos = if x1 <= x2 {
            x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
        } else {
            x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2))
        };
        // Python's min(max(p, lo), hi).
        let p = if lo > min_pos { lo } else { min_pos };
        if hi < p { hi } else { p }
    } else {
        (lo + hi) / 2.0
    }
}

/// Searches along `d` from the point where f = `f`, ∇f = `g`, g·d = `gtd` (< 0), starting at
/// step `t`. `obj(t)` returns f and ∇f at x + t·d.
pub fn strong_wolfe(
    obj: &mut impl FnMut(f64) -> (f64, V),
    mut t: f64,
    d: &[f64],
    f: f64,
    g: &[f64],
    gtd: f64,
) -> LineSearchResult {
    let d_norm = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let g = g.to_vec();
    let (mut f_new, mut g_new) = obj(t);
    let mut evals = 1;
    let mut gtd_new = dot(&g_new, d);

    let (mut t_prev, mut f_prev, mut g_prev, mut gtd_prev) = (0.0, f, g.clone(), gtd);
    let mut ls_iter = 0;
    // Bracket [a, b] with f, ∇f and directional derivative at each end.
    let mut b = [0.0, t];
    let mut bf = [f, f_new];
    let mut bg = [g.clone(), g_new.clone()];
    let mut bgtd = [gtd, gtd_new];
    let mut bracketed = false;
    while ls_iter < MAX_LS {
        if f_new > f + C1 * t * gtd || (ls_iter > 1 && f_new >= f_prev) {
            bracketed = true;
        } else if gtd_new.abs() <= -C2 * gtd {
            // Strong Wolfe conditions hold at t: done.
            return LineSearchResult {
                t,
                f: f_new,
                g: g_new,
                evals,
            };
        } else if gtd_new >= 0.0 {
            bracketed = true;
        }
        if bracketed {
            b = [t_prev, t];
            bf = [f_prev, f_new];
            bg = [g_prev, g_new.clone()];
            bgtd = [gtd_prev, gtd_new];
            break;
        }
        // Extrapolate by cubic interpolation within [t + 0.01(t − t_prev), 10t].
        let min_step = t + 0.01 * (t - t_prev);
        let max_step = t * 10.0;
        let tmp = t;
        t = cubic_interpolate(
            t_prev,
            f_prev,
            gtd_prev,
            t,
            f_new,
            gtd_new,
            Some((min_step, max_step)),
        );
        t_prev = tmp;
        f_prev = f_new;
        g_prev = g_new;
        gtd_prev = gtd_new;
        (f_new, g_new) = obj(t);
        evals += 1;
        gtd_new = dot(&g_new, d);
        ls_iter += 1;
    }
    if ls_iter == MAX_LS {
        b = [0.0, t];
        bf = [f, f_new];
        bg = [g.clone(), g_new.clone()];
        bgtd = [gtd, gtd_new];
    }

    // Zoom: shrink the bracket until a point satisfies the strong Wolfe conditions.
    let mut insuf_progress = false;
    let order = |bf: &[f64; 2]| if bf[0] <= bf[1] { (0, 1) } else { (1, 0) };
    let (mut low, mut high) = order(&bf);
    let mut done = false;
    while !done && ls_iter < MAX_LS {
        if (b[1] - b[0]).abs() * d_norm < TOLERANCE_CHANGE {
            break;
        }
        t = cubic_interpolate(b[0], bf[0], bgtd[0], b[1], bf[1], bgtd[1], None);
        let (bmin, bmax) = (b[0].min(b[1]), b[0].max(b[1]));
        let eps = 0.1 * (bmax - bmin);
        if (bmax - t).min(t - bmin) < eps {
            // Too close to an end: move 10% of the bracket inside, unless last time was fine.
            if insuf_progress || t >= bmax || t <= bmin {
                t = if (t - bmax).abs() < (t - bmin).abs() {
                    bmax - eps
                } else {
                    bmin + eps
                };
                insuf_progress = false;
            } else {
                insuf_progress = true;
            }
        } else {
            insuf_progress = false;
        }
        (f_new, g_new) = obj(t);
        evals += 1;
        gtd_new = dot(&g_new, d);
        ls_iter += 1;

        if f_new > f + C1 * t * gtd || f_new >= bf[low] {
            b[high] = t;
            bf[high] = f_new;
            bg[high] = g_new.clone();
            bgtd[high] = gtd_new;
            (low, high) = order(&bf);
        } else {
            if gtd_new.abs() <= -C2 * gtd {
                done = true;
            } else if gtd_new * (b[high] - b[low]) >= 0.0 {
                b[high] = b[low];
                bf[high] = bf[low];
                bg[high] = bg[low].clone();
                bgtd[high] = bgtd[low];
            }
            b[low] = t;
            bf[low] = f_new;
            bg[low] = g_new.clone();
            bgtd[low] = gtd_new;
        }
    }
    let [g0, g1] = bg;
    LineSearchResult {
        t: b[low],
        f: bf[low],
        g: if low == 0 { g0 } else { g1 },
        evals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cubic_interpolation_recovers_a_cubics_minimizer() {
        // φ(t) = t³ − 3t, φ' = 3t² − 3: local minimizer t = 1. Through t = 0 (φ 0, φ' −3) and
        // t = 2 (φ 2, φ' 9): d1 = −3 + 9 − 3·(0 − 2)/(0 − 2) = 3, d2 = √(9 + 27) = 6,
        // t = 2 − 2·(9 + 6 − 3)/(9 + 3 + 12) = 1.
        assert_eq!(cubic_interpolate(0.0, 0.0, -3.0, 2.0, 2.0, 9.0, None), 1.0);
        // Clamped to the bounds, and the midpoint when the cubic has no minimum.
        assert_eq!(
            cubic_interpolate(0.0, 0.0, -3.0, 2.0, 2.0, 9.0, Some((1.5, 3.0))),
            1.5
        );
        // (0, 0, −1) and (1, −0.5, −1): d1 = −2 − 3·0.5/(−1) = −0.5, d1² − g1·g2 = −0.75 < 0.
        assert_eq!(
            cubic_interpolate(0.0, 0.0, -1.0, 1.0, -0.5, -1.0, None),
            0.5
        );
    }

    #[test]
    fn strong_wolfe_result_satisfies_the_conditions() {
        // φ(t) = f(x₀ + t·d) for f = (x² + y − 11)² + (x + y² − 7)² from (−0.3, −1.5) along −∇f,
        // starting at t = 1, far too long: the search must bracket and zoom.
        let f = |p: [f64; 2]| {
            let a = p[0] * p[0] + p[1] - 11.0;
            let b = p[0] + p[1] * p[1] - 7.0;
            (
                a * a + b * b,
                vec![4.0 * p[0] * a + 2.0 * b, 2.0 * a + 4.0 * p[1] * b],
            )
        };
        let x0 = [-0.3, -1.5];
        let (f0, g0) = f(x0);
        let d = [-g0[0], -g0[1]];
        let gtd = dot(&g0, &d);
        let at = |t: f64| [x0[0] + t * d[0], x0[1] + t * d[1]];
        let mut obj = |t: f64| f(at(t));
        let r = strong_wolfe(&mut obj, 1.0, &d, f0, &g0, gtd);
        let (ft, gt) = f(at(r.t));
        assert_eq!((r.f, r.g.clone()), (ft, gt.clone()));
        assert!(r.t > 0.0 && r.t < 1.0, "{}", r.t);
        assert!(ft <= f0 + C1 * r.t * gtd, "Armijo");
        assert!(dot(&gt, &d).abs() <= -C2 * gtd, "curvature");
        assert!(r.evals >= 2);
    }
}
