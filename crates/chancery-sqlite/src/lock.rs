//! One process per store: the lock `open_journal` holds for the journal's life.
//!
//! **Linux.** The lock is an exclusive `flock` on the database file itself, so it follows the
//! file (its inode), not the name: a symlink or a hard link to a live store finds it taken.
//! (Locking `<name>.lock` by name let `alias.db` get a lock, and a hard link even a WAL, of its
//! own.) `flock` and SQLite's own POSIX (`fcntl`) locks are independent on Linux's local file
//! systems, so this lock never gets in SQLite's way. On NFS, Linux emulates `flock` with `fcntl`
//! locks; SQLite on NFS is unsafe anyway and not supported.
//!
//! Two hazards shape the code, both from POSIX locks being per *process*, dropped when the
//! process closes *any* descriptor of the file:
//! - the lock's descriptor must outlive every SQLite connection (`Journal` drops it last);
//! - a second opener in the same process must not open, fail to lock and close a descriptor
//!   of a live store: that close would drop the live connections' SQLite locks. So stores open
//!   in this process are remembered by (device, inode) and refused before any descriptor is
//!   opened. (`flock` is per open file description, so the lock alone would also refuse them.)
//!
//! The file is created here if missing, with mode 0600, before SQLite opens it.
//!
//! **Elsewhere** (macOS and the BSDs, where `flock` and `fcntl` locks may conflict, and
//! Windows, where locks are mandatory and would block SQLite's own reads): the lock is on a
//! sidecar `<real path>.lock`, named after the path with symlinks resolved, so symlinks are
//! caught there too but hard links are not.
//!
//! **Upgrading.** Versions before this one locked `<path>.lock` on Linux too. This one neither
//! takes nor creates it (a lock file readable by others is what let any local user hold it and
//! block the server), so a leftover `.lock` is inert and can be deleted. An older process still
//! running beside a newer one would not see the newer lock: stop the old server before using
//! a newer CLI on its store. Even then the chain cannot fork: the store refuses an append that
//! does not continue its head (`check_continues` under SQLite's write lock), so the loser's
//! journal fails and refuses further writes instead.

use std::fs::{File, TryLockError};
use std::path::Path;

use chancery_journal::{JournalError, StorePath};

/// Held for a journal's life; dropping it releases the store. Must be dropped after every
/// SQLite connection to the store is closed.
pub(crate) struct StoreLock {
    _file: File,
    #[cfg(target_os = "linux")]
    id: (u64, u64),
}

#[cfg(target_os = "linux")]
mod registry {
    use std::collections::BTreeSet;
    use std::sync::{Mutex, MutexGuard, PoisonError};

    /// Stores this process has open, by (device, inode).
    static OPEN: Mutex<BTreeSet<(u64, u64)>> = Mutex::new(BTreeSet::new());

    /// Every critical section is a single set operation: poison cannot leave it half-done.
    pub(super) fn open_stores() -> MutexGuard<'static, BTreeSet<(u64, u64)>> {
        OPEN.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(target_os = "linux")]
impl Drop for StoreLock {
    fn drop(&mut self) {
        registry::open_stores().remove(&self.id);
        // `_file` closes after this, releasing the flock.
    }
}

#[cfg(target_os = "linux")]
pub(crate) fn lock_store(path: &Path) -> Result<StoreLock, JournalError> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

    let locked = || JournalError::Locked(StorePath::new(path));
    let failed = |e| JournalError::Lock(StorePath::new(path), e);
    // Held throughout, so two journals of this process opening aliases at once are ordered.
    let mut open = registry::open_stores();
    // By name first (stat follows symlinks), so no descriptor of a live store is opened.
    if let Ok(meta) = std::fs::metadata(path) {
        if open.contains(&(meta.dev(), meta.ino())) {
            return Err(locked());
        }
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    let id = (meta.dev(), meta.ino());
    if open.contains(&id) {
        // The name was pointed at a live store between the two looks. Closing this descriptor
        // would drop that store's SQLite locks, so it stays open for the process's life.
        std::mem::forget(file);
        return Err(locked());
    }
    try_lock_briefly(&file).map_err(|e| e.map_or_else(locked, failed))?;
    open.insert(id);
    Ok(StoreLock { _file: file, id })
}

/// Takes the lock, or gives up after about 200 ms (`Err(None)`: held). A lock just released by
/// this process can still be held for a moment by a child another thread is starting: between
/// its fork and its exec the child shares every open file description of the process, closed
/// on exec, and with it the `flock`. So a store closed and reopened in a process that also
/// starts programs (the tests do) would be refused now and then without the retries; a store
/// really held by another process is refused after the same short wait.
fn try_lock_briefly(file: &File) -> Result<(), Option<std::io::Error>> {
    for _ in 0..20 {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(TryLockError::Error(e)) => return Err(Some(e)),
        }
    }
    Err(None)
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn lock_store(path: &Path) -> Result<StoreLock, JournalError> {
    let failed = |e| JournalError::Lock(StorePath::new(path), e);
    let real = std::fs::canonicalize(path).or_else(|_| {
        // A new store: resolve its directory, which must exist.
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = path.file_name().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")
        })?;
        std::fs::canonicalize(parent).map(|dir| dir.join(name))
    });
    let mut lock_path = real.map_err(failed)?.into_os_string();
    lock_path.push(".lock");
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&lock_path).map_err(failed)?;
    try_lock_briefly(&file)
        .map_err(|e| e.map_or_else(|| JournalError::Locked(StorePath::new(path)), failed))?;
    Ok(StoreLock { _file: file })
}
