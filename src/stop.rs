//! Stop points for the crash-safety test (issue 7), kept out of the help:
//! with `RAPPROCHE_STOP_AT=<point>` (or `<point>:<n>`, the n-th time the
//! point is reached), the process stops itself with SIGSTOP when it gets
//! there. The test waits for the stopped state, then kills the process with
//! SIGKILL: a crash at an exact point, without sleeping or timing luck.
//!
//! The points of `rapproche match`, in the order a run reaches them:
//! `decrypted` (exports read), `lists-read`, `matched` (engine done),
//! `rendered` (every output in memory, nothing written), `before-rename`
//! (a temporary file written and synced, not yet renamed: once per file),
//! `written` (after each output file), `before-state`. Without the
//! variable, a point costs one environment lookup. A stopped process holds
//! no lock and can be resumed (SIGCONT), so the variable can do no harm
//! beyond what `kill -STOP` does.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the point to stop at.
pub const STOP_AT: &str = "RAPPROCHE_STOP_AT";

/// How many times the wanted point was reached.
static REACHED: AtomicUsize = AtomicUsize::new(0);

/// Marks a point of the run: stops the process there if it is the one
/// `RAPPROCHE_STOP_AT` names.
pub fn point(name: &str) {
    let Some(wanted) = std::env::var_os(STOP_AT) else {
        return;
    };
    let wanted = wanted.to_string_lossy();
    let (wanted, nth) = match wanted.split_once(':') {
        Some((point, n)) => (point, n.parse().unwrap_or(1)),
        None => (wanted.as_ref(), 1),
    };
    if wanted == name && REACHED.fetch_add(1, Ordering::SeqCst) + 1 == nth {
        stop();
    }
}

#[cfg(unix)]
fn stop() {
    // If raising fails the run simply goes on: the test then sees a
    // process that exited instead of stopping, and fails.
    let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP);
}

#[cfg(not(unix))]
fn stop() {}
