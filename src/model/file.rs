//! Model files: a network, its data and its training loss described in TOML.
//!
//! ```toml
//! name = "iris: virginica or not"
//! kind = "mlp"
//! data = "../data/iris.csv"          # relative to this file
//! inputs = ["petal_length", "petal_width"]
//! target = "is_virginica"            # 0/1 for loss = "bce"; any number for "mse"
//! layers = [2, 8, 8, 1]              # input, hidden..., one output
//! activation = "tanh"                # tanh | relu | sigmoid on hidden layers; output linear
//! loss = "bce"                       # bce | mse
//! standardize = true                 # inputs to mean 0, std 1 (population std)
//! init = "torch"                     # nn.Linear's default U(−1/√fan_in, 1/√fan_in)
//! seed = 0                           # of the initial parameters
//! ```
//!
//! Mistakes get the same caret messages as surface files, in the TOML or in the CSV.

use super::data::DataSet;
use super::mlp::Mlp;
use super::network::{Activation, Architecture, Loss};
use crate::diagnostic::Diagnostic;
use crate::surface::DataError;
use crate::surface::file::cell_span;
use crate::toml_doc::{Doc, Field, Table};
use std::path::Path;

/// Keys of a model file.
pub const MODEL_KEYS: &[&str] = &[
    "name",
    "description",
    "kind",
    "data",
    "inputs",
    "target",
    "layers",
    "activation",
    "loss",
    "standardize",
    "init",
    "seed",
];

#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("cannot read model file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
}

impl From<Box<Diagnostic>> for ModelFileError {
    fn from(d: Box<Diagnostic>) -> Self {
        Self::Invalid(d)
    }
}

/// Reads a model file; `data` is resolved against the file's directory.
pub fn load(path: &Path) -> Result<Mlp, ModelFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| ModelFileError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse_str(
        &path.display().to_string(),
        &text,
        path.parent().unwrap_or(Path::new(".")),
    )
}

/// Loads a model file's text; `origin` names it in messages.
pub fn parse_str(origin: &str, text: &str, base_dir: &Path) -> Result<Mlp, ModelFileError> {
    let doc = Doc::parse(origin, text)?;
    let root = doc.root();
    root.only_keys(MODEL_KEYS)?;
    expect_word(
        &root.require("kind", "kind = \"mlp\"")?,
        "model kind",
        "mlp",
    )?;
    let name = root.require("name", "name = \"my network\"")?.str()?;
    let description = root.get("description").map(|f| f.str()).transpose()?;
    let inputs_field = root.require("inputs", "inputs = [\"petal_length\", \"petal_width\"]")?;
    let inputs = inputs_field.array("an array of column names, e.g. [\"x1\", \"x2\"]")?;
    let input_names: Vec<&str> = inputs.iter().map(|f| f.str()).collect::<Result<_, _>>()?;
    if input_names.is_empty() {
        return Err(inputs_field
            .invalid("'inputs' is empty", "expected at least one column name")
            .into());
    }
    let target = root.require("target", "target = \"label\"")?;
    let activation = choice(
        &root,
        "activation",
        Activation::NAMES,
        "tanh",
        Activation::parse,
    )?;
    let loss = choice(&root, "loss", Loss::NAMES, "bce", Loss::parse)?;
    if let Some(init) = root.get("init") {
        expect_word(&init, "init", "torch")?;
    }
    let layers = root.require("layers", "layers = [2, 8, 1]")?;
    let sizes = layer_sizes(&layers, input_names.len())?;
    let seed = root
        .get("seed")
        .map(|f| f.count())
        .transpose()?
        .unwrap_or(0);
    let columns = Columns {
        fields: inputs.iter().chain([&target]).collect(),
        inputs: &input_names,
        target: &target,
    };
    let set = data_set(&root, base_dir, &columns, loss)?;
    let mut mlp = Mlp::new(name, Architecture::new(sizes, activation, loss), set, seed);
    mlp.description = description.map(str::to_string);
    Ok(mlp)
}

/// A string key whose one accepted value is `word` (`kind = "mlp"`, `init = "torch"`).
fn expect_word(field: &Field, what: &str, word: &str) -> Result<(), ModelFileError> {
    let got = field.str()?;
    if got == word {
        return Ok(());
    }
    Err(field
        .invalid(
            format!("unknown {what} '{got}'"),
            &format!("expected \"{word}\""),
        )
        .into())
}

/// The columns a model reads from its data file: the fields naming them (for errors that point
/// at the name), the input names and the target.
struct Columns<'c, 'd, 'a> {
    fields: Vec<&'c Field<'d, 'a>>,
    inputs: &'c [&'d str],
    target: &'c Field<'d, 'a>,
}

/// The `data` CSV as a data set: read relative to the model file, a 0/1 target checked for
/// `loss = "bce"`, standardised if the file asks.
fn data_set(
    root: &Table,
    base_dir: &Path,
    columns: &Columns,
    loss: Loss,
) -> Result<DataSet, ModelFileError> {
    let standardize = root
        .get("standardize")
        .map(|f| f.bool())
        .transpose()?
        .unwrap_or(false);
    let data = root.require("data", "data = \"../data/iris.csv\"")?;
    let csv_path = base_dir.join(data.str()?);
    let csv_text = std::fs::read_to_string(&csv_path).map_err(|e| {
        data.invalid(
            format!("cannot read data file {}: {e}", csv_path.display()),
            "expected a CSV file with a header row, path relative to this file",
        )
    })?;
    let csv_origin = csv_path.display().to_string();
    let at_csv = |e: DataError| {
        crate::surface::file::data_error(&data, &columns.fields, &csv_origin, &csv_text, e)
    };
    let target = columns.target.str()?;
    let mut set = DataSet::from_csv(&csv_text, columns.inputs, target).map_err(at_csv)?;
    if loss == Loss::Bce
        && let Some(r) = set.first_non_binary()
    {
        let line = set.lines[r];
        let value = set.target(r).to_string();
        return Err(Box::new(Diagnostic::new(
            &csv_origin,
            &csv_text,
            cell_span(&csv_text, line, target, ""),
            format!("target '{target}' is {value} on this row; loss = \"bce\" needs 0 or 1"),
            "expected 0 or 1 (or use loss = \"mse\" for a numeric target)",
        ))
        .into());
    }
    if standardize {
        set.standardize().map_err(at_csv)?;
    }
    Ok(set)
}

/// A string key with a fixed set of values (and a default when absent).
fn choice<T>(
    root: &Table,
    key: &str,
    names: &[&str],
    default: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, Box<Diagnostic>> {
    let Some(f) = root.get(key) else {
        return Ok(parse(default).expect("default is one of the names"));
    };
    let s = f.str()?;
    parse(s).ok_or_else(|| {
        let mut d = f.invalid(
            format!("unknown {key} '{s}'"),
            &format!("expected one of: {}", names.join(", ")),
        );
        if let Some(c) = crate::surface::expr::closest_name(s, names.iter().copied()) {
            d.help = Some(format!("did you mean '{c}'?"));
        }
        d
    })
}

/// `layers = [inputs, hidden..., 1]`, each a whole number ≥ 1.
fn layer_sizes(layers: &Field, inputs: usize) -> Result<Vec<usize>, Box<Diagnostic>> {
    let items = layers.array("an array of layer sizes, e.g. [2, 8, 1]")?;
    let mut sizes = Vec::with_capacity(items.len());
    for f in &items {
        let n = f.count()?;
        if n == 0 || n > 4096 {
            return Err(f.invalid(
                format!("a layer of {n} units"),
                "expected a size from 1 to 4096",
            ));
        }
        sizes.push(n as usize);
    }
    if sizes.len() < 2 {
        return Err(layers.invalid(
            "a network needs an input and an output size",
            "expected e.g. [2, 8, 1]",
        ));
    }
    if sizes[0] != inputs {
        return Err(items[0].invalid(
            format!(
                "the input layer has {} units but 'inputs' names {inputs} column(s)",
                sizes[0]
            ),
            &format!("expected {inputs}"),
        ));
    }
    if sizes[sizes.len() - 1] != 1 {
        return Err(items[sizes.len() - 1].invalid(
            "the output layer must have 1 unit",
            "expected 1 (one output z)",
        ));
    }
    let n: usize = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
    if n > 20_000 {
        return Err(layers.invalid(
            format!("{n} parameters: the dense Hessian of this program is for up to 20 000"),
            "expected smaller layers",
        ));
    }
    Ok(sizes)
}
