//! A phonetic key for French names, used only to find candidates
//! (blocking), never to decide a link. It maps spellings that sound alike in
//! French to one key: `Thibault`/`Thibaut`/`Tibo`, `Philippe`/`Filipe`,
//! `Mathieu`/`Matthieu`, `Gauthier`/`Gautier`. It is deliberately coarse
//! (a simplified Phonex): a typo that changes the sound still falls in the
//! date-based blocks.

/// Phonetic key of a folded name (output of `name::fold`, spaces allowed).
pub fn phonetic(folded: &str) -> String {
    let letters: Vec<char> = folded.chars().filter(char::is_ascii_alphabetic).collect();
    let mut s: String = letters.iter().collect();
    // Multi-letter spellings first, longest first.
    for (from, to) in [
        ("sch", "s"),
        ("ault", "o"),
        ("eaux", "o"),
        ("eau", "o"),
        ("aux", "o"),
        ("ph", "f"),
        ("bv", "v"),
        ("th", "t"),
        ("ch", "s"),
        ("sh", "s"),
        ("qu", "k"),
        ("gu", "g"),
        ("ck", "k"),
        ("ou", "u"),
        ("oo", "u"),
        ("au", "o"),
        ("ai", "e"),
        ("ei", "e"),
        ("ay", "e"),
        ("ey", "e"),
        ("oi", "wa"),
        ("oy", "wa"),
        ("an", "a"),
        ("am", "a"),
        ("en", "a"),
        ("em", "a"),
        ("on", "o"),
        ("om", "o"),
        ("in", "e"),
        ("im", "e"),
        ("un", "e"),
        ("ain", "e"),
        ("ein", "e"),
    ] {
        s = s.replace(from, to);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let mapped = match c {
            'h' => None,
            'c' if matches!(next, Some('e' | 'i' | 'y')) => Some('s'),
            'c' | 'q' => Some('k'),
            'g' if matches!(next, Some('e' | 'i' | 'y')) => Some('j'),
            'z' => Some('s'),
            'x' => Some('s'),
            'y' => Some('i'),
            'w' => Some('v'),
            'k' => Some('k'),
            other => Some(other),
        };
        if let Some(m) = mapped {
            if !out.ends_with(m) {
                out.push(m);
            }
        }
    }
    // Final letters that are silent in French.
    while out.len() > 2 && matches!(out.chars().last(), Some('t' | 'd' | 's' | 'e' | 'p' | 'x')) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_that_sound_alike_share_a_key() {
        let same = [
            ("th", "thibault", "thibaut"),
            ("silent final", "thibaut", "tibo"),
            ("ph", "philippe", "filipe"),
            ("double t", "matthieu", "mathieu"),
            ("gauthier", "gauthier", "gautier"),
            ("eau", "rousseau", "rousso"),
            ("ai/e", "lemaire", "lemere"),
            ("y/i", "sylvie", "silvie"),
            ("k/c", "karine", "carine"),
            ("z/s", "zoe", "soe"),
        ];
        for (name, a, b) in same {
            assert_eq!(phonetic(a), phonetic(b), "{name}: {a} / {b}");
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        let different = [("martin", "bernard"), ("lea", "leo"), ("julie", "julien")];
        for (a, b) in different {
            assert_ne!(phonetic(a), phonetic(b), "{a} / {b}");
        }
    }
}
