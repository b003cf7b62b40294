//! The strong-Wolfe line search of torch.optim.LBFGS (`_strong_wolfe`, `_cubic_interpolate`,
//! themselves ported from torch7's lswolfe.lua / polyinterp.lua), kept step for step so that
//! trial points, brackets and counts match torch.
//!
//! Constants as torch calls it: c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, max_ls = 25.
//! (torch ≥ 2.x passes max_ls = max_eval − 1, and max_eval defaults to 1 for max_iter = 1, which
//! leaves no budget: we match `LBFGS(max_iter=1, max_eval=26)`, the useful reading.)

type V = Vec<f64>;

/// a·b summed in order (for two elements a₀b₀ + a₁b₁, as torch's CPU `dot`).
#[inline]
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
    t: f64,
    d: &[f64],
    f: f64,
    g: &[f64],
    gtd: f64,
) -> LineSearchResult {
    let mut search = Search {
        obj,
        d,
        f,
        gtd,
        evals: 0,
        ls_iter: 0,
    };
    let origin = || Trial {
        t: 0.0,
        f,
        g: g.to_vec(),
        gtd,
    };
    let found = match search.bracket(origin(), t) {
        Bracketing::Satisfied(trial) => trial,
        Bracketing::Bracket(ends) => search.zoom(ends),
        Bracketing::Exhausted(last) => search.zoom([origin(), last]),
    };
    LineSearchResult {
        t: found.t,
        f: found.f,
        g: found.g,
        evals: search.evals,
    }
}

/// One trial step: t, f and ∇f at x + t·d, and the directional derivative ∇f·d.
#[derive(Clone)]
struct Trial {
    t: f64,
    f: f64,
    g: V,
    gtd: f64,
}

/// How the bracketing phase ended.
enum Bracketing {
    /// A trial met the strong Wolfe conditions: no zoom needed.
    Satisfied(Trial),
    /// The previous and the last trial bracket a point that meets them.
    Bracket([Trial; 2]),
    /// The budget ran out while extrapolating: zoom between the start and the last trial.
    Exhausted(Trial),
}

/// The search's fixed data (start f and g·d, the direction) and its evaluation counts.
struct Search<'a, F> {
    obj: &'a mut F,
    d: &'a [f64],
    f: f64,
    gtd: f64,
    evals: usize,
    /// torch's `ls_iter`: evaluations after the first.
    ls_iter: usize,
}

impl<F: FnMut(f64) -> (f64, V)> Search<'_, F> {
    fn eval(&mut self, t: f64) -> Trial {
        let (f, g) = (self.obj)(t);
        self.evals += 1;
        let gtd = dot(&g, self.d);
        Trial { t, f, g, gtd }
    }

    /// The sufficient-decrease (Armijo) condition fails at `trial`.
    fn too_high(&self, trial: &Trial) -> bool {
        trial.f > self.f + C1 * trial.t * self.gtd
    }

    /// The strong curvature condition holds at `trial`.
    fn flat_enough(&self, trial: &Trial) -> bool {
        trial.gtd.abs() <= -C2 * self.gtd
    }

    /// Extrapolates from step `t` until a trial satisfies the conditions or two trials
    /// bracket one.
    fn bracket(&mut self, origin: Trial, t: f64) -> Bracketing {
        let mut prev = origin;
        let mut new = self.eval(t);
        while self.ls_iter < MAX_LS {
            if self.too_high(&new) || (self.ls_iter > 1 && new.f >= prev.f) {
                return Bracketing::Bracket([prev, new]);
            } else if self.flat_enough(&new) {
                return Bracketing::Satisfied(new);
            } else if new.gtd >= 0.0 {
                return Bracketing::Bracket([prev, new]);
            }
            // Extrapolate by cubic interpolation within [t + 0.01(t − t_prev), 10t].
            let min_step = new.t + 0.01 * (new.t - prev.t);
            let max_step = new.t * 10.0;
            let t = cubic_interpolate(
                prev.t,
                prev.f,
                prev.gtd,
                new.t,
                new.f,
                new.gtd,
                Some((min_step, max_step)),
            );
            prev = new;
            new = self.eval(t);
            self.ls_iter += 1;
        }
        Bracketing::Exhausted(new)
    }

    /// Shrinks the bracket until a point satisfies the strong Wolfe conditions; returns the
    /// end with the lower f.
    fn zoom(&mut self, mut ends: [Trial; 2]) -> Trial {
        let mut insuf_progress = false;
        let order = |e: &[Trial; 2]| if e[0].f <= e[1].f { (0, 1) } else { (1, 0) };
        let (mut low, mut high) = order(&ends);
        let d_norm = self.d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let mut done = false;
        while !done && self.ls_iter < MAX_LS {
            if (ends[1].t - ends[0].t).abs() * d_norm < TOLERANCE_CHANGE {
                break;
            }
            let t = zoom_point(&ends, &mut insuf_progress);
            let new = self.eval(t);
            self.ls_iter += 1;
            if self.too_high(&new) || new.f >= ends[low].f {
                ends[high] = new;
                (low, high) = order(&ends);
            } else {
                if self.flat_enough(&new) {
                    done = true;
                } else if new.gtd * (ends[high].t - ends[low].t) >= 0.0 {
                    ends[high] = ends[low].clone();
                }
                ends[low] = new;
            }
        }
        let [e0, e1] = ends;
        if low == 0 { e0 } else { e1 }
    }
}

/// The next zoom trial: the cubic's minimizer over the bracket, moved 10% of the bracket
/// inside when it falls too close to an end (unless the previous trial was not).
fn zoom_point(ends: &[Trial; 2], insuf_progress: &mut bool) -> f64 {
    let [a, b] = ends;
    let mut t = cubic_interpolate(a.t, a.f, a.gtd, b.t, b.f, b.gtd, None);
    let (bmin, bmax) = (a.t.min(b.t), a.t.max(b.t));
    let eps = 0.1 * (bmax - bmin);
    if (bmax - t).min(t - bmin) < eps {
        if *insuf_progress || t >= bmax || t <= bmin {
            t = if (t - bmax).abs() < (t - bmin).abs() {
                bmax - eps
            } else {
                bmin + eps
            };
            *insuf_progress = false;
        } else {
            *insuf_progress = true;
        }
    } else {
        *insuf_progress = false;
    }
    t
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
