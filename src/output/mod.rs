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
    push_cells(
        out,
        cells,
        &[char::from(delimiter), '"', '\r', '\n'],
        delimiter,
    );
}

/// Appends a header record: like [`push_record`], but a cell holding any of
/// the delimiters is quoted too, so that the reader's delimiter detection
/// (which counts delimiters outside quotes in the header) finds the same
/// delimiter in the file written as in the file read (found by fuzzing).
pub(crate) fn push_header<'a>(
    out: &mut String,
    cells: impl IntoIterator<Item = &'a str>,
    delimiter: u8,
) {
    push_cells(out, cells, &[';', ',', '\t', '"', '\r', '\n'], delimiter);
}

fn push_cells<'a>(
    out: &mut String,
    cells: impl IntoIterator<Item = &'a str>,
    quoted_if: &[char],
    delimiter: u8,
) {
    let delimiter = char::from(delimiter);
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(delimiter);
        }
        if cell.contains(quoted_if) {
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
