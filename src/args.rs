//! Parsing of command-line values shared by every command: points, regions, frame sizes,
//! optimizer specs, and the one default seed. Below both `cli` and `commands` (it knows
//! neither), so argument types can live with their command without a cycle.

use crate::optim::OptimizerSpec;
use crate::surface::{Point, Region};

/// The seed of every command (`run`, `tui`, `render`, `play`, ...) unless `--seed` says
/// otherwise: the same arguments give the same trajectories everywhere.
pub const DEFAULT_SEED: u64 = 0;

/// Smallest frame (still frame or recording): the visualizer's own minimum.
pub const MIN_FRAME: (u16, u16) = crate::tui::ui::MIN_SIZE;
/// Largest frame (bounded so a typo cannot ask for gigabytes).
pub const MAX_FRAME: (u16, u16) = (1000, 500);

/// Parses `X,Y` (e.g. `-1.5,2`) into a point.
pub fn parse_point(s: &str) -> Result<Point, String> {
    let bad = || format!("invalid point '{s}': expected X,Y with two finite numbers, e.g. -1.5,2");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let x: f64 = a.trim().parse().map_err(|_| bad())?;
    let y: f64 = b.trim().parse().map_err(|_| bad())?;
    if !(x.is_finite() && y.is_finite()) {
        return Err(bad());
    }
    Ok(Point::new(x, y))
}

/// Parses `X0:X1,Y0:Y1` (e.g. `-3:3,-2:2`) into a region.
pub fn parse_region(s: &str) -> Result<Region, String> {
    s.parse::<Region>().map_err(|e| e.to_string())
}

/// Parses `WxH` (e.g. `100x30`) within [`MIN_FRAME`] and [`MAX_FRAME`].
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (min, max) = (MIN_FRAME, MAX_FRAME);
    let expected = format!(
        "expected WIDTHxHEIGHT in cells, e.g. 100x30, from {}x{} to {}x{}",
        min.0, min.1, max.0, max.1
    );
    if let Some(e) = crate::commands::values::negative_size(s) {
        return Err(e);
    }
    let (w, h) = s
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)))
        .ok_or_else(|| format!("invalid size '{s}': {expected}"))?;
    if !(min.0..=max.0).contains(&w) || !(min.1..=max.1).contains(&h) {
        return Err(format!("size {w}x{h} is out of range: {expected}"));
    }
    Ok((w, h))
}

/// Parses an optimizer spec `NAME[:key=value,...]`: the one parser behind every `--opt`.
pub fn parse_opt(s: &str) -> Result<OptimizerSpec, String> {
    s.parse::<OptimizerSpec>().map_err(|e| e.to_string())
}

/// A `--surface` value as typed: a built-in name or a surface file's path. Clap only checks
/// it is not empty; the command loads it once (`commands::load_surface`), with one error path.
pub fn parse_surface_name(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err(
            "expected a surface: a built-in name (see `losscape surfaces`) or a .toml file".into(),
        );
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_say_the_form() {
        assert_eq!(parse_size("100x30"), Ok((100, 30)));
        assert_eq!(parse_size("80X24"), Ok((80, 24)));
        for bad in ["100", "100x", "x30", "ax30", "100*30", ""] {
            let e = parse_size(bad).unwrap_err();
            assert!(e.contains("expected WIDTHxHEIGHT"), "{bad}: {e}");
        }
        assert!(parse_size("10x30").unwrap_err().contains("out of range"));
        assert!(parse_size("2000x30").unwrap_err().contains("out of range"));
    }

    #[test]
    fn points_need_two_finite_numbers() {
        assert_eq!(parse_point("-1.5, 2"), Ok(Point::new(-1.5, 2.0)));
        for bad in ["1", "1;2", "a,2", "inf,0", "1,NaN"] {
            assert!(
                parse_point(bad).unwrap_err().contains("expected X,Y"),
                "{bad}"
            );
        }
    }

    #[test]
    fn specs_parse_through_one_function() {
        assert_eq!(
            parse_opt("adam:lr=0.05").unwrap().to_string(),
            "adam:lr=0.05"
        );
        assert!(
            parse_opt("gd:speed=3")
                .unwrap_err()
                .contains("no key 'speed'")
        );
    }
}
