//! A byte-bounded cache of successful query responses.
//!
//! The server holds the store's write lock, so nothing but the server itself changes
//! the data while it runs: a response stays right until a SPARQL Update succeeds, which
//! clears the cache. Entries are keyed by everything that shapes a response (query
//! text, dataset, Accept header) and evicted oldest first once the byte budget is
//! spent. A response larger than a quarter of the budget is not kept.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A response body with its media type.
#[derive(Debug, PartialEq, Eq)]
pub struct CachedResponse {
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The cache; share it between threads by reference.
pub struct ResultCache {
    capacity_bytes: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Arc<CachedResponse>>,
    oldest_first: VecDeque<String>,
    bytes: usize,
}

impl ResultCache {
    /// A cache holding at most `capacity_bytes` of response bodies; 0 keeps nothing.
    pub fn new(capacity_bytes: usize) -> ResultCache {
        ResultCache { capacity_bytes, state: Mutex::new(State::default()) }
    }

    /// The response stored under `key`.
    pub fn get(&self, key: &str) -> Option<Arc<CachedResponse>> {
        self.lock().entries.get(key).cloned()
    }

    /// Stores a response, evicting the oldest ones to stay within the budget.
    pub fn insert(&self, key: String, response: CachedResponse) {
        let size = response.body.len() + key.len();
        if size > self.capacity_bytes / 4 {
            return;
        }
        let mut state = self.lock();
        if state.entries.contains_key(&key) {
            return;
        }
        while state.bytes + size > self.capacity_bytes {
            let Some(oldest) = state.oldest_first.pop_front() else { break };
            if let Some(evicted) = state.entries.remove(&oldest) {
                state.bytes -= evicted.body.len() + oldest.len();
            }
        }
        state.bytes += size;
        state.oldest_first.push_back(key.clone());
        state.entries.insert(key, Arc::new(response));
    }

    /// Forgets everything (after the data changed).
    pub fn clear(&self) {
        *self.lock() = State::default();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(size: usize) -> CachedResponse {
        CachedResponse { content_type: "text/csv".to_string(), body: vec![b'x'; size] }
    }

    #[test]
    fn a_stored_response_comes_back() {
        let cache = ResultCache::new(1000);
        cache.insert("q".to_string(), response(10));
        assert_eq!(cache.get("q").unwrap().body.len(), 10);
        assert!(cache.get("other").is_none());
    }

    #[test]
    fn the_oldest_responses_make_room() {
        let cache = ResultCache::new(1000);
        for key in ["a", "b", "c", "d", "e"] {
            cache.insert(key.to_string(), response(240));
        }
        assert!(cache.get("a").is_none());
        assert!(cache.get("e").is_some());
        assert!(cache.lock().bytes <= 1000);
    }

    #[test]
    fn large_responses_and_a_zero_budget_keep_nothing() {
        let cache = ResultCache::new(1000);
        cache.insert("big".to_string(), response(400));
        assert!(cache.get("big").is_none());
        let off = ResultCache::new(0);
        off.insert("q".to_string(), response(0));
        assert!(off.get("q").is_none());
    }

    #[test]
    fn clearing_forgets_everything() {
        let cache = ResultCache::new(1000);
        cache.insert("q".to_string(), response(10));
        cache.clear();
        assert!(cache.get("q").is_none());
    }
}
