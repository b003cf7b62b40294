//! Axis ticks at round numbers, and compact number formatting for labels.

/// Round tick positions (1, 2 or 5 × 10ᵏ apart) inside [lo, hi], at most about `max_count`.
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || max_count == 0 {
        return Vec::new();
    }
    let raw = (hi - lo) / max_count as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    // Round to the step's decimals: no float dust such as 0.30000000000000004, no "-0".
    let scale = 10f64.powi((-step.log10().floor()).max(0.0) as i32);
    (first..=last)
        .map(|k| {
            let v = (k as f64 * step * scale).round() / scale;
            if v == 0.0 { 0.0 } else { v }
        })
        .collect()
}

/// Tick labels that fit `width` characters and are all different; when no form of the
/// numbers themselves can do that (deep zoom: every tick reads "-0.3"), labels are offsets
/// from `offset` ("+2e-10"), which the axis shows once.
#[derive(Debug, Clone, PartialEq)]
pub struct TickLabels {
    pub labels: Vec<String>,
    pub offset: Option<f64>,
}

pub fn tick_labels(ticks: &[f64], width: usize) -> TickLabels {
    let ok = |v: &[String]| {
        v.iter().all(|l| l.chars().count() <= width)
            && v.iter()
                .enumerate()
                .all(|(i, a)| v[..i].iter().all(|b| b != a))
    };
    let step = if ticks.len() >= 2 {
        (ticks[1] - ticks[0]).abs()
    } else {
        0.0
    };
    let decimals = if step > 0.0 {
        (-step.log10().floor()).clamp(0.0, 15.0) as usize
    } else {
        0
    };
    let forms: [&dyn Fn(f64) -> String; 6] = [
        &fmt_num,
        &|v| trim_zero(format!("{v:.decimals$}")),
        &|v| format!("{v:.0e}"),
        &|v| format!("{v:.1e}"),
        &|v| format!("{v:.2e}"),
        &|v| format!("{v:.3e}"),
    ];
    for form in forms {
        let labels: Vec<String> = ticks
            .iter()
            .map(|&t| if t == 0.0 { "0".into() } else { form(t) })
            .collect();
        if ok(&labels) {
            return TickLabels {
                labels,
                offset: None,
            };
        }
    }
    let base = ticks.first().copied().unwrap_or(0.0);
    let labels = ticks
        .iter()
        .map(|&t| {
            let d = super::contour::round_sig(t - base, 3);
            if d == 0.0 {
                "+0".to_string()
            } else {
                format!("+{}", fmt_fit(d, width.saturating_sub(1)))
            }
        })
        .collect();
    TickLabels {
        labels,
        offset: Some(base),
    }
}

/// "-0.0" and "0.00" are "0".
fn trim_zero(s: String) -> String {
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        "0".into()
    } else {
        s
    }
}

/// A number in full (shortest round-trip form), for an axis offset.
pub fn fmt_full(v: f64) -> String {
    if v == 0.0 { "0".into() } else { format!("{v}") }
}

/// A short human label for a number: `0`, `2.5`, `-0.37`, `180`, `1.2e4`, `3.0e-5`.
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        return format!("{v:.1e}");
    }
    let decimals = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        // Three significant figures for small values.
        (2 - a.log10().floor() as i32).clamp(0, 6) as usize
    };
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Values smaller than this fraction of a surface's scale are round-off, shown as 0.
pub const ROUND_OFF: f64 = 1e-12;

/// `v`, or 0 when it is round-off next to `scale` (the magnitude of the values on screen):
/// Newton's −7.9e-19 at a monkey saddle whose map spans ±250 is 0, not a number to read.
pub fn snap(v: f64, scale: f64) -> f64 {
    if v.is_finite() && scale.is_finite() && v.abs() < scale.abs() * ROUND_OFF {
        0.0
    } else {
        v
    }
}

/// `v` whole in at most `width` characters when it can be: [`fmt_num`], else scientific
/// with fewer mantissa digits ("3.6e-15" → "4e-15"). Never a cut-off prefix such as "3.6e-1";
/// if even the shortest form is wider, it is returned whole for the caller to place.
pub fn fmt_fit(v: f64, width: usize) -> String {
    let s = fmt_num(v);
    if s.chars().count() <= width || !v.is_finite() {
        return s;
    }
    let mut best = s;
    for digits in (0..=2).rev() {
        let t = format!("{v:.digits$e}");
        if t.chars().count() <= width {
            return t;
        }
        best = t;
    }
    best
}

/// A fixed-width scientific-ish number for tables: `1.234e-5`, `12.35`, `-0.5000`.
pub fn fmt_val(v: f64) -> String {
    if !v.is_finite() {
        return fmt_num(v);
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        format!("{v:.3e}")
    } else {
        format!("{v:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(-5.0, 5.0, 5), vec![-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.5, 1.0]);
        assert_eq!(nice_ticks(0.1, 0.35, 3), vec![0.1, 0.2, 0.3]);
        assert!(nice_ticks(1.0, 1.0, 5).is_empty());
    }

    #[test]
    fn numbers_fit_whole_or_shorter_never_cut() {
        assert_eq!(fmt_fit(3.6e-15, 6), "4e-15");
        assert_eq!(fmt_fit(3.6e-15, 7), "3.6e-15");
        assert_eq!(fmt_fit(-7.875645e-19, 7), "-8e-19");
        assert_eq!(fmt_fit(1e300, 7), "1.0e300");
        assert_eq!(fmt_fit(1e300, 5), "1e300");
        assert_eq!(fmt_fit(2.5, 3), "2.5");
        assert_eq!(snap(3.6e-15, 250.0), 0.0);
        assert_eq!(snap(3.6e-9, 250.0), 3.6e-9);
        assert_eq!(snap(-7.875645e-19, 1.0), 0.0);
    }

    #[test]
    fn ticks_stay_distinct_and_whole_at_the_edges_of_the_floats() {
        let t = nice_ticks(-1e300, 1e300, 5);
        let l = tick_labels(&t, 6);
        assert_eq!(l.offset, None);
        assert!(l.labels.iter().all(|s| s.len() <= 6), "{l:?}");
        assert!(l.labels.contains(&"1e300".to_string()), "{l:?}");
        assert!(l.labels.contains(&"-5e299".to_string()), "{l:?}");
        // The deepest zoom: 1e-9 wide around −0.3.
        let t = nice_ticks(-0.3 - 5e-10, -0.3 + 5e-10, 4);
        let l = tick_labels(&t, 6);
        assert!(l.offset.is_some(), "{l:?}");
        let mut seen = l.labels.clone();
        seen.dedup();
        assert_eq!(seen.len(), t.len(), "{l:?}");
        assert!(l.labels.iter().all(|s| s.chars().count() <= 6), "{l:?}");
        // Ordinary views keep their ordinary labels.
        assert_eq!(
            tick_labels(&[-4.0, -2.0, 0.0, 2.0], 6).labels,
            ["-4", "-2", "0", "2"]
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(-0.37), "-0.37");
        assert_eq!(fmt_num(181.617), "182");
        assert_eq!(fmt_num(12000.0), "12000");
        assert_eq!(fmt_num(123456.0), "1.2e5");
        assert_eq!(fmt_num(3e-5), "3.0e-5");
        assert_eq!(fmt_num(0.0123), "0.0123");
        assert_eq!(fmt_val(1.23456e-7), "1.235e-7");
        assert_eq!(fmt_val(-0.5), "-0.5000");
    }
}
