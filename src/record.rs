//! asciicast recordings, v2 (the default) or v3: a header line, then one JSON array per
//! event, e.g. in v2
//!
//! ```text
//! {"version":2,"width":100,"height":30,"title":"saddle points"}
//! [0.000000,"o","\u001b[2J\u001b[1;1Hlosscape"]
//! [0.250000,"o","\u001b[3;5H●"]
//! [1.000000,"r","120x40"]
//! ```
//!
//! (format: <https://docs.asciinema.org/manual/asciicast/v2>). v3 (asciinema 3's default,
//! `.../v3`) has the size in a `term` object (`{"version":3,"term":{"cols":100,"rows":30}}`)
//! and each event's time is the interval since the previous event. Plays with
//! `asciinema play`; `losscape gif` makes a GIF of either. Every event is written and flushed at once, so a crash keeps
//! everything recorded so far. Times come from a [`Clock`]: [`RealClock`] for live sessions,
//! [`VirtualClock`] for headless rendering, where the same input gives the same file byte for
//! byte. [`Tee`] sits between a terminal backend and the terminal and records what is drawn.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Seconds since the recording started.
pub trait Clock: Send {
    fn elapsed(&self) -> Duration;
}

/// Wall-clock time since creation.
#[derive(Debug, Clone, Copy)]
pub struct RealClock(Instant);

impl RealClock {
    pub fn start() -> Self {
        Self(Instant::now())
    }
}

impl Clock for RealClock {
    fn elapsed(&self) -> Duration {
        self.0.elapsed()
    }
}

/// A clock that moves only when told to. Clones share the same time, so the driver of a
/// headless session advances the clock the recorder reads.
#[derive(Debug, Clone, Default)]
pub struct VirtualClock(Arc<AtomicU64>);

impl VirtualClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves time forward by `d` (to the microsecond).
    pub fn advance(&self, d: Duration) {
        let micros = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
        self.0.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for VirtualClock {
    fn elapsed(&self) -> Duration {
        Duration::from_micros(self.0.load(Ordering::SeqCst))
    }
}

/// Which asciicast version a recording is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CastVersion {
    /// asciicast v2: the widest support (asciinema 2, agg, most web players).
    #[default]
    #[value(name = "2")]
    V2,
    /// asciicast v3: asciinema 3's own format.
    #[value(name = "3")]
    V3,
}

/// The header's fields and the version to write. Optional fields are left out when `None`, so a
/// headless recording without `timestamp` is reproducible.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Header {
    #[serde(skip)]
    pub version: CastVersion,
    pub width: u16,
    pub height: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
}

impl Header {
    pub fn new(width: u16, height: u16) -> Self {
        Self {
            version: CastVersion::V2,
            width,
            height,
            timestamp: None,
            title: None,
            env: BTreeMap::new(),
        }
    }

    /// The same header, for a recording in `version`.
    pub fn in_version(mut self, version: CastVersion) -> Self {
        self.version = version;
        self
    }

    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Stamps the current Unix time and the TERM/SHELL variables (for live recordings).
    pub fn live(mut self) -> Self {
        self.timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_secs());
        for key in ["TERM", "SHELL"] {
            if let Ok(v) = std::env::var(key) {
                self.env.insert(key.to_string(), v);
            }
        }
        self
    }
}

#[derive(serde::Serialize)]
struct HeaderLine<'a> {
    version: u8,
    #[serde(flatten)]
    header: &'a Header,
}

/// v3's header: the size and terminal type in `term`, the other variables in `env`.
#[derive(serde::Serialize)]
struct HeaderLineV3<'a> {
    version: u8,
    term: TermV3<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    env: BTreeMap<&'a str, &'a str>,
}

#[derive(serde::Serialize)]
struct TermV3<'a> {
    cols: u16,
    rows: u16,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

impl Header {
    /// The header line in its version's format.
    fn to_json(&self) -> serde_json::Result<String> {
        match self.version {
            CastVersion::V2 => serde_json::to_string(&HeaderLine {
                version: 2,
                header: self,
            }),
            CastVersion::V3 => serde_json::to_string(&HeaderLineV3 {
                version: 3,
                term: TermV3 {
                    cols: self.width,
                    rows: self.height,
                    kind: self.env.get("TERM").map(String::as_str),
                },
                timestamp: self.timestamp,
                title: self.title.as_deref(),
                env: self
                    .env
                    .iter()
                    .filter(|(k, _)| k.as_str() != "TERM")
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            }),
        }
    }
}

/// Writes an asciicast stream to `W`, one flushed line per event.
pub struct Recorder<W: Write> {
    out: W,
    clock: Box<dyn Clock>,
    version: CastVersion,
    /// Last time written, in microseconds: times never go backwards.
    last: u64,
}

impl<W: Write> Recorder<W> {
    /// Writes the header line, in the header's version.
    pub fn new(mut out: W, header: &Header, clock: impl Clock + 'static) -> io::Result<Self> {
        writeln!(out, "{}", header.to_json()?)?;
        out.flush()?;
        Ok(Self {
            out,
            clock: Box::new(clock),
            version: header.version,
            last: 0,
        })
    }

    /// An output event: text the terminal printed (escape sequences included).
    pub fn output(&mut self, data: &str) -> io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        self.event("o", data)
    }

    /// A resize event: the terminal is now `width`×`height`.
    pub fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.event("r", &format!("{width}x{height}"))
    }

    /// A marker (a chapter point players can jump to), e.g. the start of a lesson beat.
    pub fn marker(&mut self, label: &str) -> io::Result<()> {
        self.event("m", label)
    }

    fn event(&mut self, code: &str, data: &str) -> io::Result<()> {
        let now = u64::try_from(self.clock.elapsed().as_micros()).unwrap_or(u64::MAX);
        let previous = self.last;
        self.last = self.last.max(now);
        let time = match self.version {
            CastVersion::V2 => self.last,
            CastVersion::V3 => self.last - previous,
        };
        let data = serde_json::to_string(data)?;
        writeln!(
            self.out,
            "[{}.{:06}, \"{code}\", {data}]",
            time / 1_000_000,
            time % 1_000_000
        )?;
        self.out.flush()
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A recorder shared between the writer that records frames ([`Tee`], inside a terminal
/// backend) and the event loop that adds resize events and markers.
pub type SharedRecorder<W> = Arc<Mutex<Recorder<W>>>;

/// Wraps a recorder for sharing.
pub fn shared<W: Write>(recorder: Recorder<W>) -> SharedRecorder<W> {
    Arc::new(Mutex::new(recorder))
}

/// Runs `f` on the shared recorder (a panic elsewhere while it was locked does not stop it).
pub fn with_recorder<W: Write, R>(
    r: &SharedRecorder<W>,
    f: impl FnOnce(&mut Recorder<W>) -> R,
) -> R {
    let mut guard = r.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f(&mut guard)
}

/// A writer that passes everything to `terminal` and records it: the bytes written between
/// two flushes (one frame, for a ratatui backend) become one output event. Use `io::sink()` as
/// the terminal to record without one.
pub struct Tee<T: Write, W: Write> {
    terminal: T,
    recorder: SharedRecorder<W>,
    pending: Vec<u8>,
}

impl<T: Write, W: Write> Tee<T, W> {
    pub fn new(terminal: T, recorder: SharedRecorder<W>) -> Self {
        Self {
            terminal,
            recorder,
            pending: Vec::new(),
        }
    }

    pub fn terminal_mut(&mut self) -> &mut T {
        &mut self.terminal
    }

    /// Records the pending bytes up to the last complete UTF-8 character (a character split
    /// across two writes waits for its rest; invalid bytes become U+FFFD).
    fn record_pending(&mut self) -> io::Result<()> {
        let upto = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..upto]).into_owned();
        self.pending.drain(..upto);
        with_recorder(&self.recorder, |r| r.output(&text))
    }
}

impl<T: Write, W: Write> Write for Tee<T, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.terminal.write(buf)?;
        self.pending.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.terminal.flush()?;
        self.record_pending()
    }
}

impl<T: Write, W: Write> Drop for Tee<T, W> {
    fn drop(&mut self) {
        // Whatever was written but not flushed still belongs in the recording.
        let _ = self.record_pending();
    }
}
