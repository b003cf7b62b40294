//! The Krawczyk test (an interval Newton method) on ∇f = 0 over a box: it proves that the box
//! holds exactly one critical point, or none, or says it cannot tell.
//!
//! With m the box's midpoint, Y ≈ (mid ∇²f)⁻¹ and J the interval Hessian over the box X,
//! K(X) = m − Y·∇f(m) + (I − Y·J)(X − m). Every zero of ∇f in X lies in K(X); if K(X) lies in
//! the interior of X there is exactly one (Krawczyk 1969; Moore, Kearfott & Cloud,
//! *Introduction to Interval Analysis*, §8.2). Everything is computed in outward-rounded
//! interval arithmetic, so the proof holds for the real function, not just its samples.

use super::critical::CriticalKind;
use crate::surface::scalar::Interval;
use crate::surface::{Point, Surface};

/// An axis-aligned box as two intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct IBox {
    pub x: Interval,
    pub y: Interval,
}

impl IBox {
    pub fn mid(&self) -> Point {
        Point::new(self.x.mid(), self.y.mid())
    }
    pub fn contains(&self, p: Point) -> bool {
        self.x.contains(p.x) && self.y.contains(p.y)
    }
    /// Strictly inside (the Krawczyk uniqueness condition).
    fn holds_strictly(&self, k: &IBox) -> bool {
        k.x.lo > self.x.lo && k.x.hi < self.x.hi && k.y.lo > self.y.lo && k.y.hi < self.y.hi
    }
    pub fn half_widths(&self) -> (f64, f64) {
        (0.5 * self.x.width(), 0.5 * self.y.width())
    }
}

pub(super) enum Verdict {
    /// Exactly one zero, inside this (smaller) box.
    Unique(IBox),
    NoZero,
    Unknown,
}

/// One Krawczyk step over `b`, whose Hessian enclosure is `h` (∂xx, ∂xy, ∂yy).
pub(super) fn krawczyk(surface: &dyn Surface, b: &IBox, h: [Interval; 3]) -> Verdict {
    if h.iter()
        .any(|v| v.partial || !v.is_finite() || v.is_empty())
    {
        return Verdict::Unknown;
    }
    let m = b.mid();
    let Some(gm) = surface.enclose_gradient(Interval::point(m.x), Interval::point(m.y)) else {
        return Verdict::Unknown;
    };
    let [g0, g1] = gm.g;
    if gm.v.partial || [g0, g1].iter().any(|g| g.is_empty() || !g.is_finite()) {
        return Verdict::Unknown;
    }
    // The mean-value form ∇f(m) + J·(X − m) is far tighter than the plain enclosure on small
    // boxes (where the plain one's overestimation dwarfs |∇f|): exclude with it first.
    let (dx, dy) = (b.x - m.x, b.y - m.y);
    let mv0 = g0 + h[0] * dx + h[1] * dy;
    let mv1 = g1 + h[1] * dx + h[2] * dy;
    if !mv0.contains(0.0) || !mv1.contains(0.0) {
        return Verdict::NoZero;
    }
    let (a, c, d) = (h[0].mid(), h[1].mid(), h[2].mid());
    let det = a * d - c * c;
    if det == 0.0 || !det.is_finite() {
        return Verdict::Unknown;
    }
    let y = [[d / det, -c / det], [-c / det, a / det]];
    if y.iter().flatten().any(|v| !v.is_finite()) {
        return Verdict::Unknown;
    }
    // Y·∇f(m) and I − Y·J.
    let yg0 = g0 * y[0][0] + g1 * y[0][1];
    let yg1 = g0 * y[1][0] + g1 * y[1][1];
    let one = Interval::point(1.0);
    let m00 = one - (h[0] * y[0][0] + h[1] * y[0][1]);
    let m01 = -(h[1] * y[0][0] + h[2] * y[0][1]);
    let m10 = -(h[0] * y[1][0] + h[1] * y[1][1]);
    let m11 = one - (h[1] * y[1][0] + h[2] * y[1][1]);
    let k = IBox {
        x: Interval::point(m.x) - yg0 + m00 * dx + m01 * dy,
        y: Interval::point(m.y) - yg1 + m10 * dx + m11 * dy,
    };
    if !(k.x.is_finite() && k.y.is_finite()) {
        return Verdict::Unknown;
    }
    if b.holds_strictly(&k) {
        Verdict::Unique(IBox {
            x: k.x.intersect(b.x),
            y: k.y.intersect(b.y),
        })
    } else if k.x.intersect(b.x).is_empty() || k.y.intersect(b.y).is_empty() {
        Verdict::NoZero
    } else {
        Verdict::Unknown
    }
}

/// Shrinks a box proved to hold one zero by repeating the test on the result while it at
/// least halves (it converges quadratically, so a few steps reach a few ulps; past that it
/// would crawl by an ulp a step).
pub(super) fn refine(surface: &dyn Surface, mut k: IBox) -> IBox {
    for _ in 0..12 {
        let Some(e) = surface.enclose(k.x, k.y) else {
            break;
        };
        let size = k.x.width() + k.y.width();
        match krawczyk(surface, &k, e.h) {
            Verdict::Unique(next) if next.x.width() + next.y.width() < size => {
                k = next;
                if next.x.width() + next.y.width() > 0.5 * size {
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
