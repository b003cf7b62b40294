//! A multilayer perceptron's shape: layer sizes, activation and loss, and where each layer's
//! weights and biases sit in the flat parameter vector.
//!
//! The flat order is torch's `model.parameters()` for a stack of `nn.Linear`: layer 0's weight
//! (row-major, [out][in]), layer 0's bias, layer 1's weight, ... so a flat vector here and
//! `torch.cat([p.flatten() for p in model.parameters()])` are the same numbers.

use std::ops::Range;

/// Nonlinearity on hidden layers (the output layer is linear).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Tanh,
    Relu,
    Sigmoid,
}

impl Activation {
    pub const NAMES: &[&str] = &["tanh", "relu", "sigmoid"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "tanh" => Some(Self::Tanh),
            "relu" => Some(Self::Relu),
            "sigmoid" => Some(Self::Sigmoid),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::Sigmoid => "sigmoid",
        }
    }
}

/// The training loss over the network's single output z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Loss {
    /// mean of log(1 + eᶻ) − y·z: torch's `BCEWithLogitsLoss` for 0/1 targets.
    Bce,
    /// mean of (z − y)²: torch's `MSELoss`.
    Mse,
}

impl Loss {
    pub const NAMES: &[&str] = &["bce", "mse"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "bce" => Some(Self::Bce),
            "mse" => Some(Self::Mse),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Bce => "bce",
            Self::Mse => "mse",
        }
    }
}

/// Where one `nn.Linear` lives in the flat vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerSlots {
    pub inputs: usize,
    pub outputs: usize,
    /// `weight[o][i]` is at `weight.start + o·inputs + i`.
    pub weight: Range<usize>,
    pub bias: Range<usize>,
}

impl LayerSlots {
    /// Weights and bias together: the layer's parameter group.
    pub fn all(&self) -> Range<usize> {
        self.weight.start..self.bias.end
    }
}

/// Layer sizes [input, hidden..., 1], an activation and a loss.
#[derive(Debug, Clone, PartialEq)]
pub struct Architecture {
    sizes: Vec<usize>,
    pub activation: Activation,
    pub loss: Loss,
    layers: Vec<LayerSlots>,
}

impl Architecture {
    /// `sizes` has at least two entries, all ≥ 1 (checked by the model file).
    pub fn new(sizes: Vec<usize>, activation: Activation, loss: Loss) -> Self {
        let mut layers = Vec::with_capacity(sizes.len().saturating_sub(1));
        let mut at = 0;
        for w in sizes.windows(2) {
            let (inputs, outputs) = (w[0], w[1]);
            let weight = at..at + inputs * outputs;
            let bias = weight.end..weight.end + outputs;
            at = bias.end;
            layers.push(LayerSlots {
                inputs,
                outputs,
                weight,
                bias,
            });
        }
        Self {
            sizes,
            activation,
            loss,
            layers,
        }
    }

    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    pub fn layers(&self) -> &[LayerSlots] {
        &self.layers
    }

    /// Number of parameters N.
    pub fn len(&self) -> usize {
        self.layers.last().map_or(0, |l| l.bias.end)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each layer's parameter range: the optimizer groups of a network.
    pub fn groups(&self) -> Vec<Range<usize>> {
        self.layers.iter().map(LayerSlots::all).collect()
    }

    /// "2-8-8-1 tanh, bce (105 parameters)".
    pub fn describe(&self) -> String {
        let sizes: Vec<String> = self.sizes.iter().map(usize::to_string).collect();
        format!(
            "{} {}, {} ({} parameters)",
            sizes.join("-"),
            self.activation.name(),
            self.loss.name(),
            self.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_torch_parameters_order() {
        let a = Architecture::new(vec![2, 8, 8, 1], Activation::Tanh, Loss::Bce);
        assert_eq!(a.len(), 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
        let l = &a.layers()[1];
        assert_eq!((l.weight.clone(), l.bias.clone()), (24..88, 88..96));
        assert_eq!(a.groups(), vec![0..24, 24..96, 96..105]);
        assert_eq!(a.describe(), "2-8-8-1 tanh, bce (105 parameters)");
    }
}
