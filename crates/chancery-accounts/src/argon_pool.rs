//! Argon2id with bounded memory: every password hashed or checked in this process borrows one
//! of at most [`MAX_BUFFERS`] memory buffers of 19 MiB from one pool, and waits while all are
//! in use.
//!
//! Why a pool rather than the argon2 crate's own allocation: each check used to allocate its
//! 19 MiB on whatever thread ran it. glibc raises its mmap threshold to the size of the last
//! large block freed, so after the first check these buffers came from per-thread arenas and
//! stayed there; a burst over many blocking threads left the process at over a gigabyte. A
//! buffer allocated once and reused is never freed, so the resident memory Argon2 can hold is
//! `MAX_BUFFERS × 19 MiB`, whoever calls (a sign-in, a password change, a new user, the CLI).

use std::sync::{Condvar, Mutex, MutexGuard};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// How many password checks may run at once in this process (the README's "at most four").
pub const MAX_BUFFERS: usize = 4;

/// Blocks (1 KiB each) per buffer: the cost of the hashes this crate makes (19 MiB).
pub const BUFFER_BLOCKS: usize = Params::DEFAULT.block_count();

/// Why a password could not be hashed or a stored hash read. (The argon2 crate's errors are
/// not `std::error::Error` without its `std` feature, so they are carried, not chained.)
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hash: {0}")]
    Argon2(argon2::Error),
    #[error("password hash: {0}")]
    Format(argon2::password_hash::Error),
}

impl From<argon2::Error> for HashError {
    fn from(e: argon2::Error) -> Self {
        HashError::Argon2(e)
    }
}

impl From<argon2::password_hash::Error> for HashError {
    fn from(e: argon2::password_hash::Error) -> Self {
        HashError::Format(e)
    }
}

struct Buffers {
    free: Vec<Box<[Block]>>,
    /// Buffers allocated so far (free or lent); never more than the pool's capacity.
    allocated: usize,
    in_use: usize,
    peak_in_use: usize,
}

/// A fixed number of Argon2 memory buffers, lent one per hash.
pub struct ArgonPool {
    capacity: usize,
    blocks: usize,
    buffers: Mutex<Buffers>,
    returned: Condvar,
}

static GLOBAL: ArgonPool = ArgonPool::new(MAX_BUFFERS, BUFFER_BLOCKS);

/// A buffer on loan; it goes back to the pool when dropped, also if the hash panicked.
struct Loan<'a> {
    pool: &'a ArgonPool,
    buffer: Option<Box<[Block]>>,
}

impl Drop for Loan<'_> {
    fn drop(&mut self) {
        if let Some(buffer) = self.buffer.take() {
            let mut b = self.pool.lock();
            b.free.push(buffer);
            b.in_use -= 1;
            drop(b);
            self.pool.returned.notify_one();
        }
    }
}

impl ArgonPool {
    /// A pool of at most `capacity` buffers of `blocks` blocks each (at least one buffer).
    /// Buffers are allocated the first time they are needed and kept for the life of the pool.
    pub const fn new(capacity: usize, blocks: usize) -> ArgonPool {
        ArgonPool {
            capacity: if capacity == 0 { 1 } else { capacity },
            blocks,
            buffers: Mutex::new(Buffers {
                free: Vec::new(),
                allocated: 0,
                in_use: 0,
                peak_in_use: 0,
            }),
            returned: Condvar::new(),
        }
    }

    /// The process's pool, which [`crate::secret::hash_password`] and
    /// [`crate::secret::verify_password`] use.
    pub fn global() -> &'static ArgonPool {
        &GLOBAL
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Buffers allocated so far: never more than [`capacity`](Self::capacity).
    pub fn allocated(&self) -> usize {
        self.lock().allocated
    }

    /// The most buffers ever lent at the same time.
    pub fn peak_in_use(&self) -> usize {
        self.lock().peak_in_use
    }

    fn lock(&self) -> MutexGuard<'_, Buffers> {
        // The state is three counters and a list, updated together under the lock; a panic
        // elsewhere cannot leave them inconsistent.
        self.buffers.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Borrows a buffer, waiting while all of them are lent.
    fn borrow(&self) -> Loan<'_> {
        let mut b = self.lock();
        let buffer = loop {
            if let Some(buffer) = b.free.pop() {
                break buffer;
            }
            if b.allocated < self.capacity {
                b.allocated += 1;
                // Counted before allocating (outside the lock) so no other thread can pass
                // the capacity meanwhile.
                b.in_use += 1;
                b.peak_in_use = b.peak_in_use.max(b.in_use);
                drop(b);
                return Loan {
                    pool: self,
                    buffer: Some(vec![Block::new(); self.blocks].into_boxed_slice()),
                };
            }
            b = self.returned.wait(b).unwrap_or_else(|p| p.into_inner());
        };
        b.in_use += 1;
        b.peak_in_use = b.peak_in_use.max(b.in_use);
        Loan {
            pool: self,
            buffer: Some(buffer),
        }
    }

    /// Runs Argon2 with `ctx` into `out`, in a borrowed buffer.
    fn run(
        &self,
        ctx: &Argon2<'_>,
        password: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> Result<(), argon2::Error> {
        if ctx.params().block_count() > self.blocks {
            return Err(argon2::Error::MemoryTooMuch);
        }
        let mut loan = self.borrow();
        let buffer = loan
            .buffer
            .as_deref_mut()
            .ok_or(argon2::Error::MemoryTooLittle)?;
        ctx.hash_password_into_with_memory(password, salt, out, buffer)
    }

    /// An Argon2id hash of `password` in PHC format with the crate's defaults (19 MiB, 2
    /// passes, 1 lane: OWASP's recommendation), exactly what `Argon2::default().hash_password`
    /// gives for the same salt.
    pub fn hash(&self, password: &[u8], salt: &[u8]) -> Result<String, HashError> {
        let params = Params::DEFAULT;
        let ctx = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
            Ok(self.run(&ctx, password, salt, out)?)
        })?;
        let salt = SaltString::encode_b64(salt)?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches a stored PHC hash: the salt and cost are read from the hash,
    /// the hash is recomputed in a borrowed buffer and compared in constant time. False for
    /// anything that is not an Argon2 hash, or one costing more memory than a buffer holds
    /// (this crate never made one).
    pub fn verify(&self, stored: &str, password: &[u8]) -> bool {
        self.check(stored, password).unwrap_or(false)
    }

    fn check(&self, stored: &str, password: &[u8]) -> Result<bool, HashError> {
        let phc = PasswordHash::new(stored)?;
        let expected = phc.hash.ok_or(argon2::password_hash::Error::Password)?;
        let salt = phc.salt.ok_or(argon2::password_hash::Error::Password)?;
        let algorithm = Algorithm::try_from(phc.algorithm)?;
        let version = phc
            .version
            .map(Version::try_from)
            .transpose()?
            .unwrap_or_default();
        let params = Params::try_from(&phc)?;
        let ctx = Argon2::new(algorithm, version, params);
        let mut salt_buf = [0u8; 64];
        let salt = salt.decode_b64(&mut salt_buf)?;
        let computed = Output::init_with(expected.len(), |out| {
            Ok(self.run(&ctx, password, salt, out)?)
        })?;
        // `Output`'s equality is constant-time.
        Ok(computed == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordHasher;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier};

    /// Made by the code before the pool (`Argon2::default().hash_password`), as stored hashes
    /// are: it must still verify.
    const STORED: &str = "$argon2id$v=19$m=19456,t=2,p=1$Y2hhbmNlcnktZml4ZWQtcw$zuVq8KqlPuCemDddg15HwWnPYZnxkjUcuBZymXXkRsg";

    #[test]
    fn hashes_stored_before_the_pool_still_verify() {
        let pool = ArgonPool::new(1, BUFFER_BLOCKS);
        assert!(pool.verify(STORED, b"correct horse battery"));
        assert!(!pool.verify(STORED, b"correct horse batterY"));
        assert!(!pool.verify("not a hash", b"x"));
        assert!(!pool.verify(
            "$argon2id$v=19$m=19456,t=2,p=1$Y2hhbmNlcnktZml4ZWQtcw",
            b"x"
        ));
    }

    #[test]
    fn the_pool_hashes_exactly_as_the_crate_did() {
        let pool = ArgonPool::new(1, BUFFER_BLOCKS);
        let salt = *b"sixteen byte slt";
        let ours = pool.hash(b"a long enough password", &salt).unwrap();
        let theirs = Argon2::default()
            .hash_password(
                b"a long enough password",
                &SaltString::encode_b64(&salt).unwrap(),
            )
            .unwrap()
            .to_string();
        assert_eq!(ours, theirs);
        assert!(pool.verify(&ours, b"a long enough password"));
    }

    /// A hash that would need more memory than a buffer (a stored hash no version of this
    /// crate made) is refused rather than allocated outside the pool.
    #[test]
    fn a_hash_costing_more_than_a_buffer_is_refused_not_allocated() {
        let small = ArgonPool::new(1, 64);
        assert!(!small.verify(STORED, b"correct horse battery"));
        assert_eq!(small.allocated(), 0);
    }

    /// The probe's burst: 64 threads verify at once. Never more than four buffers exist, and
    /// never more than four checks run together, in a pool like the process's and in the
    /// process's own pool (which every other test shares: the bound holds for all of them).
    #[test]
    fn sixty_four_concurrent_checks_allocate_at_most_four_buffers() {
        let local = Arc::new(ArgonPool::new(MAX_BUFFERS, BUFFER_BLOCKS));
        let barrier = Arc::new(Barrier::new(64));
        let matched = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..64)
            .map(|i| {
                let (local, barrier, matched) = (local.clone(), barrier.clone(), matched.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let pool = if i % 2 == 0 {
                        &*local
                    } else {
                        ArgonPool::global()
                    };
                    let password: &[u8] = if i % 8 == 0 {
                        b"correct horse battery"
                    } else {
                        b"wrong"
                    };
                    if pool.verify(STORED, password) {
                        matched.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(matched.load(Ordering::Relaxed), 8);
        assert_eq!(
            local.allocated(),
            MAX_BUFFERS,
            "32 checks at once use all four"
        );
        assert!(local.peak_in_use() <= MAX_BUFFERS);
        assert!(ArgonPool::global().allocated() <= MAX_BUFFERS);
        assert!(ArgonPool::global().peak_in_use() <= MAX_BUFFERS);
    }
}
