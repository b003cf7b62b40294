//! The curvature map's classes against the Hessian, and the det H = 0 boundary.

use losscape::analysis::{
    Curvature, CurvatureGrid, boundary_points, classify, curvature_class, hessian_det,
};
use losscape::surface::{Point, Region, resolve};

#[test]
fn himmelblau_classes_at_its_critical_points() {
    let f = resolve("himmelblau").unwrap();
    // H = [[12x² + 4y − 42, 4x + 4y], [4x + 4y, 12y² + 4x − 26]]; at (3, 2): [[74, 20], [20, 34]].
    let h = f.hessian(Point::new(3.0, 2.0));
    assert_eq!(hessian_det(h), 74.0 * 34.0 - 400.0);
    assert_eq!(curvature_class(h), Curvature::Convex);
    // The local maximum and a saddle (values from `losscape critical --surface himmelblau`).
    let max = f.hessian(Point::new(-0.270845, -0.923039));
    assert_eq!(curvature_class(max), Curvature::Concave);
    let saddle = f.hessian(Point::new(0.086678, 2.884255));
    assert_eq!(curvature_class(saddle), Curvature::Saddle);
}

#[test]
fn every_grid_sample_agrees_with_the_eigenvalues() {
    for name in ["himmelblau", "six-hump-camel", "rosenbrock", "saddle"] {
        let f = resolve(name).unwrap();
        let grid = CurvatureGrid::sample(f.as_ref(), f.view(), 31, 17);
        for j in 0..grid.height {
            for i in 0..grid.width {
                let p = grid.point(i, j);
                let [l1, l2] = classify(f.hessian(p)).eigenvalues;
                let expected = if l1 > 0.0 {
                    Curvature::Convex
                } else if l2 < 0.0 {
                    Curvature::Concave
                } else {
                    Curvature::Saddle
                };
                assert_eq!(
                    grid.class(i, j),
                    expected,
                    "{name} at {p:?}: λ = {l1}, {l2}"
                );
            }
        }
    }
}

#[test]
fn grid_rows_run_top_down_across_the_region() {
    let f = resolve("bowl").unwrap();
    let grid = CurvatureGrid::sample(f.as_ref(), Region::new(-2.0, 2.0, -1.0, 1.0), 4, 2);
    assert_eq!(grid.point(0, 0), Point::new(-1.5, 0.5));
    assert_eq!(grid.point(3, 1), Point::new(1.5, -0.5));
    assert_eq!(grid.counts(), [8, 0, 0, 0]);
}

#[test]
fn six_hump_camel_has_all_three_regions() {
    let f = resolve("six-hump-camel").unwrap();
    let grid = CurvatureGrid::sample(f.as_ref(), f.view(), 60, 30);
    let [convex, saddle, concave, _] = grid.counts();
    assert!(
        convex > 0 && saddle > 0 && concave > 0,
        "{:?}",
        grid.counts()
    );
}

#[test]
fn boundary_points_have_zero_determinant() {
    let f = resolve("himmelblau").unwrap();
    let grid = CurvatureGrid::sample(f.as_ref(), f.view(), 40, 40);
    let points = boundary_points(f.as_ref(), &grid);
    assert!(points.len() > 40, "only {} boundary points", points.len());
    for p in points {
        let h = f.hessian(p);
        // |det| is round-off against the size of its two products.
        let size = (h[(0, 0)] * h[(1, 1)]).abs() + h[(0, 1)] * h[(0, 1)];
        assert!(
            hessian_det(h).abs() <= 1e-9 * size.max(1.0),
            "det {} at {p:?}",
            hessian_det(h)
        );
        let [l1, l2] = classify(h).eigenvalues;
        assert!(l1.abs().min(l2.abs()) < 1e-6 * l1.abs().max(l2.abs()).max(1.0));
    }
}

#[test]
fn a_quadratic_bowl_has_no_boundary() {
    let f = resolve("ravine").unwrap();
    let grid = CurvatureGrid::sample(f.as_ref(), f.view(), 20, 10);
    assert!(boundary_points(f.as_ref(), &grid).is_empty());
    assert_eq!(grid.counts()[0], 200);
}

#[test]
fn run_reports_sharpness_the_largest_hessian_eigenvalue() {
    use losscape::analysis::sharpness;
    // Ravine 0.1·x² + 2·y²: H = diag(0.2, 4) everywhere, so sharpness 4 and 2/lr = 0.5 is
    // the edge of stability for gd.
    assert_eq!(
        sharpness(resolve("ravine").unwrap().hessian(Point::new(3.0, 1.0))),
        4.0
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args([
            "run",
            "--surface",
            "himmelblau",
            "--opt",
            "adam:lr=0.1",
            "--start",
            "0.5,-1",
        ])
        .args(["--steps", "20", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = resolve("himmelblau").unwrap();
    let points = doc["runs"][0]["trajectory"].as_array().unwrap();
    assert_eq!(points.len(), 21);
    for p in points {
        let at = Point::new(p["x"].as_f64().unwrap(), p["y"].as_f64().unwrap());
        let exact = classify(f.hessian(at)).eigenvalues[1];
        let got = p["sharpness"].as_f64().unwrap();
        assert!(
            (got - exact).abs() <= 1e-12 * exact.abs().max(1.0),
            "{got} vs {exact} at {at:?}"
        );
    }
    let csv = std::process::Command::new(env!("CARGO_BIN_EXE_losscape"))
        .args([
            "run",
            "--surface",
            "ravine",
            "--opt",
            "gd:lr=0.6",
            "--steps",
            "3",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "sharpness")
        .expect("a sharpness column");
    for line in text.lines().skip(1) {
        assert_eq!(line.split(',').nth(col), Some("4"), "{line}");
    }
}
