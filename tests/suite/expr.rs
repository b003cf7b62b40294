//! Expression surfaces: values, exact derivatives, conventions, and error positions.

use losscape::surface::expr::{ExprErrorKind as K, Expression};
use losscape::surface::{Point, Surface, builtin};
use proptest::prelude::*;

fn ex(s: &str) -> Expression {
    Expression::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn precedence_and_associativity() {
    let cases = [
        ("2*3+4", 10.0),
        ("2+3*4", 14.0),
        ("-x^2", -9.0),   // −(x²) at x = 3
        ("2^3^2", 512.0), // right-associative: 2^(3^2)
        ("2^-1", 0.5),
        ("x**2", 9.0),
        ("(x - y) / 2", 0.5),
        ("10/5/2", 1.0), // left-associative
        ("1.5e1 + .5 + 2E-1", 15.7),
        ("--x", 3.0),
        ("pi", std::f64::consts::PI),
        ("e^1", std::f64::consts::E),
        ("2*e", 2.0 * std::f64::consts::E),
    ];
    // Multiplication is never implicit: `2e` is the number 2 followed by the name e.
    assert!(Expression::parse("2e").is_err());
    for (s, want) in cases {
        let got = ex(s).value(3.0, 2.0);
        assert!(close(got, want, 1e-15), "{s}: {got} != {want}");
    }
}

#[test]
fn himmelblau_expression_matches_the_builtin_exactly() {
    let e = ex("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
    let h = builtin("himmelblau").unwrap();
    for &(x, y) in &[
        (3.0, 2.0),
        (-0.3, -1.5),
        (-0.270845, -0.923039),
        (1.25, 4.5),
    ] {
        let p = Point::new(x, y);
        assert!(close(e.value(x, y), h.value(p), 1e-14));
        let (g, hg) = (e.gradient(x, y), h.gradient(p));
        assert!(
            close(g.x, hg.x, 1e-13) && close(g.y, hg.y, 1e-13),
            "{g} {hg}"
        );
        let (m, hm) = (e.hessian(x, y), h.hessian(p));
        for i in 0..4 {
            assert!(close(m[i], hm[i], 1e-13), "{m} {hm}");
        }
    }
    // A minimum of Himmelblau's: f = 0 and ∇f = 0 at (3, 2).
    assert_eq!(e.value(3.0, 2.0), 0.0);
    assert_eq!(e.gradient(3.0, 2.0).norm(), 0.0);
}

#[test]
fn trig_derivatives_by_hand() {
    // f = sin(x)cos(y): ∇f = (cos x cos y, −sin x sin y),
    // ∇²f = [[−sin x cos y, −cos x sin y], [−cos x sin y, −sin x cos y]].
    let e = ex("sin(x)*cos(y)");
    let (x, y) = (0.3_f64, 0.7_f64);
    let g = e.gradient(x, y);
    assert!(close(g.x, x.cos() * y.cos(), 1e-15));
    assert!(close(g.y, -x.sin() * y.sin(), 1e-15));
    let h = e.hessian(x, y);
    assert!(close(h[(0, 0)], -x.sin() * y.cos(), 1e-15));
    assert!(close(h[(0, 1)], -x.cos() * y.sin(), 1e-15));
    assert!(close(h[(1, 0)], -x.cos() * y.sin(), 1e-15));
    assert!(close(h[(1, 1)], -x.sin() * y.cos(), 1e-15));
}

#[test]
fn each_function_second_derivative_by_hand() {
    // (expression in x, f′(x), f″(x)) at x = 0.4.
    let x = 0.4_f64;
    let s = (1.0 - x * x).sqrt();
    let cases: Vec<(&str, f64, f64)> = vec![
        (
            "tan(x)",
            1.0 / x.cos().powi(2),
            2.0 * x.tan() / x.cos().powi(2),
        ),
        ("asin(x)", 1.0 / s, x / s.powi(3)),
        ("acos(x)", -1.0 / s, -x / s.powi(3)),
        (
            "atan(x)",
            1.0 / (1.0 + x * x),
            -2.0 * x / (1.0 + x * x).powi(2),
        ),
        ("sinh(x)", x.cosh(), x.sinh()),
        ("cosh(x)", x.sinh(), x.cosh()),
        (
            "tanh(x)",
            1.0 / x.cosh().powi(2),
            -2.0 * x.tanh() / x.cosh().powi(2),
        ),
        ("exp(2*x)", 2.0 * (2.0 * x).exp(), 4.0 * (2.0 * x).exp()),
        ("ln(x)", 1.0 / x, -1.0 / (x * x)),
        (
            "log(x)",
            1.0 / (x * 10f64.ln()),
            -1.0 / (x * x * 10f64.ln()),
        ),
        ("sqrt(x)", 0.5 / x.sqrt(), -0.25 * x.powf(-1.5)),
        ("abs(x - 1)", -1.0, 0.0),
        ("x^2.5", 2.5 * x.powf(1.5), 3.75 * x.sqrt()),
        ("x^-2", -2.0 * x.powi(-3), 6.0 * x.powi(-4)),
        (
            "pow(2, x)",
            2f64.ln() * 2f64.powf(x),
            2f64.ln().powi(2) * 2f64.powf(x),
        ),
        (
            "x^x",
            x.powf(x) * (x.ln() + 1.0),
            x.powf(x) * ((x.ln() + 1.0).powi(2) + 1.0 / x),
        ),
        ("min(x, 1 - x)", 1.0, 0.0),
        ("max(x^2, 0)", 2.0 * x, 2.0),
    ];
    for (s, d1, d2) in cases {
        let e = ex(s);
        let d = e.second_order(x, 0.0);
        assert!(close(d.g[0], d1, 1e-14), "{s}: f′ {} != {d1}", d.g[0]);
        assert!(close(d.h[0], d2, 1e-13), "{s}: f″ {} != {d2}", d.h[0]);
        assert_eq!(d.g[1], 0.0, "{s}");
        assert!(close(e.gradient(x, 0.0).x, d1, 1e-14), "{s}");
    }
}

#[test]
fn kinks_follow_pytorch() {
    // abs′(0) = 0; at a tie min/max take the mean of both sides' derivatives.
    assert_eq!(ex("abs(x)").gradient(0.0, 0.0).x, 0.0);
    let g = ex("max(x, y)").gradient(1.0, 1.0);
    assert_eq!((g.x, g.y), (0.5, 0.5));
    let g = ex("max(x, y)").gradient(2.0, 1.0);
    assert_eq!((g.x, g.y), (1.0, 0.0));
    let g = ex("min(x, 2*y)").gradient(3.0, 1.0);
    assert_eq!((g.x, g.y), (0.0, 2.0));
}

#[test]
fn undefined_points_are_nan() {
    for (s, x, y) in [
        ("1/x", 0.0, 1.0),
        ("1/0 + x", 5.0, 1.0),
        ("ln(x)", -1.0, 0.0),
        ("ln(x)", 0.0, 0.0),
        ("log(x - y)", 1.0, 2.0),
        ("sqrt(x)", -0.5, 0.0),
        ("asin(x)", 1.5, 0.0),
        ("x^0.5", -4.0, 0.0),
        ("x^-1", 0.0, 0.0),
        ("x^y", -2.0, 2.0),
    ] {
        let e = ex(s);
        assert!(e.value(x, y).is_nan(), "{s} at ({x}, {y})");
        assert!(e.second_order(x, y).v.is_nan(), "{s} at ({x}, {y})");
    }
    // ... while a constant integer power of a negative base is fine.
    assert_eq!(ex("x^3").value(-2.0, 0.0), -8.0);
    assert_eq!(ex("(-1)^2 * x").value(3.0, 0.0), 3.0);
}

fn err(s: &str) -> (K, std::ops::Range<usize>, Option<String>) {
    let e = Expression::parse(s).expect_err(s);
    (e.kind, e.span, e.help)
}

#[test]
fn errors_point_at_the_problem() {
    assert_eq!(err("x + z").0, K::UnknownVariable("z".into()));
    assert_eq!(err("x + z").1, 4..5);
    let (k, span, help) = err("sqr(x) + y");
    assert_eq!((k, span), (K::UnknownFunction("sqr".into()), 0..3));
    assert!(help.unwrap().starts_with("did you mean 'sqrt'?"));
    // Unbalanced parentheses: the open one is blamed when the text ends.
    assert_eq!(err("2*(x + 1").0, K::UnclosedParen);
    assert_eq!(err("2*(x + 1").1, 2..3);
    assert_eq!(err("x + 1)").0, K::UnmatchedParen);
    assert_eq!(err("x + 1)").1, 5..6);
    assert_eq!(
        err("min(x)").0,
        K::WrongArity {
            name: "min".into(),
            expected: 2,
            found: 1
        }
    );
    assert_eq!(err("2x").1, 1..2);
    assert!(err("2x").2.unwrap().contains("2*x"));
    assert_eq!(err("sin x").0, K::FunctionWithoutCall("sin".into()));
    assert_eq!(err("").0, K::Empty);
    assert_eq!(err("x +").0, K::UnexpectedEnd);
    assert_eq!(err("x # 2").0, K::UnexpectedChar('#'));
}

#[test]
fn error_snippet_for_a_bare_expression() {
    let e = Expression::parse("x^2 + sqr(y)").unwrap_err();
    let text = e.diagnostic("<expression>", "x^2 + sqr(y)").to_string();
    assert_eq!(
        text,
        "error: unknown function 'sqr'\n --> <expression>:1:7\n  |\n1 | x^2 + sqr(y)\n  |       ^^^ expected a function name\n  = help: did you mean 'sqrt'? functions: sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, ln, log, sqrt, abs, min, max, pow"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}x{}", "(".repeat(5000), ")".repeat(5000));
    assert!(matches!(err(&deep).0, K::TooDeep(_)));
    let ok = format!("{}x{}", "sin(".repeat(50), ")".repeat(50));
    assert!(ex(&ok).value(0.1, 0.0).is_finite());
}

#[test]
fn constants_fold_and_fuse() {
    // (x^2 + y − 11)^2 + (x + y^2 − 7)^2: Square, Add, AddC, Square, Square, Add, AddC,
    // Square, Add = 9 instructions.
    let himmelblau = ex("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
    assert_eq!(himmelblau.tape().len(), 9);
    // For blocks, `+ y − 11` and the square fuse into the addition: x², (x² + y − 11)²,
    // y², (x + y² − 7)², sum.
    assert_eq!(himmelblau.tape().block_len(), 5);
    assert_eq!(ex("sin(pi/2) * 3").tape().len(), 0);
    assert_eq!(ex("sin(pi/2) * 3").value(0.0, 0.0), 3.0);
}

#[test]
fn an_expression_surface_is_a_surface() {
    let s = losscape::surface::ExpressionSurface::new("double well", ex("x^4 + y^4 - 4*x*y"));
    assert_eq!(s.name(), "double well");
    assert_eq!(s.formula(), "x^4 + y^4 - 4*x*y");
    // Minima at ±(1, 1) with f = −2; Hessian there [[12, −4], [−4, 12]].
    assert_eq!(s.value(Point::new(1.0, 1.0)), -2.0);
    assert_eq!(s.gradient(Point::new(-1.0, -1.0)).norm(), 0.0);
    let h = s.hessian(Point::new(1.0, 1.0));
    assert_eq!((h[(0, 0)], h[(0, 1)], h[(1, 1)]), (12.0, -4.0, 12.0));
}

const EXPRS: &[&str] = &[
    "x^4 + y^4 - 4*x*y",
    "sin(x)*exp(-y^2) + 0.1*x^2",
    "ln(1 + x^2 + y^2) - atan(x*y)",
    "(1 - x)^2 + 100*(y - x^2)^2",
    "sqrt(x^2 + y^2 + 1) * cosh(0.3*y) / (2 + tanh(x))",
    "x^y + pow(y, 3) - 2^x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Exact derivatives agree with central finite differences (used only here, to check).
    #[test]
    fn derivatives_match_finite_differences(i in 0..EXPRS.len(), x in 0.2f64..1.8, y in 0.2f64..1.8) {
        let e = ex(EXPRS[i]);
        let h = 1e-5;
        let d = e.second_order(x, y);
        let gx = (e.value(x + h, y) - e.value(x - h, y)) / (2.0 * h);
        let gy = (e.value(x, y + h) - e.value(x, y - h)) / (2.0 * h);
        prop_assert!(close(d.g[0], gx, 1e-6) && close(d.g[1], gy, 1e-6), "{} {:?} ({gx}, {gy})", EXPRS[i], d.g);
        let g = |x, y| e.gradient(x, y);
        let hxx = (g(x + h, y).x - g(x - h, y).x) / (2.0 * h);
        let hxy = (g(x, y + h).x - g(x, y - h).x) / (2.0 * h);
        let hyy = (g(x, y + h).y - g(x, y - h).y) / (2.0 * h);
        prop_assert!(close(d.h[0], hxx, 1e-6) && close(d.h[1], hxy, 1e-6) && close(d.h[2], hyy, 1e-6),
            "{} {:?} ({hxx}, {hxy}, {hyy})", EXPRS[i], d.h);
    }

    /// No input makes the parser panic.
    #[test]
    fn arbitrary_text_never_panics(s in "[xy0-9a-z+*/^(),. \\-]{0,40}") {
        if let Ok(e) = Expression::parse(&s) {
            let _ = e.second_order(0.5, -0.5);
        }
    }
}

#[test]
fn batch_evaluation_equals_point_by_point() {
    // 70 points: two full blocks of 32 and a partial one.
    let pts: Vec<Point> = (0..70)
        .map(|i| Point::new(-3.0 + 0.09 * i as f64, 2.0 - 0.05 * i as f64))
        .collect();
    for s in EXPRS.iter().chain(&[
        "1/x + max(x, y)",
        "-(x*y) * 3 + (x - y + 2)^2 - sqrt(x^2 + 1)^2",
        "3",
        "y",
        // Deep enough to need more than 8 registers: evaluated point by point.
        "x*(y*(x*(y*(x*(y*(x*(y*(x*(y*(x+1))))))))))",
    ]) {
        check_batch(s, &pts);
    }
    // Long programs: 13 terms are 38 instructions (the larger block size), 27 terms are 80
    // (point by point).
    let long = |n: usize| vec!["sin(x)*y"; n].join(" + ");
    assert_eq!(ex(&long(13)).tape().len(), 38);
    assert_eq!(ex(&long(27)).tape().len(), 80);
    check_batch(&long(13), &pts);
    check_batch(&long(27), &pts);
    // The planes are kept per thread from call to call: short programs right after the longest
    // block program, and after each other, read nothing a previous one left.
    for s in ["y", "3", "1/x + max(x, y)", "x*y"] {
        check_batch(&long(13), &pts);
        check_batch(s, &pts[..5]);
        check_batch(s, &pts);
    }
}

fn check_batch(s: &str, pts: &[Point]) {
    {
        let surf = losscape::surface::ExpressionSurface::new("t", ex(s));
        let mut v = vec![0.0; pts.len()];
        let mut g = vec![nalgebra::Vector2::zeros(); pts.len()];
        surf.values(pts, &mut v);
        surf.gradients(pts, &mut g);
        for (i, p) in pts.iter().enumerate() {
            let (want, got) = (surf.value(*p), v[i]);
            assert!(
                want.to_bits() == got.to_bits() || (want.is_nan() && got.is_nan()),
                "{s}"
            );
            let wg = surf.gradient(*p);
            let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
            assert!(
                same(wg.x, g[i].x) && same(wg.y, g[i].y),
                "{s} {wg} {}",
                g[i]
            );
            // Where f is undefined, so is its gradient.
            assert_eq!(want.is_nan(), wg.x.is_nan() && wg.y.is_nan(), "{s} at {p}");
        }
    }
}
