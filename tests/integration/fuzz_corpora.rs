//! Replays the committed fuzz corpora (`tests/fuzz/corpus/<target>/`)
//! through the same entry functions as the fuzzer (`rapproche::fuzzing`),
//! so CI checks every input the fuzzer kept without cargo-fuzz. An input
//! that broke an invariant would panic here.

use std::path::Path;

#[test]
fn fuzz_corpora_replay_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/corpus");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut targets: Vec<&str> = rapproche::fuzzing::TARGETS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    targets.sort();
    assert_eq!(folders, targets, "one corpus folder per target");
    for (name, target) in rapproche::fuzzing::TARGETS {
        let mut files: Vec<_> = std::fs::read_dir(root.join(name))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name}: empty corpus");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(
                outcome.is_ok(),
                "{name}: {} breaks an invariant",
                file.display()
            );
        }
    }
}
