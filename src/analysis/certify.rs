//! Driving the Krawczyk test (`krawczyk.rs`) to a proof and sharpening it: contracting a box
//! onto the part that may hold its zeros, refining a proof box to a few ulps, and what a
//! proof box yields — its point (Newton's, polished inside it) and the kind of that point.

use super::critical::CriticalKind;
use super::krawczyk::{IBox, Linear, Verdict, basis_at, krawczyk};
use crate::surface::scalar::Interval;
use crate::surface::{Point, Surface};

/// Krawczyk steps on the shrinking part of `b` that may hold its zeros: every zero of X lies
/// in X ∩ K(X), so while that is much smaller it is tested instead (`lin` is about the middle
/// of `b`, over `b`). `Unique(k)`: `b` holds exactly one zero, and it lies in k; `NoZero`:
/// none in `b`.
pub(super) fn contract(surface: &dyn Surface, b: &IBox, lin: &Linear) -> Verdict {
    let mut x = *b;
    let mut verdict = lin.step(&x);
    for _ in 1..CONTRACTIONS {
        let Verdict::Within(k) = verdict else {
            return verdict;
        };
        if area(&k) > CONTRACTED * area(&x) {
            return verdict;
        }
        x = k;
        let basis = basis_at(surface, x.mid());
        let Some(e) = surface.enclose_along(x.x, x.y, &basis) else {
            return Verdict::Unknown;
        };
        if e.v.is_empty() || !e.g[0].contains(0.0) || !e.g[1].contains(0.0) {
            return Verdict::NoZero;
        }
        if e.v.partial || e.g.iter().chain(&e.h).any(|v| v.partial) {
            return Verdict::Unknown;
        }
        verdict = krawczyk(surface, &x, &basis, e.h);
    }
    verdict
}

/// Krawczyk steps at most, in `contract`; a step counts when the part left is at most this
/// fraction of the last one's area.
const CONTRACTIONS: usize = 5;
const CONTRACTED: f64 = 0.75;

fn area(b: &IBox) -> f64 {
    b.x.width() * b.y.width()
}

/// Shrinks a box proved to hold one zero to a few ulps. First a small box around Newton's
/// point in it is proved (it holds a zero, so it holds the one) and shrunk: two or three
/// Krawczyk steps in all. Failing that, the test is repeated on the box itself while it
/// shrinks by a tenth or more (it converges quadratically, so five or six steps reach a few
/// ulps; past that it would crawl by an ulp a step; X ∩ K(X) holds the zero even where K(X) is
/// not inside X), and where it stalls on a wide box (the Hessian varies too much over it),
/// larger boxes around Newton's point are tried.
pub(super) fn refine(surface: &dyn Surface, k: IBox) -> IBox {
    let floor = Floor {
        x: f64::EPSILON * k.x.width(),
        y: f64::EPSILON * k.y.width(),
    };
    if let Some(small) = near_newton(surface, &k, &[1e-9]) {
        return shrink(surface, small, floor);
    }
    let k = shrink(surface, k, floor);
    if floor.tight(&k) {
        return k;
    }
    near_newton(surface, &k, &[1e-9, 1e-6, 1e-3]).map_or(k, |small| shrink(surface, small, floor))
}

/// A box counts as converged when each side is within a few ulps of its coordinates, or of
/// this floor (an ulp of the search box's size), for a coordinate at or near 0, whose own
/// ulps vanish: there the widened products would otherwise shrink it by the same factor
/// step after step.
#[derive(Clone, Copy)]
struct Floor {
    x: f64,
    y: f64,
}

impl Floor {
    fn tight(&self, k: &IBox) -> bool {
        let tight = |v: Interval, floor: f64| v.width() <= 16.0 * f64::EPSILON * v.mag().max(floor);
        tight(k.x, self.x) && tight(k.y, self.y)
    }
}

/// A box around Newton's point in `k` (which holds one zero), of `scale` times k's size for
/// the first scale that the Krawczyk test proves.
fn near_newton(surface: &dyn Surface, k: &IBox, scales: &[f64]) -> Option<IBox> {
    let p = polish(surface, k);
    for scale in scales {
        let (rx, ry) = (scale * k.x.width(), scale * k.y.width());
        let small = IBox {
            x: Interval::new(p.x - rx, p.x + rx).intersect(k.x),
            y: Interval::new(p.y - ry, p.y + ry).intersect(k.y),
        };
        if small.x.is_empty() || small.y.is_empty() {
            return None;
        }
        let basis = basis_at(surface, small.mid());
        let e = surface.enclose_along(small.x, small.y, &basis)?;
        if let Verdict::Unique(next) = krawczyk(surface, &small, &basis, e.h) {
            return Some(next);
        }
    }
    None
}

/// Krawczyk steps on a box known to hold one zero, while they shrink it by a tenth or more.
fn shrink(surface: &dyn Surface, mut k: IBox, floor: Floor) -> IBox {
    for _ in 0..24 {
        if floor.tight(&k) {
            break;
        }
        let basis = basis_at(surface, k.mid());
        let Some(e) = surface.enclose_along(k.x, k.y, &basis) else {
            break;
        };
        let size = k.x.width() + k.y.width();
        match krawczyk(surface, &k, &basis, e.h) {
            Verdict::Unique(next) | Verdict::Within(next)
                if next.x.width() + next.y.width() < size =>
            {
                k = next;
                if next.x.width() + next.y.width() > 0.9 * size {
                    break;
                }
            }
            _ => break,
        }
    }
    k
}

/// The point of a proof box: Newton's method from its middle, kept if it stays inside.
pub(super) fn polish(surface: &dyn Surface, k: &IBox) -> Point {
    let mut p = k.mid();
    for _ in 0..4 {
        let Some(s) = surface.hessian(p).lu().solve(&(-surface.gradient(p))) else {
            break;
        };
        let q = p + s;
        if !k.contains(q) || q == p {
            break;
        }
        p = q;
    }
    p
}

/// The kind of a critical point whose Hessian over a box is enclosed by `h`: decided only
/// when the sign of the determinant (and of ∂xx) is the same over the whole box.
pub(super) fn interval_kind(h: [Interval; 3]) -> CriticalKind {
    if h.iter().any(|v| v.is_empty() || !v.is_finite()) {
        return CriticalKind::Degenerate;
    }
    let det = h[0] * h[2] - h[1].sqr();
    if det.lo > 0.0 && h[0].lo > 0.0 {
        CriticalKind::Minimum
    } else if det.lo > 0.0 && h[0].hi < 0.0 {
        CriticalKind::Maximum
    } else if det.hi < 0.0 {
        CriticalKind::Saddle
    } else {
        CriticalKind::Degenerate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::krawczyk::gradient_at;
    use crate::analysis::krawczyk::tests::square;
    use crate::surface::builtin;

    fn verdicts(s: &dyn Surface, b: &IBox) -> (Verdict, Verdict) {
        let basis = basis_at(s, b.mid());
        let e = s
            .enclose_along(b.x, b.y, &basis)
            .expect("an interval formula");
        let m = b.mid();
        let contracted = gradient_at(s, m)
            .and_then(|gm| Linear::new(basis, b, e.h, m, gm))
            .map_or(Verdict::Unknown, |lin| contract(s, b, &lin));
        (krawczyk(s, b, &basis, e.h), contracted)
    }

    /// Goldstein–Price's global minimum (0, −1) is exact in binary: every box around it that the
    /// contracted test proves holds it, some are proved only by contracting, none is excluded.
    #[test]
    fn contraction_proves_the_one_zero_a_single_step_cannot() {
        let s = builtin("goldstein-price").expect("a built-in");
        let zero = Point::new(0.0, -1.0);
        let mut only_by_contracting = 0;
        for k in 2..12 {
            let b = square(0.0, -1.0, 2f64.powi(-k), 0.3);
            let (single, contracted) = verdicts(s.as_ref(), &b);
            assert!(!matches!(contracted, Verdict::NoZero), "excluded at 2^-{k}");
            if let Verdict::Unique(p) = contracted {
                assert!(p.contains(zero) && b.contains(p.mid()), "2^-{k}: {p:?}");
                if !matches!(single, Verdict::Unique(_)) {
                    only_by_contracting += 1;
                }
            }
        }
        assert!(only_by_contracting > 0);
        // A box holding the global minimum and the local one near (−0.6, −0.4) is never
        // proved to hold one zero.
        let two = IBox {
            x: Interval::new(-0.8, 0.2),
            y: Interval::new(-1.2, -0.2),
        };
        assert!(!matches!(verdicts(s.as_ref(), &two).1, Verdict::Unique(_)));
    }
}
