//! Streaming a race's rows as CSV, JSON or a summary table: each row is written once the
//! next is known (so each run's last row can carry how it ended), and nothing else is kept.

use crate::run::{Run, RunStatus, TrajectoryPoint};
use crate::surface::format_number as num;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Table,
}

/// One row held back until the next arrives.
struct Row {
    point: TrajectoryPoint,
    /// λmax of the exact Hessian at the point (the `sharpness` column).
    sharpness: f64,
    /// All parameters (N-D runs only; a 2-D run's are `point.x`).
    params: Vec<f64>,
}

pub struct Sink<'a, W: Write> {
    format: Format,
    out: &'a mut W,
    dim: usize,
    pending: Option<Row>,
    /// Rows of the current run written so far (JSON separators).
    written: usize,
    runs: usize,
    table: Vec<[String; 9]>,
}

impl<'a, W: Write> Sink<'a, W> {
    pub fn new(format: Format, out: &'a mut W, dim: usize) -> Self {
        Self {
            format,
            out,
            dim,
            pending: None,
            written: 0,
            runs: 0,
            table: Vec::new(),
        }
    }

    pub fn begin(&mut self, surface: &str, dim: Option<usize>, seed: u64) -> io::Result<()> {
        match self.format {
            Format::Csv => self.csv_header(),
            Format::Json => {
                let dim = dim.map_or(String::new(), |d| format!("\n  \"dim\": {d},"));
                let surface = serde_json::to_string(surface)?;
                write!(
                    self.out,
                    "{{\n  \"surface\": {surface},{dim}\n  \"seed\": {seed},\n  \"runs\": ["
                )
            }
            Format::Table => Ok(()),
        }
    }

    pub fn begin_run(&mut self, run: &Run) -> io::Result<()> {
        self.written = 0;
        if self.format == Format::Json {
            let sep = if self.runs == 0 { "" } else { "," };
            let label = serde_json::to_string(&run.label())?;
            let spec = serde_json::to_string(&run.spec().to_string())?;
            write!(
                self.out,
                "{sep}\n    {{\n      \"optimizer\": {label},\n      \"spec\": {spec},\n      \"trajectory\": ["
            )?;
        }
        self.runs += 1;
        Ok(())
    }

    /// The run's latest point, to be printed.
    pub fn point(&mut self, run: &Run) -> io::Result<()> {
        if let Some(row) = self.pending.take() {
            self.write_row(run, &row, None)?;
        }
        self.pending = Some(self.row(run));
        Ok(())
    }

    /// The run ended: its last point is printed (with its status) whether or not it was due.
    pub fn end_run(&mut self, run: &Run) -> io::Result<()> {
        let last = run.current().step;
        if self.pending.as_ref().is_some_and(|r| r.point.step != last) {
            self.point(run)?;
        }
        if let Some(row) = self.pending.take() {
            self.write_row(run, &row, Some(run))?;
        }
        match self.format {
            Format::Csv => Ok(()),
            Format::Json => self.json_end_run(run),
            Format::Table => {
                self.table.push(self.table_row(run));
                Ok(())
            }
        }
    }

    pub fn finish(&mut self) -> io::Result<()> {
        match self.format {
            Format::Csv => {}
            Format::Json => writeln!(self.out, "\n  ]\n}}")?,
            Format::Table => self.write_table()?,
        }
        self.out.flush()
    }

    fn row(&self, run: &Run) -> Row {
        Row {
            point: *run.current(),
            sharpness: run.sharpness(),
            params: if self.dim > 2 {
                run.params().to_vec()
            } else {
                Vec::new()
            },
        }
    }

    fn coords(&self, row: &Row) -> Vec<f64> {
        if self.dim > 2 {
            row.params.clone()
        } else {
            vec![row.point.x.x, row.point.x.y]
        }
    }

    fn csv_header(&mut self) -> io::Result<()> {
        let mut cols = vec!["optimizer".to_string(), "step".into()];
        if self.dim > 2 {
            cols.extend((1..=self.dim).map(|i| format!("x{i}")));
        } else {
            cols.extend(["x".into(), "y".into()]);
        }
        cols.extend(
            [
                "loss",
                "grad_norm",
                "sharpness",
                "lr",
                "values",
                "gradients",
                "hessians",
                "status",
                "converged_to",
            ]
            .map(String::from),
        );
        writeln!(self.out, "{}", cols.join(","))
    }

    /// Writes one row; `ended` is the run when this is its last row.
    fn write_row(&mut self, run: &Run, row: &Row, ended: Option<&Run>) -> io::Result<()> {
        let status = ended.map_or("running", |r| r.status().name());
        let to = ended
            .and_then(|r| r.converged_to())
            .map_or("", |k| k.as_str());
        match self.format {
            Format::Csv => {
                let p = &row.point;
                let mut fields = vec![run.label(), p.step.to_string()];
                fields.extend(self.coords(row).into_iter().map(num));
                fields.extend([num(p.loss), num(p.grad_norm), num(row.sharpness), num(p.lr)]);
                fields.extend(
                    [p.evals.values, p.evals.gradients, p.evals.hessians].map(|n| n.to_string()),
                );
                fields.extend([status.to_string(), to.to_string()]);
                let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(self.out, "{}", fields.join(","))
            }
            Format::Json => {
                let sep = if self.written == 0 { "" } else { "," };
                self.written += 1;
                let point = serde_json::to_string(&self.point_json(row))?;
                write!(self.out, "{sep}\n        {point}")
            }
            Format::Table => Ok(()),
        }
    }

    fn point_json(&self, row: &Row) -> serde_json::Value {
        let p = &row.point;
        let mut v = serde_json::json!({
            "step": p.step,
            "loss": p.loss,
            "grad_norm": p.grad_norm,
            "sharpness": row.sharpness,
            "lr": p.lr,
            "values": p.evals.values,
            "gradients": p.evals.gradients,
            "hessians": p.evals.hessians,
        });
        if self.dim > 2 {
            v["params"] = serde_json::json!(row.params);
        } else {
            v["x"] = serde_json::json!(p.x.x);
            v["y"] = serde_json::json!(p.x.y);
        }
        v
    }

    fn json_end_run(&mut self, run: &Run) -> io::Result<()> {
        let reason = match run.status() {
            RunStatus::Diverged { reason, .. } => Some(reason.to_string()),
            _ => None,
        };
        let tail = [
            ("status", serde_json::json!(run.status().name())),
            ("end_step", serde_json::json!(run.status().end_step())),
            ("reason", serde_json::json!(reason)),
            ("converged_to", serde_json::json!(run.converged_to())),
        ];
        write!(self.out, "\n      ]")?;
        for (k, v) in tail {
            write!(self.out, ",\n      \"{k}\": {}", serde_json::to_string(&v)?)?;
        }
        write!(self.out, "\n    }}")
    }

    fn table_row(&self, run: &Run) -> [String; 9] {
        let p = run.current();
        let status = match run.status() {
            RunStatus::Diverged { step, reason } => format!("diverged at {step}: {reason}"),
            RunStatus::Converged { step } => match run.converged_to() {
                Some(k) => format!("converged at {step} — {}", article(k.as_str())),
                None => format!("converged at {step}"),
            },
            s => s.name().to_string(),
        };
        let (a, b) = if self.dim > 2 {
            (coords_text(run.params()), format!("{:.3e}", p.grad_norm))
        } else {
            (format!("{:.6}", p.x.x), format!("{:.6}", p.x.y))
        };
        [
            run.label(),
            a,
            b,
            format!("{:.6e}", p.loss),
            p.step.to_string(),
            p.evals.values.to_string(),
            p.evals.gradients.to_string(),
            p.evals.hessians.to_string(),
            status,
        ]
    }

    fn write_table(&mut self) -> io::Result<()> {
        let (a, b) = if self.dim > 2 {
            ("x", "|∇f|")
        } else {
            ("x", "y")
        };
        let header = [
            "optimizer",
            a,
            b,
            "loss",
            "steps",
            "f evals",
            "∇f evals",
            "∇²f evals",
            "status",
        ];
        crate::commands::table::write(self.out, &header.map(String::from), &self.table)
    }
}

/// A CSV field, quoted (quotes doubled) where it holds a comma, quote or line break, as
/// the csv crate quotes.
fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// "a minimum", "a saddle", "degenerate".
fn article(kind: &str) -> String {
    match kind {
        "degenerate" => "degenerate".into(),
        k => format!("a {k}"),
    }
}

/// The first coordinates of an N-D point, e.g. (1.000, 1.000, 0.999, …).
fn coords_text(x: &[f64]) -> String {
    let shown: Vec<String> = x.iter().take(3).map(|c| format!("{c:.4}")).collect();
    let more = if x.len() > 3 { ", …" } else { "" };
    format!("({}{more})", shown.join(", "))
}
