//! The 1-D slice: values against f, the second derivative along the line, runs near it.

use losscape::analysis::{
    Line, Slice, SliceDirection, classify, points_near, second_derivative, slice_line,
};
use losscape::surface::{Point, resolve};
use nalgebra::Vector2;

#[test]
fn slice_values_are_f_along_the_line() {
    let f = resolve("himmelblau").unwrap();
    let line = Line::new(Point::new(0.5, -1.0), Vector2::new(1.0, 2.0)).unwrap();
    let slice = Slice::sample(f.as_ref(), line, -2.0, 3.0, 11);
    assert_eq!(slice.ts.len(), 11);
    assert_eq!(slice.ts[0], -2.0);
    assert_eq!(slice.ts[10], 3.0);
    for (t, v) in slice.ts.iter().zip(&slice.values) {
        let p = Point::new(0.5, -1.0) + *t * Vector2::new(1.0, 2.0) / 5f64.sqrt();
        let (x, y) = (p.x, p.y);
        let exact = (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2);
        assert!(
            (v - exact).abs() <= 1e-12 * exact.max(1.0),
            "t {t}: {v} vs {exact}"
        );
    }
}

#[test]
fn at_a_saddle_the_eigenvector_slices_go_down_and_up() {
    // f = x² − y²: along v₁ = (0, 1) f = −t², along v₂ = (1, 0) f = t².
    let f = resolve("saddle").unwrap();
    let o = Point::zeros();
    let down = slice_line(f.as_ref(), o, SliceDirection::EigenMin, None).unwrap();
    let up = slice_line(f.as_ref(), o, SliceDirection::EigenMax, None).unwrap();
    let down = Slice::sample(f.as_ref(), down, -1.0, 1.0, 5);
    let up = Slice::sample(f.as_ref(), up, -1.0, 1.0, 5);
    assert_eq!(down.curvature, -2.0);
    assert_eq!(up.curvature, 2.0);
    assert_eq!(down.values, vec![-1.0, -0.25, 0.0, -0.25, -1.0]);
    assert_eq!(up.values, vec![1.0, 0.25, 0.0, 0.25, 1.0]);
}

#[test]
fn second_derivative_along_eigenvectors_is_the_eigenvalue() {
    let f = resolve("six-hump-camel").unwrap();
    let p = Point::new(0.3, -0.4);
    let info = classify(f.hessian(p));
    for (dir, lambda) in [
        (SliceDirection::EigenMin, info.eigenvalues[0]),
        (SliceDirection::EigenMax, info.eigenvalues[1]),
    ] {
        let line = slice_line(f.as_ref(), p, dir, None).unwrap();
        let d2 = second_derivative(f.as_ref(), &line, 0.0);
        assert!(
            (d2 - lambda).abs() < 1e-12 * lambda.abs().max(1.0),
            "{d2} vs {lambda}"
        );
    }
    // Along a diagonal of the bowl x² + y², φ(t) = t² whatever the direction: φ'' = 2.
    let bowl = resolve("bowl").unwrap();
    let line = Line::new(Point::new(1.0, 2.0), Vector2::new(1.0, -1.0)).unwrap();
    assert!((second_derivative(bowl.as_ref(), &line, 0.7) - 2.0).abs() < 1e-15);
}

#[test]
fn the_last_step_line_needs_a_step() {
    let f = resolve("bowl").unwrap();
    let o = Point::new(1.0, 1.0);
    assert_eq!(
        slice_line(f.as_ref(), o, SliceDirection::LastStep, None),
        None
    );
    let line = slice_line(
        f.as_ref(),
        o,
        SliceDirection::LastStep,
        Some(Vector2::new(-0.2, 0.0)),
    )
    .unwrap();
    assert_eq!(line.direction, Vector2::new(-1.0, 0.0));
    assert_eq!(
        SliceDirection::LastStep.next().next().next(),
        SliceDirection::LastStep
    );
}

#[test]
fn points_near_the_line_keep_their_run_step_and_value() {
    let f = resolve("bowl").unwrap();
    let line = Line::new(Point::zeros(), Vector2::new(1.0, 0.0)).unwrap();
    let a = vec![
        (0, Point::new(1.0, 0.01)),
        (1, Point::new(0.5, 0.3)),
        (2, Point::new(-4.0, 0.0)),
    ];
    let b = vec![(5, Point::new(-0.5, -0.02))];
    let near = points_near(
        f.as_ref(),
        &line,
        (-2.0, 2.0),
        0.05,
        [a.as_slice(), b.as_slice()],
    );
    assert_eq!(near.len(), 2);
    assert_eq!((near[0].run, near[0].step), (0, 0));
    assert!((near[0].t - 1.0).abs() < 1e-15 && (near[0].distance - 0.01).abs() < 1e-15);
    assert!((near[0].value - 1.0001).abs() < 1e-15);
    assert_eq!((near[1].run, near[1].step), (1, 5));
    assert!((near[1].t + 0.5).abs() < 1e-15);
}
