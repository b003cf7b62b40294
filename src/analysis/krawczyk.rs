//! The Krawczyk test (an interval Newton method) on ∇f = 0 over a box: it proves that the box
//! holds exactly one critical point, or none, or says it cannot tell.
//!
//! With m the box's midpoint, Y ≈ (mid ∇²f)⁻¹ and J the interval Hessian over the box X,
//! K(X) = m − Y·∇f(m) + (I − Y·J)(X − m). Every zero of ∇f in X lies in K(X); if K(X) lies in
//! the interior of X there is exactly one (Krawczyk 1969; Moore, Kearfott & Cloud,
//! *Introduction to Interval Analysis*, §8.2). Everything is computed in outward-rounded
//! interval arithmetic, so the proof holds for the real function, not just its samples.
//!
//! This file is the test itself, one step of it; `certify.rs` drives it to a proof.

use crate::surface::scalar::{Basis, Interval};
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
    /// Undecided, but every zero of the box lies in this part of it (X ∩ K(X)).
    Within(IBox),
}

/// The basis the box's derivatives are best taken along: the eigenvectors of ∇²f at `m` when
/// it is far from isotropic (a narrow valley, whose steep walls would otherwise swamp the gentle
/// slope along it in every interval entry), else the axes (a separable f, such as Ackley's or
/// Rastrigin's, is tightest in its own axes).
pub(super) fn basis_at(surface: &dyn Surface, m: Point) -> Basis {
    let h = surface.hessian(m);
    let (a, c, d) = (h[(0, 0)], h[(0, 1)], h[(1, 1)]);
    let r = (0.25 * (a - d) * (a - d) + c * c).sqrt();
    let (l1, l2) = ((0.5 * (a + d) + r).abs(), (0.5 * (a + d) - r).abs());
    if !(l1.is_finite() && l2.is_finite()) || l1.max(l2) <= ANISOTROPY * l1.min(l2) {
        return Basis::AXES;
    }
    let (s, co) = (0.5 * (2.0 * c).atan2(a - d)).sin_cos();
    Basis {
        u: [co, s],
        v: [-s, co],
    }
}

/// The eigenvalue ratio past which `basis_at` turns to the eigenvectors.
const ANISOTROPY: f64 = 3.0;

/// A 2×2 interval matrix, rows first.
type IMat = [[Interval; 2]; 2];

/// F = Pᵀ∇f (P = `basis`; F has the zeros of ∇f) linearized about `m` over the box `over`:
/// F(x) ∈ f + J·(x − m) for every x in `over`, where f encloses F(m) and J encloses
/// F′ = Pᵀ∇²f over `over` (the mean-value theorem, row by row; `over` is convex). A box's
/// quarters inherit it: it excludes many of them, and proves some, before they pay for an
/// enclosure of their own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Linear {
    pub basis: Basis,
    pub over: IBox,
    pub m: Point,
    pub f: [Interval; 2],
    pub j: IMat,
}

impl Linear {
    /// About `m` (a point of `over`) given `gm`, ∇f(m) enclosed, and `h`, the enclosure of
    /// Pᵀ∇²f P over `over` (∂uu, ∂uv, ∂vv); F′ = Pᵀ∇²f = (Pᵀ∇²f P)·P⁻¹. `None` when an
    /// enclosure is not finite or P may be singular.
    pub fn new(
        basis: Basis,
        over: &IBox,
        h: [Interval; 3],
        m: Point,
        gm: [Interval; 2],
    ) -> Option<Self> {
        if h.iter()
            .any(|v| v.partial || !v.is_finite() || v.is_empty())
        {
            return None;
        }
        let pinv = basis.inverse()?;
        let hm = [[h[0], h[1]], [h[1], h[2]]];
        let j = [0, 1].map(|r| [0, 1].map(|c| hm[r][0] * pinv[0][c] + hm[r][1] * pinv[1][c]));
        let lin = Self {
            basis,
            over: *over,
            m,
            f: [Interval::ZERO; 2],
            j,
        };
        lin.about(m, gm)
    }

    /// The same J about another point `m` of `over`, given `gm`, ∇f(m) enclosed.
    pub fn about(self, m: Point, gm: [Interval; 2]) -> Option<Self> {
        let along = |d: [f64; 2]| gm[0] * d[0] + gm[1] * d[1];
        let f = [along(self.basis.u), along(self.basis.v)];
        if f.iter().any(|g| g.is_empty() || !g.is_finite()) {
            return None;
        }
        Some(Self { m, f, ..self })
    }

    /// Whether `over` holds `b` (so J encloses F′ over it).
    pub fn covers(&self, b: &IBox) -> bool {
        let o = &self.over;
        o.x.lo <= b.x.lo && b.x.hi <= o.x.hi && o.y.lo <= b.y.lo && b.y.hi <= o.y.hi
    }

    /// The mean-value form f + J·(B − m) excludes 0 in a component: no zero in `b` (a part of
    /// `over`). Far tighter than the plain enclosure on small boxes, where the plain one's
    /// overestimation dwarfs |∇f|.
    pub fn excludes(&self, b: &IBox) -> bool {
        let (dx, dy) = (b.x - self.m.x, b.y - self.m.y);
        let j = &self.j;
        let mv0 = self.f[0] + j[0][0] * dx + j[0][1] * dy;
        let mv1 = self.f[1] + j[1][0] * dx + j[1][1] * dy;
        !mv0.contains(0.0) || !mv1.contains(0.0)
    }

    /// One Krawczyk step over `b` (a part of `over` holding m), with Y ≈ (mid J)⁻¹.
    pub fn step(&self, b: &IBox) -> Verdict {
        if !b.contains(self.m) {
            return Verdict::Unknown;
        }
        if self.excludes(b) {
            return Verdict::NoZero;
        }
        let (m, [f0, f1], j) = (self.m, self.f, self.j);
        let [[a, bb], [c, d]] = j.map(|row| row.map(Interval::mid));
        let det = a * d - bb * c;
        if det == 0.0 || !det.is_finite() {
            return Verdict::Unknown;
        }
        let y = [[d / det, -bb / det], [-c / det, a / det]];
        if y.iter().flatten().any(|v| !v.is_finite()) {
            return Verdict::Unknown;
        }
        // Y·F(m) and I − Y·J.
        let yf = y.map(|row| f0 * row[0] + f1 * row[1]);
        let one = Interval::point(1.0);
        let eye = |r: usize, c: usize| if r == c { one } else { Interval::ZERO };
        let id_yj: IMat =
            [0, 1].map(|r| [0, 1].map(|c| eye(r, c) - (j[0][c] * y[r][0] + j[1][c] * y[r][1])));
        let (dx, dy) = (b.x - m.x, b.y - m.y);
        let k = IBox {
            x: Interval::point(m.x) - yf[0] + id_yj[0][0] * dx + id_yj[0][1] * dy,
            y: Interval::point(m.y) - yf[1] + id_yj[1][0] * dx + id_yj[1][1] * dy,
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
            Verdict::Within(IBox {
                x: k.x.intersect(b.x),
                y: k.y.intersect(b.y),
            })
        }
    }
}

/// One Krawczyk step over `b` on F = Pᵀ∇f, given `h`, the enclosure of Pᵀ∇²f P over `b`.
pub(super) fn krawczyk(
    surface: &dyn Surface,
    b: &IBox,
    basis: &Basis,
    h: [Interval; 3],
) -> Verdict {
    let m = b.mid();
    gradient_at(surface, m)
        .and_then(|gm| Linear::new(*basis, b, h, m, gm))
        .map_or(Verdict::Unknown, |lin| lin.step(b))
}

/// ∇f at the point `m`, enclosed; `None` where f is undefined there or it is not finite.
pub(super) fn gradient_at(surface: &dyn Surface, m: Point) -> Option<[Interval; 2]> {
    let g = surface.enclose_gradient(Interval::point(m.x), Interval::point(m.y))?;
    let finite = g.g.iter().all(|v| !v.is_empty() && v.is_finite());
    (!g.v.partial && finite).then_some(g.g)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::surface::{Expression, ExpressionSurface, builtin};
    use nalgebra::Vector2;

    pub(in crate::analysis) fn square(cx: f64, cy: f64, w: f64, off: f64) -> IBox {
        let (x0, y0) = (cx - off * w, cy - off * w);
        IBox {
            x: Interval::new(x0, x0 + w),
            y: Interval::new(y0, y0 + w),
        }
    }

    /// On Goldstein–Price's valley 2x − 3y = 0 far out, the steep walls swamp the gentle slope
    /// along it in both axis components; along the Hessian's eigenvectors it shows.
    #[test]
    fn the_eigenvector_basis_excludes_a_valley_box_the_axes_cannot() {
        let s = builtin("goldstein-price").expect("a built-in");
        let w = 20.0 / 256.0;
        let b = square(8.0, 16.0 / 3.0, w, 0.8);
        let axes = s.enclose(b.x, b.y).expect("an interval formula");
        assert!(axes.g[0].contains(0.0) && axes.g[1].contains(0.0));
        let basis = basis_at(s.as_ref(), b.mid());
        assert_ne!(basis, Basis::AXES);
        let along = s
            .enclose_along(b.x, b.y, &basis)
            .expect("an interval formula");
        assert!(!along.g[0].contains(0.0) || !along.g[1].contains(0.0));
    }

    /// The enclosure along a rotated basis holds Pᵀ∇f and Pᵀ∇²f P at points of the box, for a
    /// built-in and an expression.
    #[test]
    fn the_enclosure_along_a_basis_holds_the_rotated_derivatives() {
        let text = "sin(x)*exp(y) + (x - 2*y)^2 + abs(x*y)";
        let expr = ExpressionSurface::new(text, Expression::parse(text).expect("parses"));
        let gp = builtin("goldstein-price").expect("a built-in");
        let (c, s) = (0.3f64.cos(), 0.3f64.sin());
        let basis = Basis {
            u: [c, s],
            v: [-s, c],
        };
        let b = IBox {
            x: Interval::new(0.4, 0.7),
            y: Interval::new(-0.9, -0.5),
        };
        for f in [&expr as &dyn Surface, gp.as_ref()] {
            let e = f
                .enclose_along(b.x, b.y, &basis)
                .expect("an interval formula");
            for (px, py) in [(0.4, -0.9), (0.55, -0.7), (0.7, -0.5), (0.62, -0.81)] {
                let p = Point::new(px, py);
                let (g, h) = (f.gradient(p), f.hessian(p));
                let (u, v) = (Vector2::from(basis.u), Vector2::from(basis.v));
                let rotated = [u.dot(&g), v.dot(&g)];
                let hessian = [u.dot(&(h * u)), u.dot(&(h * v)), v.dot(&(h * v))];
                let holds = |e: &Interval, v: f64| {
                    let slack = 1e-12 * v.abs().max(1.0);
                    e.lo - slack <= v && v <= e.hi + slack
                };
                assert!(e.g.iter().zip(rotated).all(|(e, v)| holds(e, v)), "{p:?}");
                assert!(e.h.iter().zip(hessian).all(|(e, v)| holds(e, v)), "{p:?}");
            }
        }
    }
}
