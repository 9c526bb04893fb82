//! Generation of the establishment's age identity: the secret key the ENT
//! encrypts its export for. Pure: returns the identity file's text and the
//! public recipient; writing the file (atomically, mode 0600) is the output
//! module's job.

use age::secrecy::ExposeSecret;
use secrecy::SecretString;
use std::time::{SystemTime, UNIX_EPOCH};

/// Generates a new X25519 identity. Returns the identity file's whole text,
/// laid out like `age-keygen`'s (`# created: ...`, `# public key: age1...`,
/// then the `AGE-SECRET-KEY-1...` line), and the public recipient `age1...`
/// to give to the ENT.
pub fn generate_identity() -> (SecretString, String) {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let secret = identity.to_string();
    let created = format!("# created: {}\n", utc_timestamp(SystemTime::now()));
    let public = format!("# public key: {recipient}\n");
    let key = secret.expose_secret();
    // Exact capacity, so the text holding the key is never reallocated
    // (which would leave a copy of the key behind in freed memory).
    let mut text = String::with_capacity(created.len() + public.len() + key.len() + 1);
    text.push_str(&created);
    text.push_str(&public);
    text.push_str(key);
    text.push('\n');
    (SecretString::from(text), recipient)
}

/// `2025-01-31T12:00:00Z`, the RFC 3339 form `age-keygen` writes (in UTC).
fn utc_timestamp(now: SystemTime) -> String {
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_735_689_599, "2024-12-31T23:59:59Z"),
            (1_740_787_200, "2025-03-01T00:00:00Z"),
        ];
        for (secs, expected) in cases {
            assert_eq!(
                utc_timestamp(UNIX_EPOCH + Duration::from_secs(secs)),
                expected
            );
        }
    }

    #[test]
    fn identity_text_looks_like_age_keygen() {
        let (text, recipient) = generate_identity();
        let lines: Vec<&str> = text.expose_secret().lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("# created: 20"), "{}", lines[0]);
        assert_eq!(lines[1], format!("# public key: {recipient}"));
        assert!(lines[2].starts_with("AGE-SECRET-KEY-1"));
        assert!(recipient.starts_with("age1"));
        let parsed: age::x25519::Identity = lines[2].parse().unwrap();
        assert_eq!(parsed.to_public().to_string(), recipient);
        let (_, other) = generate_identity();
        assert_ne!(other, recipient);
    }

    #[test]
    fn generated_identity_opens_files_from_the_reference_age() {
        use crate::read::decrypt::{load_identities, open_export, tests::run_tool};
        use crate::read::sniff::InputKind;
        use std::io::Read;

        let dir = tempfile::tempdir().unwrap();
        let (text, recipient) = generate_identity();
        let key_file = dir.path().join("cle-etablissement.txt");
        std::fs::write(&key_file, text.expose_secret()).unwrap();
        let identities = load_identities(std::slice::from_ref(&key_file)).unwrap();
        assert_eq!(identities.len(), 1);

        let plain = dir.path().join("export.xml");
        std::fs::write(&plain, "<r><addRequest/></r>").unwrap();
        let encrypted = dir.path().join("export.xml.age");
        let (plain_arg, out_arg) = (plain.to_str().unwrap(), encrypted.to_str().unwrap());
        run_tool("age", &["-r", &recipient, "-o", out_arg, plain_arg]);

        let mut prompt = crate::read::decrypt::tests::FixedPrompt {
            answer: None,
            asked: 0,
        };
        let mut reader = open_export(
            &encrypted,
            InputKind::EncryptedExport,
            &identities,
            &mut prompt,
        )
        .unwrap();
        let mut decrypted = String::new();
        reader.read_to_string(&mut decrypted).unwrap();
        assert_eq!(decrypted, "<r><addRequest/></r>");
    }
}
