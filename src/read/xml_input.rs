//! The byte stream under the XML reader: a buffered reader that checks the
//! bytes before the parser sees them, and knows where they are.
//!
//! In: any reader (a decrypting stream, a file). Out: a `BufRead` that
//! stops with an [`InputFault`] (line and column) at invalid UTF-8, at a
//! control character other than tab, CR and LF, or at an overlong run of
//! text without markup (a bound on memory); and that turns any byte offset
//! the parser reports into a line and column. Columns count bytes.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead, Read};

const BUFFER_SIZE: usize = 64 * 1024;
/// Longest run of bytes without `<` or `>`: no real value comes near it.
pub const MAX_TOKEN_LEN: usize = 1024 * 1024;
/// How many recent line starts are kept to place parser errors, which
/// point a little behind what was read.
const RECENT_NEWLINES: usize = 4096;

/// A fault in the bytes themselves, with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFault {
    pub line: u64,
    pub column: u64,
    /// French, for the user.
    pub reason: String,
}

impl fmt::Display for InputFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ligne {}, colonne {} : {}",
            self.line, self.column, self.reason
        )
    }
}

impl std::error::Error for InputFault {}

/// The fault carried by an I/O error from a [`CheckedInput`], if any.
pub fn fault_of(error: &io::Error) -> Option<&InputFault> {
    error.get_ref()?.downcast_ref::<InputFault>()
}

/// A checked, position-aware buffered reader (see the module header).
pub struct CheckedInput<R> {
    inner: R,
    buf: Box<[u8]>,
    /// `buf[start..checked]` is checked and not yet consumed;
    /// `buf[checked..end]` is read but not checked (the start of a
    /// character split across reads, or bytes after a fault).
    start: usize,
    checked: usize,
    end: usize,
    /// Stream offset of `buf[start]`.
    offset: u64,
    newlines: u64,
    recent_newlines: VecDeque<u64>,
    /// Bytes checked since the last `<` or `>`.
    token_len: usize,
    fault: Option<InputFault>,
    eof: bool,
}

impl<R: Read> CheckedInput<R> {
    /// Wraps a reader.
    pub fn new(inner: R) -> Self {
        CheckedInput {
            inner,
            buf: vec![0; BUFFER_SIZE].into_boxed_slice(),
            start: 0,
            checked: 0,
            end: 0,
            offset: 0,
            newlines: 0,
            recent_newlines: VecDeque::new(),
            token_len: 0,
            fault: None,
            eof: false,
        }
    }

    /// The 1-based line of the next byte to be read.
    pub fn line(&self) -> u64 {
        self.newlines + 1
    }

    /// Line and column of a byte offset already read. Exact for the last
    /// few thousand lines, which is where parser errors point.
    pub fn position(&self, offset: u64) -> (u64, u64) {
        let later = self
            .recent_newlines
            .iter()
            .rev()
            .take_while(|&&nl| nl >= offset)
            .count() as u64;
        let line = self.newlines.saturating_sub(later) + 1;
        let line_start = self
            .recent_newlines
            .iter()
            .rev()
            .find(|&&nl| nl < offset)
            .map_or(0, |nl| nl + 1);
        (line, offset.saturating_sub(line_start) + 1)
    }

    /// Line and column of `buf[index]`, which may lie after what was
    /// consumed (a fault found ahead of the parser).
    fn position_in_buffer(&self, index: usize) -> (u64, u64) {
        let ahead = &self.buf[self.start..index];
        let lines_ahead = ahead.iter().filter(|&&b| b == b'\n').count() as u64;
        match ahead.iter().rposition(|&b| b == b'\n') {
            Some(nl) => (self.line() + lines_ahead, (index - self.start - nl) as u64),
            None => self.position(self.offset + (index - self.start) as u64),
        }
    }

    fn set_fault(&mut self, index: usize, reason: String) {
        let (line, column) = self.position_in_buffer(index);
        self.fault = Some(InputFault {
            line,
            column,
            reason,
        });
    }

    /// Checks `buf[checked..end]`, moving `checked` past every complete,
    /// acceptable character, up to a fault if there is one.
    fn check(&mut self) {
        let from = self.checked;
        let (valid, invalid) = match std::str::from_utf8(&self.buf[from..self.end]) {
            Ok(_) => (self.end - from, false),
            Err(e) => (e.valid_up_to(), e.error_len().is_some()),
        };
        let mut i = from;
        while i < from + valid {
            let b = self.buf[i];
            let control = match b {
                b'\t' | b'\n' | b'\r' => None,
                0x00..=0x1F | 0x7F => Some(u32::from(b)),
                // U+0080..U+009F, the C1 controls, are C2 80..C2 9F.
                0xC2 if (0x80..=0x9F).contains(&self.buf[i + 1]) => {
                    Some(u32::from(self.buf[i + 1]))
                }
                _ => None,
            };
            if let Some(code) = control {
                self.checked = i;
                self.set_fault(i, format!("caractère de contrôle interdit (U+{code:04X})"));
                return;
            }
            if b == b'<' || b == b'>' {
                self.token_len = 0;
            } else {
                self.token_len += 1;
                if self.token_len > MAX_TOKEN_LEN {
                    self.checked = i;
                    self.set_fault(
                        i,
                        format!("plus de {MAX_TOKEN_LEN} octets de texte sans balise"),
                    );
                    return;
                }
            }
            i += 1;
        }
        self.checked = from + valid;
        if invalid {
            let at = self.checked;
            self.set_fault(
                at,
                "octets invalides en UTF-8 (le fichier doit être en UTF-8)".into(),
            );
        }
    }
}

impl<R: Read> BufRead for CheckedInput<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.start == self.checked {
            if let Some(fault) = &self.fault {
                return Err(io::Error::new(io::ErrorKind::InvalidData, fault.clone()));
            }
            // Keep the unchecked tail (a split character) at the front.
            self.buf.copy_within(self.checked..self.end, 0);
            self.end -= self.checked;
            self.start = 0;
            self.checked = 0;
            if self.eof {
                if self.end == 0 {
                    return Ok(&[]);
                }
                self.set_fault(0, "fin de fichier au milieu d'un caractère UTF-8".into());
                continue;
            }
            let n = loop {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            if n == 0 {
                self.eof = true;
            } else {
                self.end += n;
                self.check();
            }
        }
        Ok(&self.buf[self.start..self.checked])
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.checked - self.start);
        for (i, &b) in self.buf[self.start..self.start + amt].iter().enumerate() {
            if b == b'\n' {
                self.newlines += 1;
                if self.recent_newlines.len() == RECENT_NEWLINES {
                    self.recent_newlines.pop_front();
                }
                self.recent_newlines.push_back(self.offset + i as u64);
            }
        }
        self.start += amt;
        self.offset += amt as u64;
    }
}

impl<R: Read> Read for CheckedInput<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes at a time, to split
    /// characters across reads.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn read_all(data: &[u8], step: usize) -> Result<Vec<u8>, InputFault> {
        let mut input = CheckedInput::new(Trickle { data, step });
        let mut out = Vec::new();
        match input.read_to_end(&mut out) {
            Ok(_) => Ok(out),
            Err(e) => Err(fault_of(&e).cloned().expect("a fault")),
        }
    }

    /// Name, input, expected fault (line, column, part of the reason).
    type Case = (
        &'static str,
        &'static [u8],
        Option<(u64, u64, &'static str)>,
    );

    #[test]
    fn faults_table() {
        let cases: [Case; 9] = [
            ("plain ascii", b"<a>\n<b>x</b>\n</a>", None),
            (
                "accents, tab, CRLF",
                "<a>\tL\u{e9}a\r\n\u{c9}lo\u{efc}se</a>".as_bytes(),
                None,
            ),
            ("NUL on line 2", b"<a>\nab\x00c</a>", Some((2, 3, "U+0000"))),
            (
                "escape character",
                b"<a>\x1b[31m</a>",
                Some((1, 4, "U+001B")),
            ),
            ("DEL", b"<a>x\x7f</a>", Some((1, 5, "U+007F"))),
            (
                "C1 control",
                b"<a>\n\n  \xc2\x85</a>",
                Some((3, 3, "U+0085")),
            ),
            ("latin-1 byte", b"<a>\nL\xe9a</a>", Some((2, 2, "UTF-8"))),
            ("lone continuation byte", b"\x80", Some((1, 1, "UTF-8"))),
            (
                "cut character at end",
                b"<a>\xc3",
                Some((1, 4, "milieu d'un caract")),
            ),
        ];
        for step in [1, 2, 3, 7, BUFFER_SIZE] {
            for (name, data, expected) in &cases {
                match (read_all(data, step), expected) {
                    (Ok(out), None) => assert_eq!(&out, data, "{name} (step {step})"),
                    (Err(fault), Some((line, column, reason))) => {
                        assert_eq!(
                            (fault.line, fault.column),
                            (*line, *column),
                            "{name} (step {step})"
                        );
                        assert!(fault.reason.contains(reason), "{name}: {}", fault.reason);
                    }
                    (got, _) => panic!("{name} (step {step}): {got:?}"),
                }
            }
        }
    }

    #[test]
    fn overlong_text_is_refused() {
        let mut data = b"<a>".to_vec();
        data.extend(std::iter::repeat_n(b'x', MAX_TOKEN_LEN + 1));
        let fault = read_all(&data, BUFFER_SIZE).unwrap_err();
        assert!(fault.reason.contains("sans balise"));
        data.truncate(MAX_TOKEN_LEN + 3);
        data.extend(b"</a>");
        assert!(read_all(&data, BUFFER_SIZE).is_ok());
    }

    #[test]
    fn positions_of_offsets_already_read() {
        let data = b"<a>\n<bb>\n\n<c>";
        let mut input = CheckedInput::new(&data[..]);
        let mut out = Vec::new();
        input.read_to_end(&mut out).unwrap();
        let cases = [
            (0, (1, 1)),
            (2, (1, 3)),
            (3, (1, 4)),
            (4, (2, 1)),
            (9, (3, 1)),
            (10, (4, 1)),
            (12, (4, 3)),
        ];
        for (offset, expected) in cases {
            assert_eq!(input.position(offset), expected, "offset {offset}");
        }
        assert_eq!(input.line(), 4);
    }
}
