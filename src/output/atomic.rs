//! The one way the tool writes a file (FORMATS.md §3, last paragraph): a
//! temporary file in the target's directory, created `0600` at open,
//! written, synced, renamed into place, and the directory synced, so that a
//! crash never leaves half a file and personal data is never world-readable,
//! even for an instant.
//!
//! In: a path and the bytes a renderer produced. Out: the file, or
//! `Error::OutputExists` / `Error::Write`.

use crate::error::{Error, Result};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically. An existing `path` is refused unless
/// `overwrite` (`--force`); the check is made again by the rename itself, so
/// a file appearing meanwhile is not clobbered either. Replacing a file that
/// others could read is warned about on standard error (issue 7).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    write_atomic_with(path, overwrite, |out| out.write_all(bytes))
}

/// Like [`write_atomic`] (replacing any existing file), for a file that
/// holds identifiers but no names (the decisions file, which the
/// administrator edits by hand and keeps beside the lists): the new file is
/// still `0600`, but replacing a readable one is not worth a warning.
pub fn write_atomic_ids_only(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, true, false, |out| out.write_all(bytes))
}

/// The buffered temporary file a streamed renderer writes into (a concrete
/// type, not `dyn Write`: serializers write many small pieces).
pub type AtomicWriter<'a> = io::BufWriter<&'a mut fs::File>;

/// Like [`write_atomic`], for a renderer that writes its bytes as it goes
/// (the run's result, gigabytes at the scale of a region: never held whole
/// in memory). `render` writes into a buffered temporary file; its error,
/// or any write error, leaves no file behind.
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    render: impl FnOnce(&mut AtomicWriter<'_>) -> io::Result<()>,
) -> Result<()> {
    write_file(path, overwrite, true, render)
}

fn write_file(
    path: &Path,
    overwrite: bool,
    warn_if_open: bool,
    render: impl FnOnce(&mut AtomicWriter<'_>) -> io::Result<()>,
) -> Result<()> {
    check_target(path, overwrite, warn_if_open)?;
    let prepared = prepare(path, overwrite, render)?;
    let dir = prepared.dir.clone();
    prepared.commit()?;
    sync_dir(&dir).map_err(|e| write_error(path, &e))
}

/// Writes several files as [`write_atomic`] writes one, in the order
/// given, calling `after_each` once each is in place. Their temporary files
/// are written and synced on several threads at once first (a region has
/// thousands of import files, and each sync waits for the disk), then
/// renamed in order; their folders are synced last. If one cannot be
/// written, none is put in place.
pub fn write_all_atomic(
    files: &[(PathBuf, Vec<u8>)],
    overwrite: bool,
    mut after_each: impl FnMut(),
) -> Result<()> {
    for (path, _) in files {
        check_target(path, overwrite, true)?;
    }
    let threads = files.len().clamp(1, SYNC_THREADS);
    let prepare_one =
        |(path, bytes): &(PathBuf, Vec<u8>)| prepare(path, overwrite, |out| out.write_all(bytes));
    let mut prepared: Vec<Option<Result<Prepared>>> = Vec::new();
    prepared.resize_with(files.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(k, file)| (k, prepare_one(file)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // A worker only returns (`prepare` reports its errors).
            if let Ok(done) = worker.join() {
                for (k, result) in done {
                    prepared[k] = Some(result);
                }
            }
        }
    });
    let prepared = prepared
        .into_iter()
        .zip(files)
        .map(|(p, (path, _))| {
            p.unwrap_or_else(|| Err(write_error(path, &io::Error::other("écriture interrompue"))))
        })
        .collect::<Result<Vec<Prepared>>>()?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for file in prepared {
        if !dirs.contains(&file.dir) {
            dirs.push(file.dir.clone());
        }
        file.commit()?;
        after_each();
    }
    let sync_all = |chunk: &[PathBuf]| {
        chunk
            .iter()
            .try_for_each(|dir| sync_dir(dir).map_err(|e| write_error(dir, &e)))
    };
    let per_thread = dirs.len().div_ceil(SYNC_THREADS).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = dirs
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || sync_all(chunk)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    Err(write_error(
                        Path::new("."),
                        &io::Error::other("synchronisation interrompue"),
                    ))
                })
            })
            .collect::<Result<Vec<()>>>()
    })?;
    Ok(())
}

/// Threads that write and sync files at once: syncs mostly wait for the
/// disk, which takes many at a time.
const SYNC_THREADS: usize = 8;

/// Refuses an existing target without `overwrite`; warns when the target
/// replaced is readable by others.
fn check_target(path: &Path, overwrite: bool, warn_if_open: bool) -> Result<()> {
    if !overwrite && fs::symlink_metadata(path).is_ok() {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    if warn_if_open && fs::metadata(path).is_ok_and(|meta| is_open_to_others(&meta)) {
        eprintln!("{}", open_target_warning(path));
    }
    Ok(())
}

fn write_error(path: &Path, e: &io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        reason: write_reason(e),
    }
}

/// A file written and synced under a temporary name in its target's
/// folder, not yet in place.
struct Prepared {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
    dir: PathBuf,
    overwrite: bool,
}

fn prepare(
    path: &Path,
    overwrite: bool,
    render: impl FnOnce(&mut AtomicWriter<'_>) -> io::Result<()>,
) -> Result<Prepared> {
    let write_error = |e: io::Error| write_error(path, &e);
    let dir = parent_dir(path);
    // tempfile opens with O_EXCL and mode 0600 on unix (tested below).
    let mut temp = tempfile::Builder::new()
        .prefix(".rapproche-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_error)?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        render(&mut out).map_err(write_error)?;
        out.flush().map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;
    Ok(Prepared {
        temp,
        path: path.to_path_buf(),
        dir,
        overwrite,
    })
}

impl Prepared {
    /// Renames the file into place (its folder is not synced yet).
    fn commit(self) -> Result<()> {
        crate::stop::point("before-rename");
        let path = self.path;
        let persisted = if self.overwrite {
            self.temp.persist(&path)
        } else {
            self.temp.persist_noclobber(&path)
        };
        // On failure the temporary file is dropped, hence removed.
        persisted.map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => Error::OutputExists { path: path.clone() },
            _ => write_error(&path, &e.error),
        })?;
        Ok(())
    }
}

/// Creates a directory for personal data (the run's state), mode `0700`. An
/// existing directory is kept; if others can read it, a French warning goes
/// to standard error.
pub fn ensure_private_dir(path: &Path) -> Result<()> {
    let write_error = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            if is_open_to_others(&meta) {
                eprintln!(
                    "attention : le dossier « {} » est accessible à d'autres utilisateurs, alors qu'il contient des données personnelles.\nRestreignez-le : chmod 700 '{}'",
                    path.display(),
                    path.display()
                );
            }
            Ok(())
        }
        Ok(_) => Err(write_error(
            "ce chemin existe et n'est pas un dossier".to_string(),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            create_private_dir(path).map_err(|e| write_error(write_reason(&e)))
        }
        Err(e) => Err(write_error(write_reason(&e))),
    }
}

/// The warning for an existing file, readable by others, about to be
/// replaced: the new file is private, but the old one was not.
fn open_target_warning(path: &Path) -> String {
    format!(
        "attention : « {} » existait et était lisible par d'autres utilisateurs. Le nouveau \
         fichier ne l'est pas (0600), mais l'ancien contenu a pu être copié entre-temps.",
        path.display()
    )
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn create_private_dir(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

#[cfg(not(unix))]
fn create_private_dir(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)
}

#[cfg(unix)]
fn is_open_to_others(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o077 != 0
}

#[cfg(not(unix))]
fn is_open_to_others(_meta: &fs::Metadata) -> bool {
    false
}

/// Makes the rename durable: on unix a directory's entries are only on disk
/// once the directory itself is synced.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Why a write failed, in French: a missing file at write time is a
/// missing folder.
fn write_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "le dossier n'existe pas".to_string(),
        _ => crate::error::io_reason(error),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn writes_the_bytes_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"Nom;Pr\xE9nom\r\n", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"Nom;Pr\xE9nom\r\n");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn file_is_0600_even_with_a_lax_umask_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"x", false).unwrap();
        assert_eq!(mode(&path), 0o600);
        // Replacing a 0644 file gives a 0600 file too.
        let lax = dir.path().join("lax.csv");
        fs::write(&lax, b"old").unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&lax, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&lax, b"new", true).unwrap();
        assert_eq!(mode(&lax), 0o600);
    }

    #[test]
    fn existing_file_refused_or_replaced_per_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, b"old").unwrap();
        match write_atomic(&path, b"new", false) {
            Err(Error::OutputExists { path: p }) => assert_eq!(p, path),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read(&path).unwrap(), b"old");
        write_atomic(&path, b"new", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[test]
    fn streamed_render_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resultat.json");
        write_atomic_with(&path, false, |out| {
            for n in 0..3 {
                write!(out, "{n};")?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"0;1;2;");
        let failed = write_atomic_with(&path, true, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("renderer failed"))
        });
        assert!(matches!(failed, Err(Error::Write { .. })));
        assert_eq!(fs::read(&path).unwrap(), b"0;1;2;");
        assert_eq!(entries(dir.path()), ["resultat.json"]);
    }

    #[test]
    fn many_files_written_at_once_land_in_order_or_none_does() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        // More files than threads, in two folders.
        let files: Vec<(PathBuf, Vec<u8>)> = (0..3 * SYNC_THREADS)
            .map(|k| {
                let folder = if k % 2 == 0 { &a } else { &b };
                (
                    folder.join(format!("{k}.csv")),
                    format!("n°{k}").into_bytes(),
                )
            })
            .collect();
        let mut placed = Vec::new();
        write_all_atomic(&files, false, || {
            placed.push(files.iter().filter(|(p, _)| p.exists()).count())
        })
        .unwrap();
        assert_eq!(
            placed,
            (1..=files.len()).collect::<Vec<_>>(),
            "one more each time"
        );
        for (path, bytes) in &files {
            assert_eq!(&fs::read(path).unwrap(), bytes);
            #[cfg(unix)]
            assert_eq!(mode(path), 0o600);
        }
        assert_eq!(
            entries(&a).len() + entries(&b).len(),
            files.len(),
            "no temp file"
        );

        // One existing without --force, or one in a missing folder: none
        // is written.
        let fresh: Vec<(PathBuf, Vec<u8>)> = vec![
            (a.join("new.csv"), b"x".to_vec()),
            (files[1].0.clone(), b"y".to_vec()),
        ];
        assert!(matches!(
            write_all_atomic(&fresh, false, || {}),
            Err(Error::OutputExists { .. })
        ));
        let missing = vec![
            (a.join("new.csv"), b"x".to_vec()),
            (dir.path().join("absent/out.csv"), b"y".to_vec()),
        ];
        assert!(matches!(
            write_all_atomic(&missing, true, || {}),
            Err(Error::Write { .. })
        ));
        assert!(!a.join("new.csv").exists());
        assert_eq!(
            entries(&a).len() + entries(&b).len(),
            files.len(),
            "no temp file"
        );
    }

    #[test]
    fn missing_directory_is_a_write_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent").join("out.csv");
        assert!(matches!(
            write_atomic(&path, b"x", false),
            Err(Error::Write { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn private_dir_is_0700_and_existing_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join(".rapproche").join("runs");
        ensure_private_dir(&state).unwrap();
        assert_eq!(mode(&state), 0o700);
        ensure_private_dir(&state).unwrap();
        let file = dir.path().join("f");
        fs::write(&file, b"").unwrap();
        assert!(matches!(
            ensure_private_dir(&file),
            Err(Error::Write { .. })
        ));
    }
}
