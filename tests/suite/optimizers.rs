//! First steps of every optimizer on the bowl f = x² + y² (∇f = 2x) from x₀ = (1, −2),
//! g₀ = (2, −4), checked against numbers derived by hand from the published rule.
//! The derivation of each is in its comment; g² and divisions are element-wise.

use crate::common;
use common::{assert_close, bowl, points};

const X0: (f64, f64) = (1.0, -2.0);
const TOL: f64 = 1e-12;

fn first(spec: &str, n: usize) -> Vec<(f64, f64)> {
    points(bowl(), spec, X0, n)
}

#[test]
fn gd() {
    // x₁ = x₀ − 0.1·(2, −4) = (0.8, −1.6); g₁ = (1.6, −3.2); x₂ = (0.64, −1.28).
    let p = first("gd:lr=0.1", 2);
    assert_close(p[0], (0.8, -1.6), TOL);
    assert_close(p[1], (0.64, -1.28), TOL);
}

#[test]
fn sgd_momentum_buffer_starts_as_the_gradient() {
    // Step 1: b = g₀ = (2, −4) (no (1 − dampening) factor on the first step); x₁ = (0.8, −1.6).
    // Step 2: g₁ = (1.6, −3.2); b = 0.9·(2, −4) + (1.6, −3.2) = (3.4, −6.8);
    //         x₂ = (0.8 − 0.34, −1.6 + 0.68) = (0.46, −0.92).
    let p = first("sgd:lr=0.1,momentum=0.9", 2);
    assert_close(p[0], (0.8, -1.6), TOL);
    assert_close(p[1], (0.46, -0.92), TOL);
    // `momentum` is the same with momentum 0.9 by default.
    assert_close(first("momentum:lr=0.1", 2)[1], (0.46, -0.92), TOL);
}

#[test]
fn sgd_dampening_applies_from_the_second_step() {
    // Step 1: b = g₀; x₁ = (0.8, −1.6).
    // Step 2: b = 0.9·(2, −4) + 0.5·(1.6, −3.2) = (2.6, −5.2); x₂ = (0.54, −1.08).
    let p = first("sgd:lr=0.1,momentum=0.9,dampening=0.5", 2);
    assert_close(p[0], (0.8, -1.6), TOL);
    assert_close(p[1], (0.54, -1.08), TOL);
}

#[test]
fn nesterov() {
    // Step 1: b = g₀; g = g₀ + 0.9·b = 1.9·(2, −4) = (3.8, −7.6); x₁ = (0.62, −1.24).
    // Step 2: g₁ = (1.24, −2.48); b = 0.9·(2, −4) + g₁ = (3.04, −6.08);
    //         g = g₁ + 0.9·b = (3.976, −7.952); x₂ = (0.62 − 0.3976, −1.24 + 0.7952)
    //         = (0.2224, −0.4448).
    let p = first("nesterov:lr=0.1", 2);
    assert_close(p[0], (0.62, -1.24), TOL);
    assert_close(p[1], (0.2224, -0.4448), TOL);
}

#[test]
fn sgd_weight_decay() {
    // g = g₀ + 0.5·x₀ = (2.5, −5); x₁ = (0.75, −1.5); then g = (1.5, −3) + (0.375, −0.75)
    // = (1.875, −3.75); x₂ = (0.5625, −1.125).
    let p = first("sgd:lr=0.1,weight_decay=0.5", 2);
    assert_close(p[0], (0.75, -1.5), TOL);
    assert_close(p[1], (0.5625, -1.125), TOL);
}

#[test]
fn adagrad() {
    // Step 1: s = g₀² = (4, 16); x₁ = x₀ − 0.1·g₀/(√s + 1e-10)
    //         = (1 − 0.2/(2 + 1e-10), −2 + 0.4/(4 + 1e-10)) = (0.900000000005, −1.9000000000025).
    // Step 2: g₁ = (1.8, −3.8); s = (4 + 3.24, 16 + 14.44) = (7.24, 30.44);
    //         x₂ = (0.9 − 0.18/√7.24, −1.9 + 0.38/√30.44)
    //            = (0.9 − 0.18/2.690725, −1.9 + 0.38/5.517246) = (0.8331035, −1.8311251).
    let p = first("adagrad:lr=0.1", 2);
    assert_close(p[0], (0.900000000005, -1.9000000000025), TOL);
    assert_close(p[1], (0.8331035268450359, -1.8311250538122312), TOL);
    // lr_decay 0.5: step 2 uses clr = 0.1/(1 + 1·0.5) = 0.0666…:
    //   x₂ = (0.9 − 0.12/√7.24, −1.9 + 0.25333/√30.44) = (0.8554024, −1.8540834).
    let p = first("adagrad:lr=0.1,lr_decay=0.5", 2);
    assert_close(p[1], (0.8554023512316906, -1.8540833692089875), TOL);
}

#[test]
fn rmsprop() {
    // Step 1: v = 0.01·g₀² = (0.04, 0.16); √v = (0.2, 0.4);
    //         x₁ = x₀ − 0.01·g₀/(√v + 1e-8) = (1 − 0.02/0.20000001, −2 + 0.04/0.40000001)
    //            = (0.900000005, −1.9000000025).
    // Step 2: g₁ ≈ (1.8, −3.8); v = 0.99·(0.04, 0.16) + 0.01·(3.24, 14.44) = (0.072, 0.3028);
    //         x₂ = (0.9 − 0.018/0.268328, −1.9 + 0.038/0.550273) = (0.8329180, −1.8309433).
    let p = first("rmsprop", 2);
    assert_close(p[0], (0.9000000049999998, -1.9000000025), TOL);
    assert_close(p[1], (0.8329179679700331, -1.8309433291098638), TOL);
    // Centered: ḡ = 0.01·g₀ = (0.02, −0.04); a = √(v − ḡ²) = √(0.04 − 0.0004, 0.16 − 0.0016)
    //   = (0.198997, 0.397995); x₁ = (1 − 0.02/0.198997, −2 + 0.04/0.397995) = (0.8994962, −1.8994962).
    let p = first("rmsprop:centered=true", 2);
    assert_close(p[0], (0.8994962235245836, -1.8994962209993314), TOL);
    assert_close(p[1], (0.8317593797115448, -1.8297521525984568), TOL);
    // Momentum 0.9: b₁ = g₀/a₁ = (9.9999995, −9.99999975); x₁ as without momentum;
    //   b₂ = 0.9·b₁ + g₁/a₂ = (9 + 6.708204, −9 − 6.905667); x₂ = x₁ − 0.01·b₂ = (0.7429180, −1.7409433).
    let p = first("rmsprop:momentum=0.9", 2);
    assert_close(p[1], (0.7429179724700329, -1.7409433313598637), TOL);
}

#[test]
fn adam() {
    // Step 1: m = 0.1·g₀ = (0.2, −0.4), v = 0.001·g₀² = (0.004, 0.016); bias corrections
    //   1 − 0.9 = 0.1 and √(1 − 0.999) = √0.001: m̂ = g₀, √v̂ = |g₀|;
    //   x₁ = x₀ − 0.1·g₀/(|g₀| + 1e-8) = (1 − 0.2/2.00000001, −2 + 0.4/4.00000001)
    //      = (0.9000000005, −1.90000000025).
    // Step 2: g₁ ≈ (1.8, −3.8); m = 0.9·(0.2, −0.4) + 0.1·g₁ = (0.36, −0.74);
    //   v = 0.999·(0.004, 0.016) + 0.001·(3.24, 14.44) = (0.007236, 0.030424);
    //   step = 0.1/(1 − 0.81) = 0.526316; √(1 − 0.998001) = 0.044710;
    //   x₂ = (0.9 − 0.526316·0.36/(√0.007236/0.044710), …) = (0.8004122, −1.8001665).
    let p = first("adam:lr=0.1", 2);
    assert_close(p[0], (0.9000000005, -1.90000000025), TOL);
    assert_close(p[1], (0.8004122286917927, -1.800166486115701), TOL);
    // amsgrad: v only grows here (v₂ > v₁), so max(v̂) = v and the steps are the same.
    let p = first("adam:lr=0.1,amsgrad=true", 2);
    assert_close(p[1], (0.8004122286917927, -1.800166486115701), TOL);
    // L2 weight decay 0.5: g = g₀ + 0.5·x₀ = (2.5, −5); x₁ = x₀ − 0.1·g/(|g| + 1e-8)
    //   = (1 − 0.25/2.50000001, −2 + 0.5/5.00000001) = (0.9000000004, −1.9000000002).
    let p = first("adam:lr=0.1,weight_decay=0.5", 2);
    assert_close(p[0], (0.9000000003999999, -1.9000000002), TOL);
    assert_close(p[1], (0.8004122284876838, -1.8001664860146227), TOL);
}

#[test]
fn adamw_decays_the_weights_before_the_update() {
    // x ← x·(1 − 0.1·0.5) = (0.95, −1.9), then the Adam step of the undecayed g₀:
    //   x₁ = (0.95 − 0.1·2/2.00000001, −1.9 + 0.1·4/4.00000001) = (0.8500000005, −1.80000000025).
    let p = first("adamw:lr=0.1,weight_decay=0.5", 2);
    assert_close(p[0], (0.8500000004999999, -1.8000000002499998), TOL);
    assert_close(p[1], (0.7082484433597453, -1.6104122281697426), TOL);
}

#[test]
fn nadam() {
    // μ₁ = 0.9·(1 − ½·0.96^0.004) = 0.45007347, μ₂ = 0.9·(1 − ½·0.96^0.008) = 0.45014693;
    // Π = μ₁; m = (0.2, −0.4); d = √(v/(1 − 0.999)) + eps = |g₀| + 1e-8;
    // x₁ = x₀ − 0.1·(1 − μ₁)/(1 − μ₁)·g₀/d − 0.1·μ₂/(1 − μ₁μ₂)·m/d
    //    = x₀ − 0.1·(1, −1) − 0.1·0.45014693/0.79740163·(0.1, −0.1) = (0.8943548, −1.8943548).
    let p = first("nadam:lr=0.1", 2);
    assert_close(p[0], (0.8943548226926871, -1.894354822428574), TOL);
    assert_close(p[1], (0.8199730706329195, -1.8178975308053855), TOL);
}

#[test]
fn radam_is_sgd_with_momentum_until_the_variance_is_tractable() {
    // β₂ = 0.999: ρ∞ = 1999, ρ₁ = 1999 − 2·0.999/0.001 = 1, ρ₂ = 1999 − 4·0.998001/0.001999
    // ≈ 1.9995: both ≤ 5, so x ← x − lr·m̂.
    // Step 1: m̂ = g₀; x₁ = (1 − 0.2, −2 + 0.4) = (0.8, −1.6).
    // Step 2: g₁ = (1.6, −3.2); m = 0.9·(0.2, −0.4) + 0.1·g₁ = (0.34, −0.68); m̂ = m/0.19
    //   = (1.789474, −3.578947); x₂ = (0.8 − 0.1789474, −1.6 + 0.3578947) = (0.6210526, −1.2421053).
    let p = first("radam:lr=0.1", 2);
    assert_close(p[0], (0.8, -1.6), TOL);
    assert_close(p[1], (0.6210526315789474, -1.2421052631578948), TOL);
    // β₂ = 0.9: ρ∞ = 19 and ρ₆ = 19 − 12·0.9⁶/(1 − 0.9⁶) = 5.391 > 5 — the first rectified step
    // (steps 1–5 are lr·m̂, as above). Step 6 multiplies by r = √((ρ₆−4)(ρ₆−2)ρ∞/(15·17·ρ₆))
    // and √(1 − 0.9⁶)/(√v + eps).
    let p = first("radam:lr=0.1,beta2=0.9", 7);
    assert_close(p[4], (0.20164796308087307, -0.40329592616174614), TOL);
    assert_close(p[5], (0.1789506832459839, -0.38059864618496125), TOL);
    assert_close(p[6], (0.150708849748136, -0.3522619181389371), TOL);
}

#[test]
fn adamax() {
    // Step 1: m = (0.2, −0.4); u = max(0, |g₀| + 1e-8) = (2.00000001, 4.00000001);
    //   x₁ = x₀ − (0.1/0.1)·m/u = (0.9000000005, −1.90000000025).
    // Step 2: g₁ ≈ (1.8, −3.8); m = (0.36, −0.74); u = max(0.999·u₁, |g₁|) = (1.998, 3.996);
    //   x₂ = x₁ − (0.1/0.19)·m/u = (0.9 − 0.0948317, −1.9 + 0.0974659) = (0.8051683, −1.8025341).
    let p = first("adamax:lr=0.1", 2);
    assert_close(p[0], (0.9000000005, -1.90000000025), TOL);
    assert_close(p[1], (0.805168327168774, -1.802534113547508), TOL);
}

#[test]
fn adadelta() {
    // Step 1: v = 0.1·g₀² = (0.4, 1.6); Δ = √(0 + 1e-6)/√(v + 1e-6)·g₀
    //   = (0.001·2/0.6324563, −0.001·4/1.2649115) = (0.0031623, −0.0031623);
    //   x₁ = x₀ − 1.0·Δ = (0.9968377, −1.9968377); u = 0.1·Δ² = (1e-6, 1e-6) (nearly).
    let p = first("adadelta", 2);
    assert_close(p[0], (0.9968377262926713, -1.996837723328043), TOL);
    assert_close(p[1], (0.9935981740783056, -1.993595728929903), TOL);
}

#[test]
fn lamb_scales_by_the_trust_ratio() {
    // Step 1: m̂ = g₀, v̂ = g₀²; r = g₀/(|g₀| + 1e-6) ≈ (1, −1), ‖r‖ ≈ √2; ‖x₀‖ = √5;
    //   x₁ = x₀ − 0.1·(√5/√2)·r = x₀ − 0.1581139·(1, −1) = (0.8418861, −1.8418861).
    let p = first("lamb:lr=0.1", 2);
    assert_close(p[0], (0.8418861367558103, -1.8418860972273543), TOL);
    assert_close(p[1], (0.6990550854500199, -1.6983157054082434), TOL);
    // Weight decay 0.5: r = (1, −1) + 0.5·(1, −2) = (1.5, −2); ‖r‖ = 2.5;
    //   x₁ = x₀ − 0.1·(√5/2.5)·(1.5, −2) = (1 − 0.1341641, −2 + 0.1788854) = (0.8658359, −1.8211146).
    let p = first("lamb:lr=0.1,weight_decay=0.5", 2);
    assert_close(p[0], (0.8658359392385491, -1.821114548383616), TOL);
    assert_close(p[1], (0.745046786879247, -1.6596485104919376), TOL);
}

#[test]
fn lion_steps_by_the_sign() {
    // Step 1: c = 0.1·g₀ → sign (1, −1); x₁ = (0.9, −1.9); m = 0.01·g₀ = (0.02, −0.04).
    // Step 2: c = 0.9·m + 0.1·(1.8, −3.8) → sign (1, −1); x₂ = (0.8, −1.8).
    let p = first("lion:lr=0.1", 2);
    assert_close(p[0], (0.9, -1.9), TOL);
    assert_close(p[1], (0.8, -1.8), TOL);
    // Weight decay 0.5: x₁ = x₀ − 0.1·((1, −1) + 0.5·(1, −2)) = (0.85, −1.8);
    //   x₂ = (0.85, −1.8) − 0.1·((1, −1) + 0.5·(0.85, −1.8)) = (0.7075, −1.61).
    let p = first("lion:lr=0.1,weight_decay=0.5", 2);
    assert_close(p[0], (0.85, -1.8), TOL);
    assert_close(p[1], (0.7075, -1.61), TOL);
}

#[test]
fn newton_variants_on_the_bowl() {
    // H = 2I: x₁ = x₀ − H⁻¹g₀ = (1, −2) − (1, −2) = (0, 0).
    assert_close(first("newton", 1)[0], (0.0, 0.0), 0.0);
    // Damped λ = 2: x₁ = x₀ − (4I)⁻¹g₀ = (1, −2) − (0.5, −1) = (0.5, −1).
    assert_close(first("newton:damping=2", 1)[0], (0.5, -1.0), TOL);
    // |H| = H on a convex bowl: saddle-free equals plain.
    assert_close(first("newton:mode=saddle-free", 1)[0], (0.0, 0.0), TOL);
    // lr = 0.5 halves the step.
    assert_close(first("newton:lr=0.5", 1)[0], (0.5, -1.0), TOL);
}

#[test]
fn lbfgs_first_steps() {
    // Call 1: d = −g₀ = (−2, 4); t = min(1, 1/‖g₀‖₁)·lr = 1/6; x₁ = x₀ + d/6 = (2/3, −4/3).
    // Call 2: g₁ = (4/3, −8/3); y = g₁ − g₀ = (−2/3, 4/3); s = t·d = (−1/3, 2/3);
    //   y·s = 10/9 > 1e-10 → stored, ρ = 0.9, H₀ = (y·s)/(y·y) = (10/9)/(20/9) = 0.5.
    //   Two-loop: q = −g₁; α = ρ·s·q = 0.9·(20/9) = 2; q − α·y = 0; r = 0.5·0 = 0;
    //   β = ρ·y·r = 0; r + (α − β)·s = (−2/3, 4/3) = d; t = lr = 1; x₂ = (0, 0).
    let p = first("lbfgs", 2);
    assert_close(p[0], (2.0 / 3.0, -4.0 / 3.0), TOL);
    assert_close(p[1], (0.0, 0.0), TOL);
    // Strong Wolfe from t = 1/6: f(x₀ + t·d) = 5(1 − 2t)², f(1/6) = 20/9 ≤ 5 − 1e-4·(1/6)·20
    // (Armijo) and |g(1/6)·d| = 40/3 ≤ 0.9·20 (curvature): accepted at once, same x₁.
    let p = first("lbfgs:line_search=strong_wolfe", 1);
    assert_close(p[0], (2.0 / 3.0, -4.0 / 3.0), TOL);
}
