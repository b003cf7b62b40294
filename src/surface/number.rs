//! Numbers as text: the shortest decimal that reads back as exactly the same double.
//!
//! The digits are ryu's: the shortest that round-trip, nearest to the double, ties to even —
//! the digits serde_json writes, so a CSV and a JSON of one result agree. They are laid out
//! plain for ordinary magnitudes and scientific for extreme ones.

use std::fmt;

/// The shortest text that reads back as exactly `x`: plain (`-1.5`, `0.047537`, `120`) for
/// magnitudes in [1e-4, 1e15), scientific (`1e-300`, `2.5e20`) beyond, where plain notation
/// runs to hundreds of digits. Both forms parse with `str::parse::<f64>`.
pub fn format_number(x: f64) -> String {
    Number(x).to_string()
}

/// [`format_number`] as a `Display`, for writing many numbers without a `String` each.
#[derive(Debug, Clone, Copy)]
pub struct Number(pub f64);

impl Number {
    /// Appends the text `Display` writes, without the formatting machinery (a CSV of a
    /// basin map is half a million numbers).
    pub fn push_to(self, out: &mut String) {
        self.with_text(|text| out.push_str(text));
    }

    /// Calls `f` with the text. ryu already lays its digits out plain for magnitudes in
    /// [1e-5, 1e16) (writing `120.0` for `120`) and scientific beyond, as `{:e}` does; only
    /// the bands [1e-5, 1e-4) and [1e15, 1e16) are laid out again.
    fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        let x = self.0;
        if x == 0.0 || !x.is_finite() {
            return f(match x {
                0.0 if x.is_sign_negative() => "-0",
                0.0 => "0",
                f64::INFINITY => "inf",
                f64::NEG_INFINITY => "-inf",
                _ => "NaN",
            });
        }
        let mut ryu = ryu::Buffer::new();
        let ryu = ryu.format_finite(x);
        let a = x.abs();
        if (1e-4..1e15).contains(&a) {
            f(ryu.strip_suffix(".0").unwrap_or(ryu))
        } else if !(1e-5..1e16).contains(&a) {
            f(ryu)
        } else {
            let d = Decimal::of(ryu);
            let mut text = Text::default();
            if x < 0.0 {
                text.push(b'-');
            }
            d.scientific(&mut text);
            f(text.as_str())
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

/// |x| as 0.d₁d₂…dₙ × 10^point, with d₁ and dₙ nonzero (n ≤ 17).
struct Decimal {
    digits: [u8; 17],
    len: usize,
    point: i32,
}

impl Decimal {
    /// Reads ryu's plain text for a nonzero finite double (`-0.0000125`,
    /// `1234567890123456.0`): what it writes in the two bands laid out again.
    fn of(text: &str) -> Decimal {
        let mut d = Decimal {
            digits: [b'0'; 17],
            len: 0,
            point: 0,
        };
        let mut in_fraction = false;
        for c in text.bytes() {
            match c {
                b'.' => in_fraction = true,
                // A zero before the first significant digit only places the point.
                b'0' if d.len == 0 => d.point -= i32::from(in_fraction),
                b'0'..=b'9' if d.len < d.digits.len() => {
                    d.digits[d.len] = c;
                    d.len += 1;
                    d.point += i32::from(!in_fraction);
                }
                _ => {}
            }
        }
        while d.len > 1 && d.digits[d.len - 1] == b'0' {
            d.len -= 1;
        }
        d
    }

    /// `d.ddde-N`.
    fn scientific(&self, out: &mut Text) {
        let digits = &self.digits[..self.len];
        out.push(digits[0]);
        if digits.len() > 1 {
            out.push(b'.');
            out.extend(&digits[1..]);
        }
        out.push(b'e');
        out.extend(itoa::Buffer::new().format(self.point - 1).as_bytes());
    }
}

/// A number's characters on the stack: a sign, 17 digits, a point and an exponent.
#[derive(Default)]
struct Text {
    bytes: [u8; 32],
    len: usize,
}

impl Text {
    fn push(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    fn extend(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, '-', '.' and 'e' are ever pushed.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng, rngs::StdRng};

    /// What `Number` wrote before it used ryu: std's shortest digits (ties away from zero).
    fn by_std(x: f64) -> String {
        let a = x.abs();
        if a == 0.0 || !a.is_finite() || (1e-4..1e15).contains(&a) {
            format!("{x}")
        } else {
            format!("{x:e}")
        }
    }

    #[test]
    fn the_layout_is_plain_for_ordinary_magnitudes_and_scientific_beyond() {
        let cases = [
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.047537, "0.047537"),
            (120.0, "120"),
            (1e-4, "0.0001"),
            (9.999e-5, "9.999e-5"),
            (-1.25e-5, "-1.25e-5"),
            (1e-5, "1e-5"),
            (9.99e-6, "9.99e-6"),
            (1234567890123456.0, "1.234567890123456e15"),
            (9999999999999998.0, "9.999999999999998e15"),
            (1e16, "1e16"),
            (1e-100, "1e-100"),
            (-1e100, "-1e100"),
            (123456789012345.0, "123456789012345"),
            (1e15, "1e15"),
            (2.5e20, "2.5e20"),
            (-1e-300, "-1e-300"),
            (4.999227534814431e-15, "4.999227534814431e-15"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e308"),
            (0.0, "0"),
            (-0.0, "-0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "NaN"),
        ];
        for (x, want) in cases {
            assert_eq!(format_number(x), want, "{x:e}");
        }
    }

    /// The significant digits of a number's text.
    fn significant(text: &str) -> String {
        let mantissa = text.split('e').next().unwrap_or(text);
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        digits.trim_start_matches('0').to_string()
    }

    /// Where ours and std's digits differ, the double lies exactly halfway between them and
    /// ours ends in an even digit.
    fn assert_tie(v: f64, ours: &str, std: &str) {
        let (a, b) = (significant(ours), significant(std));
        assert_eq!(a.len(), b.len(), "{ours} vs {std}");
        let exact = significant(&format!("{:.60e}", v.abs()));
        let low = a.as_str().min(b.as_str());
        let (head, tail) = exact.split_at(low.len());
        assert!(
            head == low && tail.starts_with('5') && tail[1..].bytes().all(|c| c == b'0'),
            "{ours} vs {std}: {v:e} is {exact}, not a tie"
        );
        assert!(
            a.bytes().last().is_some_and(|d| d % 2 == 0),
            "{ours} is not even"
        );
    }

    #[test]
    fn every_number_reads_back_exactly_with_std_s_digits_but_ties_to_even() {
        let mut rng = StdRng::seed_from_u64(11);
        for _ in 0..200_000 {
            let x = f64::from_bits(rng.random::<u64>());
            if !x.is_finite() {
                continue;
            }
            // And as many at the magnitudes a CSV is full of.
            let y = rng.random_range(-20.0..20.0f64).exp2() * rng.random_range(-1.0..1.0);
            // And in the two bands laid out again.
            let z = rng.random_range(1e-5..1e-4) * [1.0, -1.0, 1e20, -1e20][rng.random_range(0..4)];
            for v in [x, y, z] {
                let (ours, std) = (format_number(v), by_std(v));
                assert_eq!(
                    ours.parse::<f64>().map(f64::to_bits),
                    Ok(v.to_bits()),
                    "{ours}"
                );
                if ours != std {
                    assert_tie(v, &ours, &std);
                }
            }
        }
    }
}
