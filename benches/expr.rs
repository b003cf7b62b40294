//! A full 200×60 field (values, gradients, Hessians) of Himmelblau's function: written as an
//! expression versus built in. Both go through `dyn Surface`, point by point (`field_*`) and
//! through the batch methods `Surface::values`/`gradients` (`batch_field_*`).
//!
//!     cargo bench --bench expr
//!
//! Medians on the shared 2-core Xeon (2026-11-25), built-in → expression:
//! batch values 6.3 → 14.0 µs (2.2×), batch gradients 9.6 → 39.6 µs (4.1×);
//! point by point: values 16.3 → 124 µs, gradients 21.5 → 331 µs, Hessians 82 → 489 µs.
//! The map's field as the visualizer builds it (`map_field_200x60`: 400×240 dots, colours,
//! contours): 9.16 → 9.18 ms, 1.0× — evaluation is a small part of it.

use losscape::surface::{Expression, ExpressionSurface, Point, SharedSurface, builtin};
use std::sync::Arc;

const W: usize = 200;
const H: usize = 60;

fn main() {
    divan::main();
}

fn himmelblau_expression() -> SharedSurface {
    let e = Expression::parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2").expect("valid expression");
    Arc::new(ExpressionSurface::new("himmelblau (expression)", e))
}

fn grid() -> Vec<Point> {
    let mut pts = Vec::with_capacity(W * H);
    for r in 0..H {
        for c in 0..W {
            let x = -5.0 + 10.0 * c as f64 / (W - 1) as f64;
            let y = -5.0 + 10.0 * r as f64 / (H - 1) as f64;
            pts.push(Point::new(x, y));
        }
    }
    pts
}

fn surface(kind: &str) -> SharedSurface {
    match kind {
        "builtin" => builtin("himmelblau").expect("built-in"),
        _ => himmelblau_expression(),
    }
}

#[divan::bench(args = ["builtin", "expression"])]
fn field_values(bencher: divan::Bencher, kind: &str) {
    let s = surface(kind);
    let pts = grid();
    let mut out = vec![0.0; W * H];
    bencher.bench_local(|| {
        for (o, p) in out.iter_mut().zip(&pts) {
            *o = s.value(divan::black_box(*p));
        }
        divan::black_box(&out);
    });
}

#[divan::bench(args = ["builtin", "expression"])]
fn field_gradients(bencher: divan::Bencher, kind: &str) {
    let s = surface(kind);
    let pts = grid();
    let mut out = vec![nalgebra::Vector2::zeros(); W * H];
    bencher.bench_local(|| {
        for (o, p) in out.iter_mut().zip(&pts) {
            *o = s.gradient(divan::black_box(*p));
        }
        divan::black_box(&out);
    });
}

/// The same fields through the batch methods (`Surface::values`/`gradients`): the built-in
/// uses the default point-by-point loop, the expression its block evaluation.
#[divan::bench(args = ["builtin", "expression"])]
fn batch_field_values(bencher: divan::Bencher, kind: &str) {
    let s = surface(kind);
    let pts = grid();
    let mut out = vec![0.0; W * H];
    bencher.bench_local(|| {
        s.values(divan::black_box(&pts), &mut out);
        divan::black_box(&out);
    });
}

#[divan::bench(args = ["builtin", "expression"])]
fn batch_field_gradients(bencher: divan::Bencher, kind: &str) {
    let s = surface(kind);
    let pts = grid();
    let mut out = vec![nalgebra::Vector2::zeros(); W * H];
    bencher.bench_local(|| {
        s.gradients(divan::black_box(&pts), &mut out);
        divan::black_box(&out);
    });
}

#[divan::bench(args = ["builtin", "expression"])]
fn field_hessians(bencher: divan::Bencher, kind: &str) {
    let s = surface(kind);
    let pts = grid();
    let mut out = vec![nalgebra::Matrix2::zeros(); W * H];
    bencher.bench_local(|| {
        for (o, p) in out.iter_mut().zip(&pts) {
            *o = s.hessian(divan::black_box(*p));
        }
        divan::black_box(&out);
    });
}

/// The map's whole field as the visualizer computes it (every braille dot of a 200×60 view:
/// 400×240 values, cell colours, contours), built-in versus expression.
#[divan::bench(args = ["builtin", "expression"])]
fn map_field_200x60(bencher: divan::Bencher, kind: &str) {
    use losscape::render::{Field, FieldKey, ScaleMode, Viewport};
    use losscape::surface::Region;
    let s = surface(kind);
    let key = FieldKey {
        surface: s.name().to_string(),
        viewport: Viewport::fit(Region::new(-5.0, 5.0, -5.0, 5.0), W as u16, H as u16),
        mode: ScaleMode::Auto,
        contour_count: 12,
    };
    bencher.bench_local(|| divan::black_box(Field::compute(s.as_ref(), key.clone())));
}
