//! Makes text read from the input files safe to show on a terminal: control
//! characters (escape sequences could rewrite the screen), bidirectional
//! overrides (could reorder a name or an id visually) and zero-width
//! characters (would hide a difference between two names) are replaced by a
//! visible escape such as `\u{202e}` (fd's `sanitize`, rage's output checks).
//! In: any text. Out: text that shows exactly what is there.

use std::borrow::Cow;

/// Escapes every hidden or dangerous character, line breaks included: for a
/// value shown inside a line or a table cell.
pub fn field(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Escapes like [`field`] but keeps line breaks (`\n`, and `\r` before
/// `\n`): for a whole rendered output (CSV, JSON) sent to a terminal.
pub fn output(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if keep_line_breaks && line_break {
            escaped.push(c);
            continue;
        }
        match c {
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if is_hidden(c) => escaped.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Control, bidirectional-formatting and invisible characters.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // bidi marks, embeddings, overrides and isolates
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // zero-width and invisible characters
            | '\u{00ad}' | '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{180e}' | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}'
            // line and paragraph separators
            | '\u{2028}' | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let cases = [
            ("plain ASCII", "DUPONT", "DUPONT"),
            ("accents kept", "Léa-Marie Ñoël", "Léa-Marie Ñoël"),
            ("apostrophe kept", "N'DIAYE", "N'DIAYE"),
            ("escape sequence", "A\u{1b}[31mB", "A\\u{1b}[31mB"),
            ("bell", "x\u{7}", "x\\u{7}"),
            (
                "right-to-left override",
                "abc\u{202e}fed",
                "abc\\u{202e}fed",
            ),
            ("isolate", "\u{2067}x\u{2069}", "\\u{2067}x\\u{2069}"),
            ("zero-width space", "DU\u{200b}PONT", "DU\\u{200b}PONT"),
            ("zero-width joiner", "a\u{200d}b", "a\\u{200d}b"),
            ("byte order mark", "\u{feff}Nom", "\\u{feff}Nom"),
            ("soft hyphen", "Ma\u{ad}rie", "Ma\\u{ad}rie"),
            ("newline", "a\nb", "a\\nb"),
            ("carriage return", "a\r\nb", "a\\r\\nb"),
            ("tab", "a\tb", "a\\tb"),
            ("C1 control", "a\u{85}b", "a\\u{85}b"),
            ("line separator", "a\u{2028}b", "a\\u{2028}b"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(field(input), expected, "{name}");
        }
    }

    #[test]
    fn outputs_keep_line_breaks() {
        let cases = [
            ("lines", "a;b\nc;d\n", "a;b\nc;d\n"),
            ("crlf", "a;b\r\nc\r\n", "a;b\r\nc\r\n"),
            ("lone carriage return", "a\rb", "a\\rb"),
            ("tab", "a\tb\n", "a\\tb\n"),
            ("override in a cell", "x\u{202e}y\n", "x\\u{202e}y\n"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(output(input), expected, "{name}");
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(field("Léa"), Cow::Borrowed(_)));
    }
}
