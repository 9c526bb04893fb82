//! Everything the tool writes: the atomic write every file goes through, and
//! the pure renderers of the Pronote and ENT import files (FORMATS.md §3).

pub mod atomic;
pub mod ent_import;
pub mod pronote_import;

/// Appends one CSV record (without terminator) to `out`, quoting a cell only
/// where needed: when it holds the delimiter, a quote, CR or LF.
pub(crate) fn push_record<'a>(
    out: &mut String,
    cells: impl IntoIterator<Item = &'a str>,
    delimiter: u8,
) {
    let delimiter = char::from(delimiter);
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(delimiter);
        }
        if cell.contains([delimiter, '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn quoting_only_where_needed() {
        let cases: [(&str, &[&str], u8, &str); 6] = [
            ("plain", &["a", "b"], b';', "a;b"),
            ("delimiter inside", &["a;b", "c"], b';', "\"a;b\";c"),
            ("other delimiter is plain", &["a,b", "c"], b';', "a,b;c"),
            ("comma delimiter", &["a,b", "c"], b',', "\"a,b\",c"),
            ("quote doubled", &["5\"A", ""], b'\t', "\"5\"\"A\"\t"),
            ("newline", &["a\r\nb", "c"], b';', "\"a\r\nb\";c"),
        ];
        for (name, cells, delimiter, expected) in cases {
            let mut out = String::new();
            push_record(&mut out, cells.iter().copied(), delimiter);
            assert_eq!(out, expected, "{name}");
        }
    }
}
