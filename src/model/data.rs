//! A data set for a network: named input columns and one target column of a CSV file.

use crate::surface::DataError;

/// Rows of inputs (after standardization, if asked) and targets.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSet {
    pub input_names: Vec<String>,
    pub target_name: String,
    /// Row-major: row r's inputs are `inputs[r·d .. (r+1)·d]`.
    inputs: Vec<f64>,
    targets: Vec<f64>,
    /// (mean, population std) of each raw input column, when standardized.
    pub scaling: Option<Vec<(f64, f64)>>,
    /// The 1-based CSV line of each row, for messages about a row.
    pub lines: Vec<u64>,
}

impl DataSet {
    /// Reads `inputs` and `target` from a CSV with a header row.
    pub fn from_csv(csv_text: &str, inputs: &[&str], target: &str) -> Result<Self, DataError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(csv_text.as_bytes());
        let csv_error = |e: csv::Error| DataError::Csv {
            line: e.position().map_or(1, |p| p.line()),
            message: e.to_string(),
        };
        let headers = reader.headers().map_err(csv_error)?.clone();
        let column = |wanted: &str| {
            headers
                .iter()
                .position(|h| h == wanted)
                .ok_or_else(|| DataError::MissingColumn {
                    column: wanted.to_string(),
                    available: headers.iter().collect::<Vec<_>>().join(", "),
                })
        };
        let wanted: Vec<&str> = inputs.iter().copied().chain([target]).collect();
        let index: Vec<usize> = wanted.iter().map(|c| column(c)).collect::<Result<_, _>>()?;
        let (mut xs, mut ys, mut lines) = (Vec::new(), Vec::new(), Vec::new());
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let line = record.position().map_or(0, |p| p.line());
            for (k, (&i, col)) in index.iter().zip(&wanted).enumerate() {
                let text = record.get(i).unwrap_or("");
                let v = text
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| DataError::BadNumber {
                        line,
                        column: col.to_string(),
                        value: text.to_string(),
                    })?;
                if k < inputs.len() {
                    xs.push(v);
                } else {
                    ys.push(v);
                }
            }
            lines.push(line);
        }
        if ys.len() < 2 {
            return Err(DataError::TooFewRows { rows: ys.len() });
        }
        Ok(Self {
            input_names: inputs.iter().map(|s| s.to_string()).collect(),
            target_name: target.to_string(),
            inputs: xs,
            targets: ys,
            scaling: None,
            lines,
        })
    }

    /// Each input column to mean 0 and population std 1 (as sklearn's StandardScaler).
    pub fn standardize(&mut self) -> Result<(), DataError> {
        let (n, d) = (self.rows(), self.dim());
        let mut scaling = Vec::with_capacity(d);
        for j in 0..d {
            let col = || (0..n).map(|r| self.inputs[r * d + j]);
            let mean = col().sum::<f64>() / n as f64;
            let std = (col().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
            if std <= 1e-12 * mean.abs().max(1.0) {
                return Err(DataError::ConstantInput {
                    column: self.input_names[j].clone(),
                    value: self.inputs[j],
                });
            }
            scaling.push((mean, std));
        }
        for r in 0..n {
            for (j, &(m, s)) in scaling.iter().enumerate() {
                let v = &mut self.inputs[r * d + j];
                *v = (*v - m) / s;
            }
        }
        self.scaling = Some(scaling);
        Ok(())
    }

    pub fn rows(&self) -> usize {
        self.targets.len()
    }

    /// Number of input columns d.
    pub fn dim(&self) -> usize {
        self.input_names.len()
    }

    pub fn input(&self, row: usize) -> &[f64] {
        let d = self.dim();
        &self.inputs[row * d..(row + 1) * d]
    }

    pub fn target(&self, row: usize) -> f64 {
        self.targets[row]
    }

    pub fn targets(&self) -> &[f64] {
        &self.targets
    }

    /// The first row whose target is neither 0 nor 1 (for `loss = "bce"`).
    pub fn first_non_binary(&self) -> Option<usize> {
        self.targets.iter().position(|&y| y != 0.0 && y != 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_and_standardizes_with_population_std() {
        let csv = "a,b,y\n1,10,0\n2,10,1\n3,40,1\n";
        let mut d = DataSet::from_csv(csv, &["a", "b"], "y").unwrap();
        assert_eq!((d.rows(), d.dim(), d.input(2)), (3, 2, &[3.0, 40.0][..]));
        d.standardize().unwrap();
        let s = (2.0f64 / 3.0).sqrt();
        assert!((d.input(0)[0] + 1.0 / s).abs() < 1e-15);
        assert_eq!(d.scaling.as_ref().unwrap()[1].0, 20.0);
        assert_eq!(d.first_non_binary(), None);
        let bad = DataSet::from_csv("a,y\n1,0\nx,1\n", &["a"], "y").unwrap_err();
        assert_eq!(
            bad,
            DataError::BadNumber {
                line: 3,
                column: "a".into(),
                value: "x".into()
            }
        );
    }
}
