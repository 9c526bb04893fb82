//! Progress on standard error for the long phases of `match` (reading,
//! matching, writing): a spinner with the phase's name and elapsed time,
//! shown only when standard error is a terminal and `--quiet` is not
//! given, so that scripts, logs and tests see nothing. Names no person.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Where the phases are shown, if anywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    shown: bool,
}

impl Progress {
    /// Shown when standard error is a terminal and the run is not quiet.
    pub fn on_terminal(quiet: bool) -> Progress {
        Progress::new(!quiet && std::io::stderr().is_terminal())
    }

    /// Shown or not, as told.
    pub fn new(shown: bool) -> Progress {
        Progress { shown }
    }

    /// Starts a phase; it ends (and its line is cleared) when dropped.
    pub fn phase(self, label: &'static str) -> Phase {
        let bar = if self.shown {
            let bar = ProgressBar::new_spinner().with_message(label);
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}… {elapsed}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Phase {
            bar,
            shown: self.shown,
        }
    }
}

/// A running phase.
#[derive(Debug)]
pub struct Phase {
    bar: ProgressBar,
    shown: bool,
}

impl Phase {
    /// True when the phase is drawn on the terminal.
    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// Runs `f` with the spinner out of the way (a passphrase prompt).
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        self.bar.suspend(f)
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_when_asked() {
        let cases = [("shown", true), ("hidden", false)];
        for (name, shown) in cases {
            let phase = Progress::new(shown).phase("lecture");
            assert_eq!(phase.is_shown(), shown, "{name}");
        }
    }

    #[test]
    fn quiet_hides_it_even_on_a_terminal() {
        assert!(!Progress::on_terminal(true).phase("lecture").is_shown());
    }
}
