//! The two bridges to real models: logistic regression on one feature (its minimum is the
//! maximum-likelihood fit) and grid surfaces (a landscape sampled elsewhere, splined).

use losscape::analysis::{CriticalKind, SearchOptions, search};
use losscape::surface::{GridSurface, LogisticRegression, Point, Surface, file};
use std::path::Path;

fn load(path: &str) -> losscape::surface::SharedSurface {
    file::load(Path::new(path))
        .unwrap_or_else(|e| panic!("{e}"))
        .surface
}

/// numpy Newton iterations to machine precision (tools/model_reference.py).
const MLE_RAW: (f64, f64, f64) = (12.947507227653436, -21.125640080331095, 0.111402694341698);
const MLE_STD: (f64, f64) = (9.836125790558258, -5.597263078632083);

#[test]
fn logistic_minimum_is_the_newton_maximum_likelihood_fit() {
    let s = load("surfaces/iris_logistic.toml");
    let report = search(s.as_ref(), s.view(), &SearchOptions::default()).critical_points();
    assert_eq!(report.len(), 1, "convex: one critical point");
    let c = &report[0];
    assert_eq!(c.kind(), CriticalKind::Minimum);
    assert!(
        (c.point - Point::new(MLE_STD.0, MLE_STD.1)).norm() < 1e-8,
        "{}",
        c.point
    );
    assert!((c.value - MLE_RAW.2).abs() < 1e-14);
    // Raw petal widths: the same likelihood, other coordinates.
    let text = std::fs::read_to_string("surfaces/data/iris.csv").unwrap();
    let set = losscape::model::DataSet::from_csv(&text, &["petal_width"], "is_virginica").unwrap();
    let rows = (0..set.rows())
        .map(|r| (set.input(r)[0], set.target(r)))
        .collect();
    let raw = LogisticRegression::from_points("raw", rows, ("petal_width", "is_virginica"), false)
        .unwrap();
    let p = raw.maximum_likelihood().unwrap();
    assert!((p - Point::new(MLE_RAW.0, MLE_RAW.1)).norm() < 1e-9, "{p}");
    assert!((raw.value(p) - MLE_RAW.2).abs() < 1e-14);
}

#[test]
fn logistic_minibatch_gradient_and_fitted_sigmoid() {
    let s = load("surfaces/iris_logistic.toml");
    let data = s.data().unwrap();
    let p = Point::new(1.5, -0.5);
    let all: Vec<usize> = (0..data.rows()).collect();
    assert!((data.gradient_on(p, &all) - s.gradient(p)).norm() < 1e-15);
    // One row: (σ(z) − y)·(x, 1).
    let (x, y) = data.points()[120];
    let r = 1.0 / (1.0 + (-(1.5 * x - 0.5f64)).exp()) - y;
    assert!((data.gradient_on(p, &[120]) - nalgebra::Vector2::new(r * x, r)).norm() < 1e-15);
    assert!((data.predict(Point::new(2.0, 0.0), 0.0) - 0.5).abs() < 1e-15);
    // Separable labels: no finite minimum, and the note says so.
    let sep = LogisticRegression::from_points(
        "sep",
        vec![(0.0, 0.0), (1.0, 0.0), (2.0, 1.0), (3.0, 1.0)],
        ("x", "y"),
        false,
    )
    .unwrap();
    assert_eq!(sep.maximum_likelihood(), None);
    assert!(sep.note().unwrap().contains("separable"));
}

fn himmelblau(x: f64, y: f64) -> f64 {
    (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2)
}

/// The literature's nine critical points of Himmelblau's function (Himmelblau 1972).
const HIMMELBLAU: [(f64, f64, CriticalKind); 9] = [
    (3.0, 2.0, CriticalKind::Minimum),
    (-2.805118, 3.131312, CriticalKind::Minimum),
    (-3.779310, -3.283186, CriticalKind::Minimum),
    (3.584428, -1.848126, CriticalKind::Minimum),
    (-0.270845, -0.923039, CriticalKind::Maximum),
    (0.086678, 2.884255, CriticalKind::Saddle),
    (3.385154, 0.073852, CriticalKind::Saddle),
    (-3.073026, -0.081353, CriticalKind::Saddle),
    (-0.127961, -1.953715, CriticalKind::Saddle),
];

fn assert_himmelblau_points(s: &dyn Surface, tol: f64) {
    let report = search(s, s.view(), &SearchOptions::default()).critical_points();
    assert_eq!(
        report.len(),
        9,
        "{:?}",
        report.iter().map(|c| c.point).collect::<Vec<_>>()
    );
    for (x, y, kind) in HIMMELBLAU {
        let found = report
            .iter()
            .find(|c| (c.point - Point::new(x, y)).norm() < tol);
        let c = found.unwrap_or_else(|| panic!("no critical point near ({x}, {y})"));
        assert_eq!(c.kind(), kind, "at ({x}, {y})");
    }
}

#[test]
fn a_sampled_himmelblau_csv_grid_finds_its_nine_critical_points() {
    let s = load("surfaces/himmelblau_grid.toml");
    assert_himmelblau_points(s.as_ref(), 1e-3);
    // The spline passes through the samples (a grid node) and is close between them.
    assert!((s.value(Point::new(0.6, -6.0)) - 1153.0496).abs() < 1e-9);
    assert!((s.value(Point::new(1.23, 0.45)) - himmelblau(1.23, 0.45)).abs() < 0.05);
    assert!(
        s.value(Point::new(6.5, 0.0)).is_nan(),
        "undefined outside the grid"
    );
}

#[test]
fn an_npz_in_loss_landscape_layout_is_a_surface() {
    // 25 x by 21 y values, train_loss[iy][ix] (tools/model_reference.py).
    let dir = std::env::temp_dir().join(format!("losscape-model-npz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = std::fs::canonicalize("tests/data/model_himmelblau.npz").unwrap();
    let toml = format!(
        "name = \"npz\"\nkind = \"grid\"\ndata = \"{}\"\n",
        data.display()
    );
    let s = file::parse_str("npz.toml", &toml, &dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .surface;
    assert_eq!(s.view().x1, 6.0);
    // Uneven spacing in x and y (0.5 and 0.6): a node is still exact.
    assert!(
        (s.value(Point::new(-6.0 + 0.5 * 7.0, -6.0 + 0.6 * 4.0)) - himmelblau(-2.5, -3.6)).abs()
            < 1e-9
    );
    assert_himmelblau_points(s.as_ref(), 5e-3);
}

#[test]
fn grid_rows_must_cover_the_grid_once() {
    let mut rows: Vec<(f64, f64, f64)> = Vec::new();
    for i in 0..5 {
        for j in 0..4 {
            rows.push((i as f64, j as f64, (i * j) as f64));
        }
    }
    assert!(GridSurface::from_rows("ok", &rows).is_ok());
    let mut dup = rows.clone();
    dup[3] = dup[2];
    assert!(matches!(
        GridSurface::from_rows("dup", &dup),
        Err(losscape::surface::GridError::Duplicate { index: 3, .. })
    ));
    let missing = &rows[1..];
    let e = GridSurface::from_rows("missing", missing).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no value at (0, 0): the rows must cover every (x, y) of the grid"
    );
    let few: Vec<_> = rows.iter().filter(|r| r.1 < 3.0).copied().collect();
    assert_eq!(
        GridSurface::from_rows("few", &few).unwrap_err().to_string(),
        "a grid needs at least 4 distinct y values, found 3"
    );
}

#[test]
fn grid_file_errors_point_at_the_place() {
    let dir = std::env::temp_dir().join(format!("losscape-model-grid-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("g.csv"), "x,y,loss\n0,0,1\n1,0,oops\n").unwrap();
    let e = file::parse_str(
        "g.toml",
        "name = \"g\"\nkind = \"grid\"\ndata = \"g.csv\"\n",
        &dir,
    )
    .err()
    .unwrap()
    .to_string();
    assert!(
        e.contains("g.csv:3:5") && e.contains("^^^^ expected a number in column 'loss'"),
        "{e}"
    );
    let e = file::parse_str(
        "g.toml",
        "name = \"g\"\nkind = \"grid\"\ndata = \"g.txt\"\n",
        &dir,
    )
    .err()
    .unwrap()
    .to_string();
    assert!(
        e.contains("g.toml:3:8") && e.contains("cannot read data file"),
        "{e}"
    );
    let e = file::parse_str("g.toml", "name = \"g\"\nkind = \"gird\"\n", &dir)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains("unknown surface kind 'gird'") && e.contains("grid"),
        "{e}"
    );
}
