//! Recordings: valid asciicast v2, reproducible on a virtual clock, and replaying the output
//! through a terminal emulator (vt100) shows what was drawn.

use crossterm::{cursor::MoveTo, queue, style::Print, terminal::Clear, terminal::ClearType};
use losscape::record::{Header, Recorder, Tee, VirtualClock, shared, with_recorder};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::{Terminal, TerminalOptions, Viewport};
use serde_json::Value;
use std::io::{self, Write};
use std::time::Duration;

/// Draws two ratatui frames 0.5 s apart, then a resize, headless on a virtual clock.
fn record_session() -> Vec<u8> {
    let clock = VirtualClock::new();
    let header = Header::new(40, 10).with_title("test");
    let recorder = shared(Recorder::new(Vec::new(), &header, clock.clone()).unwrap());
    let tee = Tee::new(io::sink(), recorder.clone());
    let area = Rect::new(0, 0, 40, 10);
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(tee),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .unwrap();
    for (i, caption) in ["Saddle points", "Newton is drawn in ✓"].iter().enumerate() {
        clock.advance(Duration::from_millis(500));
        terminal
            .draw(|f| {
                let block = Block::default()
                    .borders(Borders::ALL)
                    .title(format!("beat {}", i + 1));
                f.render_widget(Paragraph::new(*caption).block(block), f.area());
            })
            .unwrap();
    }
    clock.advance(Duration::from_millis(250));
    with_recorder(&recorder, |r| r.resize(40, 10)).unwrap();
    drop(terminal);
    with_recorder(&recorder, |r| r.get_ref().clone())
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

#[test]
fn recording_is_asciicast_v2_and_replays_to_the_last_frame() {
    let bytes = record_session();
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 40);
    assert_eq!(header["height"], 10);
    assert_eq!(header["title"], "test");
    assert!(
        header.get("timestamp").is_none(),
        "headless: no wall-clock time"
    );

    let mut parser = vt100::Parser::new(nz(10), nz(40), 0);
    let mut last_time = 0.0;
    let mut kinds = Vec::new();
    for line in lines {
        let event: Value = serde_json::from_str(line).unwrap();
        let e = event.as_array().expect("an event is a JSON array");
        assert_eq!(e.len(), 3, "{line}");
        let t = e[0].as_f64().expect("time is a number");
        assert!(
            t >= last_time,
            "times must not decrease: {t} after {last_time}"
        );
        last_time = t;
        let code = e[1].as_str().unwrap();
        let data = e[2].as_str().unwrap();
        match code {
            "o" => parser.process(data.as_bytes()),
            "r" => {
                let (w, h) = data.split_once('x').unwrap();
                parser
                    .screen_mut()
                    .set_size(nz(h.parse().unwrap()), nz(w.parse().unwrap()));
            }
            other => panic!("unexpected event code {other}"),
        }
        kinds.push((t, code.to_string()));
    }
    // One output event per frame (ratatui flushes once per draw), the resize, and on drop the
    // terminal's cursor restore (written unflushed; the Tee records it when dropped).
    let codes = |v: &[(f64, &str)]| {
        v.iter()
            .map(|&(t, c)| (t, c.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds,
        codes(&[(0.5, "o"), (1.0, "o"), (1.25, "r"), (1.25, "o")])
    );
    let screen = parser.screen().contents();
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows[0], "┌beat 2────────────────────────────────┐");
    assert_eq!(rows[1], "│Newton is drawn in ✓                  │");
    assert_eq!(rows[9], "└──────────────────────────────────────┘");
}

#[test]
fn headless_recordings_are_byte_for_byte_reproducible() {
    assert_eq!(record_session(), record_session());
}

#[test]
fn each_event_is_written_out_at_once() {
    // A crash after an event must not lose it: the line is in the writer before output() returns.
    let clock = VirtualClock::new();
    let mut r = Recorder::new(Vec::new(), &Header::new(80, 24), clock.clone()).unwrap();
    assert_eq!(
        String::from_utf8(r.get_ref().clone()).unwrap(),
        "{\"version\":2,\"width\":80,\"height\":24}\n"
    );
    clock.advance(Duration::from_micros(1_500_001));
    r.output("a\"b\\c\u{1b}[1m\n").unwrap();
    let text = String::from_utf8(r.get_ref().clone()).unwrap();
    assert!(
        text.ends_with("[1.500001, \"o\", \"a\\\"b\\\\c\\u001b[1m\\n\"]\n"),
        "{text}"
    );
}

#[test]
fn a_character_split_across_writes_is_kept_whole() {
    let clock = VirtualClock::new();
    let rec = shared(Recorder::new(Vec::new(), &Header::new(80, 24), clock).unwrap());
    let mut tee = Tee::new(Vec::new(), rec.clone());
    let check = "✓".as_bytes(); // 3 bytes
    tee.write_all(&[b'a', check[0]]).unwrap();
    tee.flush().unwrap();
    tee.write_all(&check[1..]).unwrap();
    tee.flush().unwrap();
    queue!(
        tee,
        MoveTo(2, 3),
        Clear(ClearType::UntilNewLine),
        Print("x")
    )
    .unwrap();
    assert_eq!(
        tee.terminal_mut().as_slice(),
        "a✓\u{1b}[4;3H\u{1b}[Kx".as_bytes()
    );
    drop(tee); // records the unflushed rest
    let text = String::from_utf8(with_recorder(&rec, |r| r.get_ref().clone())).unwrap();
    let events: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        events,
        vec![
            "[0.000000, \"o\", \"a\"]",
            "[0.000000, \"o\", \"✓\"]",
            "[0.000000, \"o\", \"\\u001b[4;3H\\u001b[Kx\"]"
        ]
    );
}
