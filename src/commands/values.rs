//! Parsers for whole-number options (`--seed`, `--steps`), so a negative or malformed value is
//! named for what it is ("a seed is a whole number ≥ 0") instead of clap's "unexpected
//! argument '-1'" (an argument starting with '-' reads as a flag unless the option allows it).

/// `--seed N`: a whole number ≥ 0.
pub fn parse_seed(s: &str) -> Result<u64, String> {
    whole(s, "a seed", "7")
}

/// `--steps N`: a whole number ≥ 0.
pub fn parse_steps(s: &str) -> Result<usize, String> {
    whole(s, "a step count", "200")
        .and_then(|n| usize::try_from(n).map_err(|_| format!("{n} steps is too many")))
}

/// `--steps N` where N may exceed the address space (a streamed run): a whole number ≥ 0.
pub fn parse_step_count(s: &str) -> Result<u64, String> {
    whole(s, "a step count", "200")
}

fn whole(s: &str, what: &str, example: &str) -> Result<u64, String> {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('-')
        && rest.parse::<f64>().is_ok()
    {
        return Err(format!(
            "{what} cannot be negative: expected a whole number ≥ 0, e.g. {example}"
        ));
    }
    if let Ok(v) = t.parse::<f64>()
        && v.is_finite()
        && v.fract() != 0.0
    {
        return Err(format!(
            "{what} is a whole number: expected a whole number ≥ 0, e.g. {example}"
        ));
    }
    t.parse::<u64>()
        .map_err(|_| format!("expected {what} as a whole number ≥ 0, e.g. {example}"))
}

/// Tells a negative size ("-10x10") from a malformed one, for the `--size` parsers.
pub fn negative_size(s: &str) -> Option<String> {
    let (w, h) = s.split_once(['x', 'X'])?;
    (w.trim().starts_with('-') || h.trim().starts_with('-'))
        .then(|| format!("invalid size '{s}': a width and height cannot be negative"))
}

/// Why `p` cannot be a start on `surface`, if it cannot: f (or its gradient) overflows there,
/// so every optimizer would "diverge" at step 0. An undefined f (NaN, outside a domain) is left
/// to the run, which says so.
pub fn start_problem(
    surface: &dyn crate::surface::Surface,
    p: crate::surface::Point,
) -> Option<String> {
    use crate::render::ticks::fmt_num;
    let f = surface.value(p);
    let g = surface.gradient(p);
    let overflow = f.is_infinite() || g.iter().any(|v| v.is_infinite());
    overflow.then(|| {
        let v = surface.view();
        format!(
            "the start ({}, {}) is too far out: f overflows a 64-bit float there (f = {}); \
             start within the view, x {}…{}, y {}…{}",
            fmt_num(p.x),
            fmt_num(p.y),
            fmt_num(f),
            fmt_num(v.x0),
            fmt_num(v.x1),
            fmt_num(v.y0),
            fmt_num(v.y1)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_and_fractional_values_are_named() {
        assert_eq!(parse_seed("7"), Ok(7));
        assert!(parse_seed("-1").unwrap_err().contains("cannot be negative"));
        assert!(parse_steps("2.5").unwrap_err().contains("whole number"));
        assert!(parse_steps("ten").unwrap_err().contains("e.g. 200"));
        assert!(
            negative_size("-10x10")
                .unwrap()
                .contains("cannot be negative")
        );
        assert_eq!(negative_size("10x10"), None);
    }
}
