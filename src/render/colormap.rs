//! Colours: the viridis colormap, linear or logarithmic value scaling, and the terminal's
//! colour capability (truecolor, 256 colours, none).

use ratatui::style::Color;

/// A plain RGB triple; turned into a terminal colour by [`ColorMode::color`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Relative luminance in [0, 1] (Rec. 709 weights on the encoded values; enough to pick
    /// a readable text colour).
    pub fn luminance(self) -> f64 {
        (0.2126 * f64::from(self.0) + 0.7152 * f64::from(self.1) + 0.0722 * f64::from(self.2))
            / 255.0
    }

    /// `self` moved a fraction `t` of the way towards `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// What the terminal can show. Part of the render configuration, so it is testable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    TrueColor,
    Ansi256,
    /// `NO_COLOR` is set: shapes and text only.
    NoColor,
}

impl ColorMode {
    /// From the environment: NO_COLOR (any value) wins, then COLORTERM=truecolor/24bit.
    pub fn detect() -> Self {
        Self::from_env(
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            std::env::var("COLORTERM").ok().as_deref(),
        )
    }

    pub fn from_env(no_color: bool, colorterm: Option<&str>) -> Self {
        if no_color {
            ColorMode::NoColor
        } else if matches!(colorterm, Some("truecolor") | Some("24bit")) {
            ColorMode::TrueColor
        } else {
            ColorMode::Ansi256
        }
    }

    /// The terminal colour for `rgb` in this mode (`Color::Reset` without colour).
    pub fn color(self, rgb: Rgb) -> Color {
        match self {
            ColorMode::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
            ColorMode::Ansi256 => Color::Indexed(ansi256(rgb)),
            ColorMode::NoColor => Color::Reset,
        }
    }

    /// The colour-scale colour at `t` in [0, 1]: viridis, or in 256 colours the palette
    /// colours nearest to it whose lightness still rises with `t` ([`viridis_256`]).
    pub fn ramp(self, t: f64) -> Color {
        match self {
            ColorMode::Ansi256 => Color::Indexed(viridis_256(t)),
            _ => self.color(viridis(t)),
        }
    }

    pub fn has_color(self) -> bool {
        self != ColorMode::NoColor
    }
}

/// The nearest xterm-256 colour: the 6×6×6 cube or the 24-step grey ramp, whichever is closer.
pub fn ansi256(Rgb(r, g, b): Rgb) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest_level(r), nearest_level(g), nearest_level(b));
    let cube = Rgb(LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let grey_avg = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let gi_ramp = ((grey_avg.saturating_sub(8)) / 10).min(23) as u8;
    let grey_v = 8 + 10 * gi_ramp;
    let grey = Rgb(grey_v, grey_v, grey_v);
    let dist = |c: Rgb| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(c.0, r) + d(c.1, g) + d(c.2, b)
    };
    if dist(grey) < dist(cube) {
        232 + gi_ramp
    } else {
        16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8
    }
}

/// Steps of the 256-colour viridis ramp.
const RAMP_STEPS: usize = 64;

/// The xterm-256 colour for viridis at `t`. The nearest colour of each sample alone is not
/// monotonic in lightness (…30, 24, then the grey lilac 60 for eight rows, then 54, 53: every
/// minimum got a pale halo), so the ramp is chosen as a whole: the closest colours in CIELAB
/// whose lightness never falls as `t` rises (a shortest path over the palette sorted by L*).
pub fn viridis_256(t: f64) -> u8 {
    static RAMP: std::sync::OnceLock<[u8; RAMP_STEPS]> = std::sync::OnceLock::new();
    let ramp = RAMP.get_or_init(monotone_ramp);
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    ramp[((t * (RAMP_STEPS - 1) as f64).round() as usize).min(RAMP_STEPS - 1)]
}

/// The RGB of xterm-256 colour `i` (16–255: the 6×6×6 cube and the grey ramp).
pub fn xterm_rgb(i: u8) -> Rgb {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    if i >= 232 {
        let v = 8 + 10 * (i - 232);
        return Rgb(v, v, v);
    }
    let k = i.saturating_sub(16);
    Rgb(
        LEVELS[usize::from(k / 36)],
        LEVELS[usize::from(k / 6 % 6)],
        LEVELS[usize::from(k % 6)],
    )
}

/// CIELAB (D65) of an sRGB colour.
pub fn lab(Rgb(r, g, b): Rgb) -> [f64; 3] {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(r), lin(g), lin(b));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |v: f64| {
        if v > 0.008856 {
            v.cbrt()
        } else {
            7.787 * v + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn monotone_ramp() -> [u8; RAMP_STEPS] {
    let mut palette: Vec<(u8, [f64; 3])> = (16..=255u8).map(|i| (i, lab(xterm_rgb(i)))).collect();
    palette.sort_by(|a, b| a.1[0].total_cmp(&b.1[0]));
    let samples: Vec<[f64; 3]> = (0..RAMP_STEPS)
        .map(|k| lab(viridis(k as f64 / (RAMP_STEPS - 1) as f64)))
        .collect();
    let dist = |a: &[f64; 3], b: &[f64; 3]| {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    };
    let n = palette.len();
    // cost[i][k]: best total distance for samples 0..=i with sample i on palette[k], every
    // earlier sample on a colour no lighter; from[i][k]: the choice for sample i − 1.
    let mut cost = vec![vec![0.0; n]; RAMP_STEPS];
    let mut from = vec![vec![0usize; n]; RAMP_STEPS];
    for (k, p) in palette.iter().enumerate() {
        cost[0][k] = dist(&samples[0], &p.1);
    }
    for i in 1..RAMP_STEPS {
        let (mut best, mut best_k) = (f64::INFINITY, 0);
        for k in 0..n {
            if cost[i - 1][k] < best {
                best = cost[i - 1][k];
                best_k = k;
            }
            cost[i][k] = best + dist(&samples[i], &palette[k].1);
            from[i][k] = best_k;
        }
    }
    let mut k = (0..n)
        .min_by(|&a, &b| cost[RAMP_STEPS - 1][a].total_cmp(&cost[RAMP_STEPS - 1][b]))
        .unwrap_or(0);
    let mut out = [0u8; RAMP_STEPS];
    for i in (0..RAMP_STEPS).rev() {
        out[i] = palette[k].0;
        k = from[i][k];
    }
    out
}

/// Viridis at `t` in [0, 1] (clamped): dark purple (low) to yellow (high).
pub fn viridis(t: f64) -> Rgb {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let c = colorous::VIRIDIS.eval_continuous(t);
    Rgb(c.r, c.g, c.b)
}

/// Maps values of f to [0, 1] for colouring and contour spacing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueScale {
    pub min: f64,
    pub max: f64,
    /// Logarithmic: t = ln(1 + (f − min)/δ) / ln(1 + (max − min)/δ).
    pub log: bool,
    /// The offset δ of the log scale: values within δ of the minimum share its colour.
    pub delta: f64,
}

/// How the user wants values scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleMode {
    /// Logarithmic when the values span decades, linear otherwise.
    #[default]
    Auto,
    Linear,
    Log,
}

impl ScaleMode {
    pub fn next(self) -> Self {
        match self {
            ScaleMode::Auto => ScaleMode::Linear,
            ScaleMode::Linear => ScaleMode::Log,
            ScaleMode::Log => ScaleMode::Auto,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ScaleMode::Auto => "auto",
            ScaleMode::Linear => "linear",
            ScaleMode::Log => "log",
        }
    }
}

/// Log scaling is chosen when the lowest tenth of the values lies within 1/30 of the range:
/// linearly, everything interesting near the minima would share one colour.
const DECADES_RATIO: f64 = 30.0;

impl ValueScale {
    /// A scale for these samples (non-finite ones are ignored).
    pub fn for_values(values: &[f64], mode: ScaleMode) -> Self {
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.is_empty() {
            return Self {
                min: 0.0,
                max: 1.0,
                log: false,
                delta: 1.0,
            };
        }
        finite.sort_by(f64::total_cmp);
        let min = finite[0];
        let mut max = finite[finite.len() - 1];
        if max - min <= 0.0 {
            max = min + 1.0;
        }
        let range = max - min;
        let q10 = finite[finite.len() / 10] - min;
        let spans_decades = q10 * DECADES_RATIO < range;
        let log = match mode {
            ScaleMode::Auto => spans_decades,
            ScaleMode::Linear => false,
            ScaleMode::Log => true,
        };
        // δ: a bit below the lowest tenth, but never below 1e-4 of the range (4 decades shown).
        let delta = (q10 * 0.1).max(range * 1e-4);
        Self {
            min,
            max,
            log,
            delta,
        }
    }

    /// The size of the values on screen, for telling round-off from a real value.
    pub fn magnitude(&self) -> f64 {
        self.min.abs().max(self.max.abs())
    }

    /// Position of value `v` on the scale, in [0, 1].
    pub fn t(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return if v == f64::NEG_INFINITY { 0.0 } else { 1.0 };
        }
        let d = (v - self.min).max(0.0);
        let t = if self.log {
            (d / self.delta).ln_1p() / ((self.max - self.min) / self.delta).ln_1p()
        } else {
            d / (self.max - self.min)
        };
        t.clamp(0.0, 1.0)
    }

    /// The value at position `t` (inverse of [`ValueScale::t`]).
    pub fn value_at(&self, t: f64) -> f64 {
        let range = self.max - self.min;
        if self.log {
            self.min + self.delta * (t * (range / self.delta).ln_1p()).exp_m1()
        } else {
            self.min + t * range
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_mode_from_env() {
        assert_eq!(
            ColorMode::from_env(true, Some("truecolor")),
            ColorMode::NoColor
        );
        assert_eq!(
            ColorMode::from_env(false, Some("truecolor")),
            ColorMode::TrueColor
        );
        assert_eq!(
            ColorMode::from_env(false, Some("24bit")),
            ColorMode::TrueColor
        );
        assert_eq!(ColorMode::from_env(false, None), ColorMode::Ansi256);
        assert_eq!(ColorMode::NoColor.color(Rgb(1, 2, 3)), Color::Reset);
        assert_eq!(
            ColorMode::TrueColor.color(Rgb(1, 2, 3)),
            Color::Rgb(1, 2, 3)
        );
    }

    #[test]
    fn ansi256_hits_cube_and_greys() {
        assert_eq!(ansi256(Rgb(255, 0, 0)), 196); // 16 + 36·5
        assert_eq!(ansi256(Rgb(0, 0, 0)), 16);
        assert_eq!(ansi256(Rgb(255, 255, 255)), 231);
        assert_eq!(ansi256(Rgb(128, 128, 128)), 244); // grey 8 + 10·12 = 128
    }

    #[test]
    fn viridis_ends() {
        // matplotlib's viridis: #440154 at 0, #fde725 at 1.
        assert_eq!(viridis(0.0), Rgb(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), Rgb(0xfd, 0xe7, 0x25));
    }

    #[test]
    fn linear_and_log_scales_invert() {
        // Evenly spread values 0, 1, ..., 100: the lowest tenth reaches 10, linear.
        let even: Vec<f64> = (0..=100).map(f64::from).collect();
        let lin = ValueScale::for_values(&even, ScaleMode::Auto);
        assert!(!lin.log);
        assert!((lin.t(25.0) - 0.25).abs() < 1e-12);
        // Values spanning six decades pick the log scale.
        let vals: Vec<f64> = (0..100).map(|i| 10f64.powf(f64::from(i) * 0.06)).collect();
        let log = ValueScale::for_values(&vals, ScaleMode::Auto);
        assert!(log.log);
        for t in [0.0, 0.3, 0.7, 1.0] {
            assert!((log.t(log.value_at(t)) - t).abs() < 1e-9);
        }
        // On a log scale the midpoint sits far below the arithmetic middle of the range.
        assert!(log.value_at(0.5) < 0.1 * (log.min + log.max));
    }

    #[test]
    fn the_256_colour_ramp_rises_in_lightness_and_stays_near_viridis() {
        let ramp: Vec<u8> = (0..=100)
            .map(|k| viridis_256(f64::from(k) / 100.0))
            .collect();
        let light: Vec<f64> = ramp.iter().map(|&i| lab(xterm_rgb(i))[0]).collect();
        assert!(light.windows(2).all(|w| w[1] >= w[0]), "{ramp:?}");
        // The grey lilac 60 (#5f5f87) of the old per-colour nearest match is gone.
        assert!(!ramp.contains(&60), "{ramp:?}");
        // Dark purple at the bottom, yellow at the top, many steps between.
        assert!(light[0] < 25.0 && light[100] > 85.0, "{light:?}");
        let mut distinct = ramp.clone();
        distinct.dedup();
        assert!(distinct.len() >= 8, "{distinct:?}");
        assert_eq!(xterm_rgb(60), Rgb(95, 95, 135));
        assert_eq!(xterm_rgb(232), Rgb(8, 8, 8));
    }
}
