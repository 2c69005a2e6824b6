//! Query deadlines: one background thread cancels queries that run past their time.
//!
//! Oxigraph checks a [`CancellationToken`] each time a query reads from the store, so
//! a query stops soon after its token is cancelled, even in the middle of a sort or a
//! join. [`Watchdog::start`] hands out a token with a deadline; one thread sleeps
//! until the earliest deadline and cancels whatever is due. Dropping the returned
//! [`Deadline`] (the query finished) forgets it. One thread serves every query, so a
//! flood of queries does not mean a flood of sleeping timer threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

/// Cancels queries at their deadlines.
pub struct Watchdog {
    shared: Arc<Shared>,
}

/// A running query's deadline; dropping it means the query is done.
pub struct Deadline<'a> {
    shared: &'a Shared,
    key: (Instant, u64),
    token: CancellationToken,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    next_id: AtomicU64,
}

#[derive(Default)]
struct State {
    pending: BTreeMap<(Instant, u64), CancellationToken>,
    stopped: bool,
}

impl Watchdog {
    /// Starts the watchdog thread.
    pub fn new() -> Watchdog {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
            next_id: AtomicU64::new(0),
        });
        let thread_shared = Arc::clone(&shared);
        thread::Builder::new()
            .name("newskg-watchdog".to_string())
            .spawn(move || watch(&thread_shared))
            .expect("the watchdog thread starts");
        Watchdog { shared }
    }

    /// A token that is cancelled `timeout` from now unless the deadline is dropped first.
    pub fn start(&self, timeout: Duration) -> Deadline<'_> {
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let key = (Instant::now() + timeout, id);
        let token = CancellationToken::new();
        self.shared.lock().pending.insert(key, token.clone());
        self.shared.wake.notify_one();
        Deadline { shared: &self.shared, key, token }
    }
}

impl Default for Watchdog {
    fn default() -> Watchdog {
        Watchdog::new()
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().stopped = true;
        self.shared.wake.notify_one();
    }
}

impl Deadline<'_> {
    /// The token to give the query.
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }

    /// Whether the deadline passed and the query was cancelled.
    pub fn expired(&self) -> bool {
        self.token.is_cancelled()
    }
}

impl Drop for Deadline<'_> {
    fn drop(&mut self) {
        self.shared.lock().pending.remove(&self.key);
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The watchdog thread: cancel what is due, then sleep until the next deadline.
fn watch(shared: &Shared) {
    let mut state = shared.lock();
    while !state.stopped {
        let now = Instant::now();
        while let Some(entry) = state.pending.first_entry() {
            if entry.key().0 > now {
                break;
            }
            entry.remove().cancel();
        }
        state = match state.pending.keys().next() {
            Some(&(at, _)) => {
                shared.wake.wait_timeout(state, at - now).unwrap_or_else(PoisonError::into_inner).0
            }
            None => shared.wake.wait(state).unwrap_or_else(PoisonError::into_inner),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_that_passes_cancels_its_token() {
        let watchdog = Watchdog::new();
        let deadline = watchdog.start(Duration::from_millis(20));
        assert!(!deadline.expired());
        thread::sleep(Duration::from_millis(200));
        assert!(deadline.expired());
    }

    #[test]
    fn a_dropped_deadline_is_forgotten() {
        let watchdog = Watchdog::new();
        let token = watchdog.start(Duration::from_millis(20)).token().clone();
        thread::sleep(Duration::from_millis(200));
        assert!(!token.is_cancelled());
        assert!(watchdog.shared.lock().pending.is_empty());
    }

    #[test]
    fn an_earlier_deadline_is_not_kept_waiting_by_a_later_one() {
        let watchdog = Watchdog::new();
        let late = watchdog.start(Duration::from_secs(60));
        let early = watchdog.start(Duration::from_millis(20));
        thread::sleep(Duration::from_millis(200));
        assert!(early.expired());
        assert!(!late.expired());
    }
}
