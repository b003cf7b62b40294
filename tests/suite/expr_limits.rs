//! Very long expressions: a generated 60,000-term sum is refused with a caret message (not a
//! stack overflow that aborts the program), and anything within the limit parses, compiles
//! and evaluates exactly, sums and products grouped pairwise so no walk is deep.

use losscape::surface::expr::{ExprErrorKind as K, Expression, MAX_TOKENS};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_losscape"))
}

/// `x^2 + y^2 + 0.0001*x^2 + 0.001*x*y + …` with `terms` extra terms.
fn generated_sum(terms: usize) -> String {
    let mut s = String::from("x^2 + y^2");
    for i in 0..terms {
        if i % 2 == 0 {
            s.push_str(" + 0.0001*x^2");
        } else {
            s.push_str(&format!(" - 0.00{}*x*y", i % 7));
        }
    }
    s
}

#[test]
fn a_sixty_thousand_term_sum_is_refused_with_the_limit_and_a_caret() {
    let text = generated_sum(60_000);
    let e = Expression::parse(&text).expect_err("beyond the limit");
    assert!(
        matches!(e.kind, K::TooLong { max, .. } if max == MAX_TOKENS),
        "{e}"
    );
    let msg = e.kind.to_string();
    assert!(msg.contains("too long") && msg.contains("50000"), "{msg}");
    // The caret is at the first token beyond the limit.
    assert!(e.span.start > 0 && e.span.start < text.len());
}

#[test]
fn a_surface_file_with_a_huge_sum_is_a_usage_error_not_an_abort() {
    let dir = std::env::temp_dir().join(format!("losscape-long-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("surfaces")).unwrap();
    let big = dir.join("surfaces/big.toml");
    std::fs::write(
        &big,
        format!(
            "name = \"big\"\nexpression = \"{}\"\nview = {{ x = [-2.0, 2.0], y = [-2.0, 2.0] }}\n",
            generated_sum(60_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("surfaces/fine.toml"),
        "name = \"fine bowl\"\nexpression = \"x^2 + y^2\"\n",
    )
    .unwrap();
    let out = bin()
        .args(["critical", "--surface"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("too long") && err.contains("big.toml:2:"),
        "{err}"
    );
    // The snippet shows the part of the line around the caret, not a 400 KB line.
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
    assert!(err.contains('^'), "{err}");
    // The broken file does not stop the others from loading.
    let out = bin().arg("surfaces").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("fine bowl"), "{listing}");
    assert!(listing.contains("big"), "{listing}");
    assert!(listing.len() < 20_000, "{} bytes", listing.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_sum_within_the_limit_evaluates_exactly() {
    // 9,000 terms of "- x*0.5" (36,000 tokens): f = x² + y² − 4500·x.
    let mut text = String::from("y^2 + x^2");
    for _ in 0..9_000 {
        text.push_str(" - x*0.5");
    }
    let e = Expression::parse(&text).expect("within the limit");
    assert_eq!(e.value(1.0, 1.0), -4498.0);
    assert_eq!(e.value(2.0, -3.0), 4.0 + 9.0 - 9000.0);
    let g = e.gradient(1.0, 1.0);
    assert_eq!((g.x, g.y), (2.0 - 4500.0, 2.0));
    let h = e.hessian(0.3, 0.7);
    assert_eq!((h[(0, 0)], h[(0, 1)], h[(1, 1)]), (2.0, 0.0, 2.0));
}

#[test]
fn long_mixed_chains_keep_their_signs_and_order() {
    // 100 terms alternating + and −, and a product chain mixing * and /: grouped pairwise,
    // the value is the left-to-right one (these are exact in binary).
    let mut sum = String::from("x");
    let mut want = 3.0;
    for k in 1..=100 {
        let t = f64::from(k);
        if k % 3 == 0 {
            sum.push_str(&format!(" + {k}*y"));
            want += t * 2.0;
        } else {
            sum.push_str(&format!(" - {k}"));
            want -= t;
        }
    }
    assert_eq!(Expression::parse(&sum).unwrap().value(3.0, 2.0), want);
    let mut prod = String::from("x");
    let mut want = 3.0;
    for k in 0..100 {
        if k % 2 == 0 {
            prod.push_str(" * 2");
            want *= 2.0;
        } else {
            prod.push_str(" / 4");
            want /= 4.0;
        }
    }
    assert_eq!(Expression::parse(&prod).unwrap().value(3.0, 0.0), want);
}
