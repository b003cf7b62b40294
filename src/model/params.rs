//! Parameters and plane directions as JSON in PyTorch's `nn.Linear` layout:
//! `{"layers": [{"weight": [[...] × out] (each row `in` long), "bias": [... × out]}, ...]}`,
//! and `{"directions": [{"layers": ...}, {"layers": ...}]}`.

use super::network::Architecture;
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerJson {
    pub weight: Vec<Vec<f64>>,
    pub bias: Vec<f64>,
}

/// One parameter vector (or one direction), layer by layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamsJson {
    pub layers: Vec<LayerJson>,
}

/// A plane's two directions; `explained_variance` is the PCA plane's share of the
/// trajectory's variance along each (absent for random directions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectionsJson {
    pub directions: Vec<ParamsJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explained_variance: Option<[f64; 2]>,
}

/// Why a parameter file does not fit a model.
#[derive(Debug, thiserror::Error)]
pub enum ParamsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Not JSON of the expected form, with a caret at the place.
    #[error("{0}")]
    Syntax(Box<Diagnostic>),
    #[error("{origin}: {message}")]
    Shape { origin: String, message: String },
}

impl ParamsJson {
    /// The flat vector (torch's `parameters()` order) as JSON layers.
    pub fn from_flat(arch: &Architecture, theta: &[f64]) -> Self {
        let layers = arch
            .layers()
            .iter()
            .map(|s| LayerJson {
                weight: theta[s.weight.clone()]
                    .chunks(s.inputs)
                    .map(<[f64]>::to_vec)
                    .collect(),
                bias: theta[s.bias.clone()].to_vec(),
            })
            .collect();
        Self { layers }
    }

    /// The flat vector, checking every shape against `arch`; `origin` names the file.
    pub fn to_flat(&self, arch: &Architecture, origin: &str) -> Result<Vec<f64>, ParamsError> {
        let shape = |message: String| ParamsError::Shape {
            origin: origin.to_string(),
            message,
        };
        let want = arch.layers();
        if self.layers.len() != want.len() {
            return Err(shape(format!(
                "{} layer(s), but the model ({}) has {}",
                self.layers.len(),
                arch.describe(),
                want.len()
            )));
        }
        let mut theta = Vec::with_capacity(arch.len());
        for (l, (layer, s)) in self.layers.iter().zip(want).enumerate() {
            if layer.weight.len() != s.outputs {
                return Err(shape(format!(
                    "layers[{l}].weight has {} row(s); expected {} (one per output, [out][in])",
                    layer.weight.len(),
                    s.outputs
                )));
            }
            for (o, row) in layer.weight.iter().enumerate() {
                if row.len() != s.inputs {
                    return Err(shape(format!(
                        "layers[{l}].weight[{o}] has {} value(s); expected {} (one per input)",
                        row.len(),
                        s.inputs
                    )));
                }
                theta.extend_from_slice(row);
            }
            if layer.bias.len() != s.outputs {
                return Err(shape(format!(
                    "layers[{l}].bias has {} value(s); expected {}",
                    layer.bias.len(),
                    s.outputs
                )));
            }
            theta.extend_from_slice(&layer.bias);
        }
        if let Some(i) = theta.iter().position(|v| !v.is_finite()) {
            return Err(shape(format!("parameter {i} is not finite")));
        }
        Ok(theta)
    }
}

/// Parses JSON `text` as `T`; a syntax or type error gets a caret at its line and column.
pub fn parse_json<T: serde::de::DeserializeOwned>(
    origin: &str,
    text: &str,
    expected: &str,
) -> Result<T, ParamsError> {
    serde_json::from_str(text).map_err(|e| {
        let offset = byte_offset(text, e.line(), e.column());
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        ParamsError::Syntax(Box::new(Diagnostic::new(
            origin,
            text,
            offset.saturating_sub(1)..offset,
            message,
            expected,
        )))
    })
}

/// Reads a file and parses it with [`parse_json`].
pub fn read_json<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    expected: &str,
) -> Result<T, ParamsError> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ParamsError::Read {
        path: origin.clone(),
        source,
    })?;
    parse_json(&origin, &text, expected)
}

/// Byte offset of serde_json's 1-based line and column (column 0: before the line).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column)
            .map_or(rest.len(), |(i, _)| i)
}

/// Reads a parameter file for `arch`.
pub fn read_params(path: &std::path::Path, arch: &Architecture) -> Result<Vec<f64>, ParamsError> {
    let json: ParamsJson = read_json(path, PARAMS_EXPECTED)?;
    json.to_flat(arch, &path.display().to_string())
}

/// Writes `theta` as a parameter file (pretty JSON, full precision).
pub fn write_params(
    path: &std::path::Path,
    arch: &Architecture,
    theta: &[f64],
) -> std::io::Result<()> {
    write_json(path, &ParamsJson::from_flat(arch, theta))
}

/// Writes any JSON value to `path`, pretty, with a final newline.
pub fn write_json<T: Serialize>(path: &std::path::Path, value: &T) -> std::io::Result<()> {
    let mut text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
}

/// What a parameter file should look like, for messages.
pub const PARAMS_EXPECTED: &str =
    "expected {\"layers\": [{\"weight\": [[...]], \"bias\": [...]}, ...]} (nn.Linear layout)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::{Activation, Loss};

    #[test]
    fn round_trips_and_names_shape_errors() {
        let arch = Architecture::new(vec![2, 3, 1], Activation::Tanh, Loss::Bce);
        let theta: Vec<f64> = (0..arch.len()).map(|i| i as f64).collect();
        let json = ParamsJson::from_flat(&arch, &theta);
        assert_eq!(
            json.layers[0].weight,
            vec![vec![0.0, 1.0], vec![2.0, 3.0], vec![4.0, 5.0]]
        );
        assert_eq!(json.layers[0].bias, vec![6.0, 7.0, 8.0]);
        assert_eq!(json.to_flat(&arch, "p.json").unwrap(), theta);
        let mut bad = json.clone();
        bad.layers[1].weight[0].pop();
        let e = bad.to_flat(&arch, "p.json").unwrap_err().to_string();
        assert_eq!(
            e,
            "p.json: layers[1].weight[0] has 2 value(s); expected 3 (one per input)"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_place() {
        let text = "{\"layers\": [\n  {\"weight\": [[1, 2]], \"bias\": [1,]}\n]}";
        let e = parse_json::<ParamsJson>("p.json", text, PARAMS_EXPECTED).unwrap_err();
        let ParamsError::Syntax(d) = e else {
            panic!("{e}")
        };
        assert_eq!(d.line, 2);
        assert_eq!((d.message.as_str(), d.column), ("trailing comma", 35));
    }
}
