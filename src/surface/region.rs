//! An axis-aligned box in parameter space, and its `X0:X1,Y0:Y1` text form.

use std::fmt;
use std::str::FromStr;

use super::format_number;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Region {
    pub fn new(x0: f64, x1: f64, y0: f64, y1: f64) -> Self {
        Self { x0, x1, y0, y1 }
    }
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "invalid region '{input}': {reason}; expected X0:X1,Y0:Y1 with X0 < X1 and Y0 < Y1, e.g. -2:2,-1:3"
)]
pub struct RegionError {
    pub input: String,
    pub reason: String,
}

impl FromStr for Region {
    type Err = RegionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| RegionError {
            input: s.to_string(),
            reason: reason.to_string(),
        };
        let (xs, ys) = s.split_once(',').ok_or_else(|| err("missing ','"))?;
        let range = |part: &str| -> Result<(f64, f64), RegionError> {
            let (a, b) = part
                .split_once(':')
                .ok_or_else(|| err("each range needs ':'"))?;
            let a: f64 = a.trim().parse().map_err(|_| err("not a number"))?;
            let b: f64 = b.trim().parse().map_err(|_| err("not a number"))?;
            if !(a.is_finite() && b.is_finite()) {
                return Err(err("bounds must be finite"));
            }
            if a >= b {
                return Err(err("each range must increase"));
            }
            Ok((a, b))
        };
        let (x0, x1) = range(xs)?;
        let (y0, y1) = range(ys)?;
        Ok(Region { x0, x1, y0, y1 })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [x0, x1, y0, y1] = [self.x0, self.x1, self.y0, self.y1].map(format_number);
        write!(f, "{x0}:{x1},{y0}:{y1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_negative_bounds() {
        let r: Region = "-2:2,-1.5:3".parse().unwrap();
        assert_eq!(r, Region::new(-2.0, 2.0, -1.5, 3.0));
    }

    #[test]
    fn displays_in_a_form_that_parses_back() {
        for r in [
            Region::new(-2.0, 2.0, -1.5, 3.0),
            Region::new(-1e-300, 1e-300, 0.0, 1e308),
        ] {
            assert_eq!(r.to_string().parse::<Region>().unwrap(), r);
        }
        assert_eq!(Region::new(-2.0, 2.0, -1.5, 3.0).to_string(), "-2:2,-1.5:3");
        assert_eq!(format_number(1e-300), "1e-300");
        assert_eq!(format_number(0.047537), "0.047537");
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "1:2", "2:1,0:1", "a:b,0:1", "0:1,0:inf"] {
            assert!(bad.parse::<Region>().is_err(), "{bad}");
        }
    }
}
