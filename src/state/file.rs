//! The layout of `resultat.json` on disk, apart from the in-memory
//! `RunState`: version 2 is compact JSON in which each comparison is a
//! triple `[field, level, weight]` and an account's candidate that repeats
//! the pair already listed under its Pronote user keeps only `other` (and
//! its own probability). At a region's scale the file is written on every
//! core, a slice of records at a time, in the same order as one core would.
//!
//! Reading accepts version 2 and version 1 (pretty JSON, every candidate
//! whole, comparisons as objects): last year's result stays readable by
//! `diff`. The in-memory model (`outcome`) is the same for both.

use crate::model::{EntAccount, PronoteUser};
use crate::outcome::{AccountResult, Candidate, Comparison, Reconciliation, UserResult, Verdict};
use crate::state::{DecisionsRecord, FORMAT_VERSION, InputFile, RunState, Thresholds};
use rayon::prelude::*;
use serde::ser::{SerializeStruct, SerializeTuple};
use serde::{Deserialize, Serialize, Serializer};
use std::io::{self, Write};

/// Records serialized by one task: large enough that a task is worth
/// scheduling, small enough that both cores share the work evenly.
const CHUNK: usize = 2048;

/// Chunks serialized before they are written: bounds the memory held.
const WINDOW: usize = 8;

/// Writes `state` as version-2 JSON into `out`.
pub(super) fn write(out: &mut impl Write, state: &RunState) -> io::Result<()> {
    let json = |e: serde_json::Error| io::Error::other(e);
    // The layout written is this version's, whatever the state says.
    write!(out, "{{\"format_version\":{FORMAT_VERSION},\"inputs\":")?;
    serde_json::to_writer(&mut *out, &state.inputs).map_err(json)?;
    out.write_all(b",\"accounts\":")?;
    write_array(out, &state.accounts, |buf, _, account: &EntAccount| {
        serde_json::to_writer(buf, account)
    })?;
    out.write_all(b",\"users\":")?;
    write_array(out, &state.users, |buf, _, user: &PronoteUser| {
        serde_json::to_writer(buf, user)
    })?;
    let users = &state.reconciliation.users;
    out.write_all(b",\"reconciliation\":{\"users\":")?;
    write_array(out, users, |buf, _, result: &UserResult| {
        serde_json::to_writer(buf, &UserOut(result))
    })?;
    out.write_all(b",\"accounts\":")?;
    write_array(
        out,
        &state.reconciliation.accounts,
        |buf, j, result: &AccountResult| {
            serde_json::to_writer(buf, &AccountOut { j, result, users })
        },
    )?;
    out.write_all(b"},\"thresholds\":")?;
    serde_json::to_writer(&mut *out, &state.thresholds).map_err(json)?;
    if !state.decisions.is_empty() {
        out.write_all(b",\"decisions\":")?;
        serde_json::to_writer(&mut *out, &state.decisions).map_err(json)?;
    }
    out.write_all(b"}\n")
}

/// Writes `items` as a JSON array, each item by `one` (given its index),
/// serialized a window of chunks at a time on every core and written in
/// order.
fn write_array<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    one: impl Fn(&mut Vec<u8>, usize, &T) -> serde_json::Result<()> + Sync,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (w, window) in items.chunks(CHUNK * WINDOW).enumerate() {
        let parts = window
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::with_capacity(chunk.len() * 256);
                let first = w * CHUNK * WINDOW + c * CHUNK;
                for (k, item) in chunk.iter().enumerate() {
                    if first + k > 0 {
                        buf.push(b',');
                    }
                    one(&mut buf, first + k, item)?;
                }
                Ok(buf)
            })
            .collect::<serde_json::Result<Vec<Vec<u8>>>>()
            .map_err(io::Error::other)?;
        for part in parts {
            out.write_all(&part)?;
        }
    }
    out.write_all(b"]")
}

/// A comparison as `[field, level, weight]`.
struct ComparisonOut<'a>(&'a Comparison);

impl Serialize for ComparisonOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(3)?;
        t.serialize_element(&self.0.field)?;
        t.serialize_element(self.0.level.as_ref())?;
        t.serialize_element(&self.0.weight)?;
        t.end()
    }
}

struct ComparisonsOut<'a>(&'a [Comparison]);

impl Serialize for ComparisonsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(ComparisonOut))
    }
}

/// A candidate, whole.
struct CandidateOut<'a>(&'a Candidate);

impl Serialize for CandidateOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut st = s.serialize_struct("Candidate", 5)?;
        st.serialize_field("other", &c.other)?;
        st.serialize_field("score", &c.score)?;
        st.serialize_field("comparisons", &ComparisonsOut(&c.comparisons))?;
        st.serialize_field("verdict", &c.verdict)?;
        if let Some(p) = c.probability {
            st.serialize_field("probability", &p)?;
        }
        st.end()
    }
}

/// An account's candidate that repeats its user's: `other` and the
/// account side's own probability.
struct MirrorOut<'a>(&'a Candidate);

impl Serialize for MirrorOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Candidate", 2)?;
        st.serialize_field("other", &self.0.other)?;
        if let Some(p) = self.0.probability {
            st.serialize_field("probability", &p)?;
        }
        st.end()
    }
}

struct UserOut<'a>(&'a UserResult);

impl Serialize for UserOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut st = s.serialize_struct("UserResult", 5)?;
        st.serialize_field("status", &r.status)?;
        st.serialize_field("linked", &r.linked)?;
        st.serialize_field(
            "candidates",
            &Seq(r.candidates.iter().map(CandidateOut).collect()),
        )?;
        st.serialize_field("notes", &r.notes)?;
        if let Some(existing) = &r.existing {
            st.serialize_field("existing", existing)?;
        }
        st.end()
    }
}

/// Account `j`'s result; `users` to find the candidates it repeats.
struct AccountOut<'a> {
    j: usize,
    result: &'a AccountResult,
    users: &'a [UserResult],
}

impl Serialize for AccountOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.result;
        let candidates: Vec<Either<'_>> = r
            .candidates
            .iter()
            .map(|c| {
                if repeats(c, self.j, self.users) {
                    Either::Mirror(MirrorOut(c))
                } else {
                    Either::Whole(CandidateOut(c))
                }
            })
            .collect();
        let mut st = s.serialize_struct("AccountResult", 4)?;
        st.serialize_field("status", &r.status)?;
        st.serialize_field("linked", &r.linked)?;
        st.serialize_field("candidates", &Seq(candidates))?;
        st.serialize_field("notes", &r.notes)?;
        st.end()
    }
}

enum Either<'a> {
    Whole(CandidateOut<'a>),
    Mirror(MirrorOut<'a>),
}

impl Serialize for Either<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Either::Whole(c) => c.serialize(s),
            Either::Mirror(c) => c.serialize(s),
        }
    }
}

struct Seq<T>(Vec<T>);

impl<T: Serialize> Serialize for Seq<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(&self.0)
    }
}

/// True when account `j`'s candidate `c` says exactly what its user's
/// candidate for `j` says (score, comparisons, verdict): reading takes the
/// first such candidate of the user, so that is the one compared.
fn repeats(c: &Candidate, j: usize, users: &[UserResult]) -> bool {
    users
        .get(c.other)
        .and_then(|user| user.candidates.iter().find(|u| u.other == j))
        .is_some_and(|u| {
            u.score.to_bits() == c.score.to_bits()
                && u.verdict == c.verdict
                && u.comparisons.len() == c.comparisons.len()
                && u.comparisons
                    .iter()
                    .zip(c.comparisons.iter())
                    .all(|(a, b)| {
                        a.field == b.field
                            && a.level == b.level
                            && a.weight.to_bits() == b.weight.to_bits()
                    })
        })
}

/// The file as read, of either version.
#[derive(Deserialize)]
pub(super) struct FileState {
    format_version: u32,
    inputs: Vec<InputFile>,
    accounts: Vec<EntAccount>,
    users: Vec<PronoteUser>,
    reconciliation: FileReconciliation,
    thresholds: Thresholds,
    #[serde(default)]
    decisions: DecisionsRecord,
}

#[derive(Deserialize)]
struct FileReconciliation {
    users: Vec<UserResult>,
    accounts: Vec<FileAccountResult>,
}

#[derive(Deserialize)]
struct FileAccountResult {
    status: crate::outcome::Status,
    linked: Option<usize>,
    candidates: Vec<FileCandidate>,
    notes: Vec<String>,
}

/// A candidate as read: whole, or (version 2, account side) only `other`
/// and its probability, the rest being its user's candidate.
#[derive(Deserialize)]
struct FileCandidate {
    other: usize,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    comparisons: Option<Vec<Comparison>>,
    #[serde(default)]
    verdict: Option<Verdict>,
    #[serde(default)]
    probability: Option<f64>,
}

impl FileState {
    /// The file's version, checked before anything else is trusted.
    pub(super) fn version(&self) -> u32 {
        self.format_version
    }

    /// The state, each repeated candidate filled in from its user's. The
    /// error is the reason, in French.
    pub(super) fn into_state(self) -> Result<RunState, String> {
        let users = self.reconciliation.users;
        let mut accounts = Vec::with_capacity(self.reconciliation.accounts.len());
        for (j, a) in self.reconciliation.accounts.into_iter().enumerate() {
            let candidates = a
                .candidates
                .into_iter()
                .map(|c| candidate(c, j, &users))
                .collect::<Result<Vec<_>, String>>()?;
            accounts.push(AccountResult {
                status: a.status,
                linked: a.linked,
                candidates,
                notes: a.notes,
            });
        }
        Ok(RunState {
            format_version: FORMAT_VERSION,
            inputs: self.inputs,
            accounts: self.accounts,
            users: self.users,
            reconciliation: Reconciliation { users, accounts },
            thresholds: self.thresholds,
            decisions: self.decisions,
        })
    }
}

/// Account `j`'s candidate, whole.
fn candidate(c: FileCandidate, j: usize, users: &[UserResult]) -> Result<Candidate, String> {
    match (c.score, c.comparisons, c.verdict) {
        (Some(score), Some(comparisons), Some(verdict)) => Ok(Candidate {
            other: c.other,
            score,
            comparisons: comparisons.into(),
            verdict,
            probability: c.probability,
        }),
        (None, None, None) => {
            let twin = users
                .get(c.other)
                .and_then(|u| u.candidates.iter().find(|u| u.other == j))
                .ok_or_else(|| {
                    format!("un candidat du compte n° {j} ne figure pas chez son utilisateur")
                })?;
            Ok(Candidate {
                other: c.other,
                probability: c.probability,
                ..twin.clone()
            })
        }
        _ => Err(format!("un candidat du compte n° {j} est incomplet")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn arrays_written_in_parallel_read_as_one_core_writes_them() {
        let cases: [(&str, usize); 5] = [
            ("empty", 0),
            ("one", 1),
            ("one chunk", CHUNK),
            ("a chunk and one", CHUNK + 1),
            ("two windows and some", 2 * CHUNK * WINDOW + 7),
        ];
        for (name, len) in cases {
            let items: Vec<(usize, String)> = (0..len).map(|i| (i, format!("n°{i}"))).collect();
            let mut out = Vec::new();
            write_array(&mut out, &items, |buf, index, item| {
                assert_eq!(index, item.0, "{name}: index");
                serde_json::to_writer(buf, item)
            })
            .unwrap();
            assert_eq!(out, serde_json::to_vec(&items).unwrap(), "{name}");
        }
    }
}
