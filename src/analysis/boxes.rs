//! Branch and bound over boxes of the region: a box whose interval gradient excludes 0 holds
//! no critical point (tested first with the cheap gradient-only enclosure, then along the
//! Hessian's eigenvectors); a box the Krawczyk test, contracting it, proves to hold exactly one
//! gives a certified point; a box on a curve of critical points starts a trace; the rest are
//! quartered, breadth first, until the budget of boxes or the depth limit is reached.

use super::certify::{contract, polish, refine};
use super::curve::{Tracer, rank_one};
use super::findings::Curve;
use super::grid::Frame;
use super::krawczyk::{IBox, Linear, Verdict, basis_at, gradient_at};
use crate::surface::scalar::Interval;
use crate::surface::{Point, Region, Surface};
use rayon::prelude::*;
use std::collections::HashMap;

/// Knobs of the certified search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    /// Boxes examined at most; what is left is reported as unresolved.
    pub max_boxes: usize,
    /// Quarterings at most (a box is then the region / 2^depth): undecided boxes this small
    /// are tried with Newton's method (degenerate points, kinks).
    pub max_depth: u32,
    /// From this depth on, an undecided box is checked for a curve of critical points.
    pub curve_depth: u32,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            max_boxes: 150_000,
            max_depth: 40,
            curve_depth: 7,
        }
    }
}

/// A box of the region's dyadic grid at `depth`: [i, i + 1] × [j, j + 1] in units of
/// region / 2^depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Cell {
    pub i: u64,
    pub j: u64,
    pub depth: u32,
}

impl Cell {
    fn children(self) -> [Cell; 4] {
        let (i, j, depth) = (2 * self.i, 2 * self.j, self.depth + 1);
        [(0, 0), (1, 0), (0, 1), (1, 1)].map(|(a, b)| Cell {
            i: i + a,
            j: j + b,
            depth,
        })
    }
}

/// The edges of cell k of n along [a, b]: exact at the region's own edges, and shared
/// exactly by neighbours (the fraction k/2^depth is exact in binary).
fn edge(a: f64, b: f64, k: u64, n: u64) -> f64 {
    if k == 0 {
        a
    } else if k == n {
        b
    } else {
        a + (b - a) * (k as f64 / n as f64)
    }
}

pub(super) fn cell_region(r: &Region, c: Cell) -> Region {
    let n = 1u64 << c.depth;
    Region::new(
        edge(r.x0, r.x1, c.i, n),
        edge(r.x0, r.x1, c.i + 1, n),
        edge(r.y0, r.y1, c.j, n),
        edge(r.y0, r.y1, c.j + 1, n),
    )
}

fn ibox(r: Region) -> IBox {
    IBox {
        x: Interval::new(r.x0, r.x1),
        y: Interval::new(r.y0, r.y1),
    }
}

/// The box grown by 1/64 of its size on each side, so a zero on a shared edge is inside
/// some box's interior (Krawczyk proves only interior zeros). Any margin does; a thin one
/// keeps the enclosures tight (1/16 examined a quarter more boxes on goldstein-price).
fn inflate(r: Region) -> Region {
    let (dx, dy) = (r.width() / 64.0, r.height() / 64.0);
    Region::new(r.x0 - dx, r.x1 + dx, r.y0 - dy, r.y1 + dy)
}

/// What the boxes said.
#[derive(Default)]
pub(super) struct Outcome {
    /// Proved zeros: the point and its proof box.
    pub certified: Vec<(Point, IBox)>,
    pub curves: Vec<Curve>,
    /// Undecided boxes at the depth limit.
    pub leftovers: Vec<Cell>,
    /// Boxes not examined within the budget.
    pub unresolved: Vec<Cell>,
    /// Boxes examined.
    pub examined: usize,
}

/// Curve samples hashed by the cell of the curve-detection depth they fall in, so a box can
/// ask quickly whether a traced curve passes through it.
struct Tube {
    depth: u32,
    /// Half-width of the tube around the samples, in region units.
    radius: f64,
    cells: HashMap<(i64, i64), Vec<Point>>,
}

impl Tube {
    fn key(&self, frame: &Frame, p: Point) -> (i64, i64) {
        let n = (1u64 << self.depth) as f64;
        let (u, v) = frame.to_unit(p);
        ((u * n).floor() as i64, (v * n).floor() as i64)
    }
    fn add(&mut self, frame: &Frame, points: &[Point]) {
        for p in points {
            let k = self.key(frame, *p);
            self.cells.entry(k).or_default().push(*p);
        }
    }
    /// Whether a traced curve passes within the tube radius of box `r`.
    fn covers(&self, frame: &Frame, r: &Region) -> bool {
        if self.cells.is_empty() {
            return false;
        }
        let (gx, gy) = (self.radius * frame.w, self.radius * frame.h);
        let grown = Region::new(r.x0 - gx, r.x1 + gx, r.y0 - gy, r.y1 + gy);
        let lo = self.key(frame, Point::new(grown.x0, grown.y0));
        let hi = self.key(frame, Point::new(grown.x1, grown.y1));
        if (hi.0 - lo.0 + 1) * (hi.1 - lo.1 + 1) > 64 {
            return false;
        }
        (lo.0..=hi.0)
            .flat_map(|i| (lo.1..=hi.1).map(move |j| (i, j)))
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .any(|p| grown.contains(p.x, p.y))
    }
}

/// What one box's interval tests said (computed in parallel: no shared state).
enum Examined {
    /// No critical point in the box (or f undefined throughout).
    Empty,
    /// Exactly one zero in the (inflated) box `.1`, and it lies in `.0` (not refined yet).
    Certified(IBox, IBox),
    /// Undecided: to be checked for a curve (unless the Hessian is provably nonsingular
    /// throughout, which no curve of critical points allows), then quartered; the quarters
    /// inherit the box's linearization, if it has one.
    Undecided {
        may_be_singular: bool,
        lin: Option<Linear>,
    },
}

/// The interval tests on one box: first exclusion by the linearization inherited from its
/// parent (the mean-value form about the parent's middle, free; then about the box's own
/// middle, for the price of ∇f there, which the Krawczyk test needs anyway), or, for a box
/// without one, by the cheap first-order enclosure; then by the gradient along the Hessian's
/// eigenvectors; then Krawczyk, contracting.
fn examine(surface: &dyn Surface, frame: &Frame, c: Cell, parent: Option<&Linear>) -> Examined {
    let r = cell_region(&frame.region, c);
    let b = ibox(inflate(r));
    let m = b.mid();
    let parent = parent.filter(|p| p.covers(&b));
    let gm = match parent {
        Some(p) => {
            if p.excludes(&b) {
                return Examined::Empty;
            }
            // About the box's own middle the form is tighter. (A Krawczyk step with the
            // parent's J almost never proves a quarter: its J is too wide.)
            let gm = gradient_at(surface, m);
            if gm
                .and_then(|gm| p.about(m, gm))
                .is_some_and(|here| here.excludes(&b))
            {
                return Examined::Empty;
            }
            gm
        }
        None => {
            let Some(g) = surface.enclose_gradient(b.x, b.y) else {
                return Examined::Empty;
            };
            if excludes_zero(g.v, g.g) {
                return Examined::Empty; // undefined throughout, or no zero of the gradient
            }
            gradient_at(surface, m)
        }
    };
    let basis = basis_at(surface, m);
    let Some(e) = surface.enclose_along(b.x, b.y, &basis) else {
        return Examined::Empty;
    };
    if excludes_zero(e.v, e.g) {
        return Examined::Empty;
    }
    let partial = e.v.partial || e.g.iter().chain(&e.h).any(|v| v.partial);
    if partial {
        return Examined::Undecided {
            may_be_singular: true,
            lin: None,
        };
    }
    // Pᵀ∇²f P is singular exactly where ∇²f is.
    let det = e.h[0] * e.h[2] - e.h[1].sqr();
    let may_be_singular = det.is_empty() || det.contains(0.0) || !det.is_finite();
    let Some(lin) = gm.and_then(|gm| Linear::new(basis, &b, e.h, m, gm)) else {
        return Examined::Undecided {
            may_be_singular,
            lin: None,
        };
    };
    match contract(surface, &b, &lin) {
        Verdict::Unique(k) => Examined::Certified(k, b),
        Verdict::NoZero => Examined::Empty,
        Verdict::Unknown | Verdict::Within(_) => Examined::Undecided {
            may_be_singular,
            lin: Some(lin),
        },
    }
}

/// f undefined throughout, or a component of the gradient (in any basis) without 0.
fn excludes_zero(v: Interval, g: [Interval; 2]) -> bool {
    v.is_empty() || !g[0].contains(0.0) || !g[1].contains(0.0)
}

/// Breadth first, one depth at a time: the interval tests of a level run in parallel (they
/// are independent and are nearly all the cost), curve detection and quartering follow in
/// order, so the result does not depend on the number of threads.
pub(super) fn branch_and_bound(
    surface: &dyn Surface,
    frame: &Frame,
    opts: &SearchOptions,
    tracer: &Tracer,
) -> Outcome {
    let mut out = Outcome::default();
    let mut tube = Tube {
        depth: opts.curve_depth,
        radius: 1.5 * tracer.step,
        cells: HashMap::new(),
    };
    // Each box with the index of its parent's linearization in `lins` (the last level's).
    let mut level: Vec<(Cell, Option<usize>)> = vec![(
        Cell {
            i: 0,
            j: 0,
            depth: 0,
        },
        None,
    )];
    let mut lins: Vec<Linear> = Vec::new();
    let mut proved = Vec::new();
    while !level.is_empty() {
        let room = opts.max_boxes.saturating_sub(out.examined);
        if level.len() > room {
            out.unresolved.extend(level.drain(room..).map(|(c, _)| c));
        }
        if level.is_empty() {
            break;
        }
        out.examined += level.len();
        let run = |&(c, p): &(Cell, Option<usize>)| examine(surface, frame, c, p.map(|k| &lins[k]));
        let verdicts: Vec<Examined> = if level.len() >= PARALLEL_LEVEL {
            level.par_iter().map(run).collect()
        } else {
            level.iter().map(run).collect()
        };
        let search = (surface, frame, opts, tracer);
        (level, lins) = next_level(search, &level, verdicts, &mut tube, &mut out, &mut proved);
    }
    out.certified = distinct(proved)
        .into_par_iter()
        .map(|k| {
            let k = refine(surface, k);
            (polish(surface, &k), k)
        })
        .collect();
    out
}

/// What one level's verdicts leave: proved boxes join `proved`; an undecided box not on a
/// traced curve is quartered into the next level (its children get its linearization, an index
/// into the next level's list) or, at the depth limit, left over.
fn next_level(
    search: (&dyn Surface, &Frame, &SearchOptions, &Tracer),
    level: &[(Cell, Option<usize>)],
    verdicts: Vec<Examined>,
    tube: &mut Tube,
    out: &mut Outcome,
    proved: &mut Vec<(IBox, IBox)>,
) -> (Vec<(Cell, Option<usize>)>, Vec<Linear>) {
    let max_depth = search.2.max_depth;
    let mut next = Vec::new();
    let mut next_lins = Vec::new();
    for ((c, _), verdict) in level.iter().zip(verdicts) {
        let (may_be_singular, lin) = match verdict {
            Examined::Empty => continue,
            Examined::Certified(k, b) => {
                proved.push((k, b));
                continue;
            }
            Examined::Undecided {
                may_be_singular,
                lin,
            } => (may_be_singular, lin),
        };
        if on_traced_curve(search, tube, out, *c, may_be_singular) {
            continue;
        }
        if c.depth >= max_depth {
            out.leftovers.push(*c);
        } else {
            let parent = lin.map(|l| {
                next_lins.push(l);
                next_lins.len() - 1
            });
            next.extend(c.children().map(|k| (k, parent)));
        }
    }
    (next, next_lins)
}

/// The proved zeros without repeats (neighbouring boxes overlap, so one zero may be proved
/// from several): the zero in K₂ is the one of box B₁ when K₂ ⊂ B₁, since B₁ holds only one.
fn distinct(mut proved: Vec<(IBox, IBox)>) -> Vec<IBox> {
    proved.sort_by(|a, b| a.0.x.lo.total_cmp(&b.0.x.lo));
    let inside = |k: &IBox, b: &IBox| {
        b.x.lo <= k.x.lo && k.x.hi <= b.x.hi && b.y.lo <= k.y.lo && k.y.hi <= b.y.hi
    };
    let mut kept: Vec<(IBox, IBox)> = Vec::new();
    for (k, b) in proved {
        // Kept boxes are sorted by K's left edge: only those whose B reaches k can hold it.
        let same = kept
            .iter()
            .rev()
            .take_while(|(kk, _)| kk.x.lo >= k.x.lo - 2.0 * b.x.width().max(kk.x.width()))
            .any(|(kk, bb)| inside(&k, bb) || inside(kk, &b));
        if !same {
            kept.push((k, b));
        }
    }
    kept.into_iter().map(|(k, _)| k).collect()
}

/// Levels smaller than this are examined on one thread (rayon's overhead would dominate).
const PARALLEL_LEVEL: usize = 64;

/// Whether an undecided box lies on a curve of critical points (traced now if new), so it
/// needs no quartering.
fn on_traced_curve(
    (surface, frame, opts, tracer): (&dyn Surface, &Frame, &SearchOptions, &Tracer),
    tube: &mut Tube,
    out: &mut Outcome,
    c: Cell,
    may_be_singular: bool,
) -> bool {
    if c.depth < opts.curve_depth {
        return false;
    }
    let r = cell_region(&frame.region, c);
    if tube.covers(frame, &r) {
        return true;
    }
    let gap = c.depth - opts.curve_depth;
    if may_be_singular
        && gap.is_multiple_of(6)
        && let Some(curve) = find_curve(surface, tracer, &r, tube, frame)
    {
        tube.add(frame, &curve.points);
        out.curves.push(curve);
        return tube.covers(frame, &r);
    }
    false
}

/// A curve of critical points through or near box `r`, not yet traced.
fn find_curve(
    surface: &dyn Surface,
    tracer: &Tracer,
    r: &Region,
    tube: &Tube,
    frame: &Frame,
) -> Option<Curve> {
    let centre = Point::new(0.5 * (r.x0 + r.x1), 0.5 * (r.y0 + r.y1));
    let p = tracer.project_normal(centre)?;
    rank_one(surface.hessian(p))?;
    let at = Region::new(p.x, p.x, p.y, p.y);
    if tube.covers(frame, &at) {
        return None;
    }
    tracer.trace(p)
}
