//! The RDF side: the vocabulary, the mapping from extractions to quads, and the store.

pub mod model;
pub mod store;
pub mod summary;
pub mod vocab;
