//! `--threads N` for the batch commands: their work runs in a pool of N threads (by default
//! rayon's global pool: every core, or RAYON_NUM_THREADS). Results do not depend on it.

use super::CommandError;

/// Runs `work` on `threads` worker threads (None: the global pool).
pub fn with_threads<T: Send>(
    threads: Option<u16>,
    work: impl FnOnce() -> T + Send,
) -> Result<T, CommandError> {
    match threads {
        None => Ok(work()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(usize::from(n))
                .build()
                .map_err(|e| CommandError::Io(std::io::Error::other(e)))?;
            Ok(pool.install(work))
        }
    }
}
