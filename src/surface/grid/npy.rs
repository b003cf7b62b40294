//! Reading NumPy `.npy` arrays (format versions 1–3; little- or big-endian float and integer
//! dtypes; C or Fortran order) and `.npz` archives of them, as `numpy.save` and
//! `numpy.savez[_compressed]` write them (numpy's `format.py` documents the layout).

use std::io::Read;

/// An array as f64 values in C (row-major) order, with its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NpyError {
    #[error("not a .npy array (no \\x93NUMPY magic)")]
    Magic,
    #[error("unreadable .npy header: {0}")]
    Header(String),
    #[error("dtype '{0}' is not a number type this reader knows (float or integer)")]
    Dtype(String),
    #[error("the data is {got} bytes; shape {shape:?} of {dtype} needs {want}")]
    Truncated {
        got: usize,
        want: usize,
        shape: Vec<usize>,
        dtype: String,
    },
    #[error("unreadable .npz archive: {0}")]
    Zip(String),
    #[error("the .npz has no array '{name}'; it has: {available}")]
    MissingArray { name: String, available: String },
}

/// Parses the bytes of a `.npy` file.
pub fn parse_npy(bytes: &[u8]) -> Result<Array, NpyError> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err(NpyError::Magic);
    }
    let (len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        v => return Err(NpyError::Header(format!("unknown format version {v}"))),
    };
    let header = bytes
        .get(start..start + len)
        .and_then(|h| std::str::from_utf8(h).ok())
        .ok_or_else(|| NpyError::Header("header is cut off or not text".into()))?;
    let descr = dict_value(header, "descr").ok_or_else(|| NpyError::Header("no 'descr'".into()))?;
    let descr = descr.trim_matches(['\'', '"']).to_string();
    let fortran = dict_value(header, "fortran_order").is_some_and(|v| v.starts_with("True"));
    let shape_text =
        dict_value(header, "shape").ok_or_else(|| NpyError::Header("no 'shape'".into()))?;
    let shape = parse_shape(shape_text)?;
    let body = &bytes[start + len..];
    let (size, read) = reader(&descr)?;
    let count: usize = shape.iter().product();
    if body.len() < count * size {
        return Err(NpyError::Truncated {
            got: body.len(),
            want: count * size,
            shape,
            dtype: descr,
        });
    }
    let mut data: Vec<f64> = body[..count * size].chunks_exact(size).map(read).collect();
    if fortran && shape.len() == 2 {
        let (r, c) = (shape[0], shape[1]);
        data = (0..r * c).map(|k| data[(k % c) * r + k / c]).collect();
    }
    Ok(Array { shape, data })
}

/// The named arrays of a `.npz` (keys without `.npy`), in `wanted` order.
pub fn parse_npz(bytes: &[u8], wanted: &[&str]) -> Result<Vec<Array>, NpyError> {
    let zip_err = |e: zip::result::ZipError| NpyError::Zip(e.to_string());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.trim_end_matches(".npy").to_string())
        .collect();
    wanted
        .iter()
        .map(|&name| {
            let mut entry =
                archive
                    .by_name(&format!("{name}.npy"))
                    .map_err(|_| NpyError::MissingArray {
                        name: name.to_string(),
                        available: names.join(", "),
                    })?;
            let mut buf = Vec::new();
            entry
                .read_to_end(&mut buf)
                .map_err(|e| NpyError::Zip(e.to_string()))?;
            parse_npy(&buf)
        })
        .collect()
}

/// The text after `'key':` in a Python dict literal, up to the end of its value.
fn dict_value<'h>(header: &'h str, key: &str) -> Option<&'h str> {
    let at = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))?;
    let rest = header[at + key.len() + 2..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')')? + 1
    } else {
        rest.find([',', '}']).unwrap_or(rest.len())
    };
    Some(rest[..end].trim())
}

fn parse_shape(text: &str) -> Result<Vec<usize>, NpyError> {
    text.trim_matches(['(', ')'])
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim_end_matches('L')
                .parse()
                .map_err(|_| NpyError::Header(format!("bad shape {text}")))
        })
        .collect()
}

type Read64 = fn(&[u8]) -> f64;

/// Item size and decoder for a dtype string such as `<f8`.
fn reader(descr: &str) -> Result<(usize, Read64), NpyError> {
    let big = descr.starts_with('>');
    let kind = descr.trim_start_matches(['<', '>', '|', '=']);
    macro_rules! num {
        ($t:ty) => {{
            let f: Read64 = if big {
                |b| <$t>::from_be_bytes(b.try_into().expect("chunk of item size")) as f64
            } else {
                |b| <$t>::from_le_bytes(b.try_into().expect("chunk of item size")) as f64
            };
            (std::mem::size_of::<$t>(), f)
        }};
    }
    Ok(match kind {
        "f8" => num!(f64),
        "f4" => num!(f32),
        "i8" => num!(i64),
        "i4" => num!(i32),
        "i2" => num!(i16),
        "u8" => num!(u64),
        "u4" => num!(u32),
        _ => return Err(NpyError::Dtype(descr.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `numpy.save` of `np.arange(6, dtype='<f8').reshape(2, 3)` (version 1.0 header).
    fn npy_2x3(fortran: bool) -> Vec<u8> {
        let dict = format!(
            "{{'descr': '<f8', 'fortran_order': {}, 'shape': (2, 3), }}",
            if fortran { "True" } else { "False" }
        );
        let mut header = dict.into_bytes();
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(b' ');
        }
        header.push(b'\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend((header.len() as u16).to_le_bytes());
        out.extend(header);
        let values: [f64; 6] = if fortran {
            [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]
        } else {
            [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        };
        for v in values {
            out.extend(v.to_le_bytes());
        }
        out
    }

    #[test]
    fn reads_c_and_fortran_order() {
        for fortran in [false, true] {
            let a = parse_npy(&npy_2x3(fortran)).unwrap();
            assert_eq!(a.shape, vec![2, 3]);
            assert_eq!(a.data, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        }
        assert_eq!(parse_npy(b"hello world"), Err(NpyError::Magic));
        let mut cut = npy_2x3(false);
        cut.truncate(cut.len() - 8);
        assert!(matches!(parse_npy(&cut), Err(NpyError::Truncated { .. })));
    }
}
