//! Builds the store from a batch of articles: skip unchanged ones, extract the rest, write them.
//!
//! Articles are processed in chunks: each chunk is extracted in parallel with
//! rayon and then written in one atomic step, so memory stays bounded and an
//! interrupted build loses at most the chunk in flight, never half an
//! article. An article is unchanged when the store holds the same content hash
//! and extractor version for it.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::error::StoreError;
use crate::extract::Extractor;
use crate::graph::model::article_quads;
use crate::graph::store::GraphStore;
use crate::ingest::Document;

/// Articles extracted and written per step.
pub const CHUNK: usize = 256;

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildSummary {
    /// Articles extracted and written.
    pub written: usize,
    /// Articles already in the store with the same content and extractor.
    pub unchanged: usize,
    /// Distinct entity ids in the written articles.
    pub entities: usize,
    pub events: usize,
    /// Quads written for the articles (before merging with the rest of the store).
    pub quads_written: usize,
}

/// Writes `docs` into `store`; `on_article` is called once per extracted article (for a progress bar).
pub fn build_store(
    store: &GraphStore,
    docs: &[Document],
    extractor: &dyn Extractor,
    force: bool,
    on_article: &(dyn Fn() + Sync),
) -> Result<BuildSummary, StoreError> {
    let mut summary = BuildSummary::default();
    let mut todo: Vec<&Document> = Vec::new();
    for doc in docs {
        let stored = store.stored_article(&doc.id)?;
        let same = stored.is_some_and(|s| s.hash == doc.hash && s.extractor == extractor.version());
        if same && !force {
            summary.unchanged += 1;
        } else {
            todo.push(doc);
        }
    }
    let mut entity_ids: HashSet<String> = HashSet::new();
    for chunk in todo.chunks(CHUNK) {
        let extracted: Vec<_> = chunk
            .par_iter()
            .map(|doc| {
                let extraction = extractor.extract(doc);
                let quads = article_quads(doc, &extraction, extractor.version());
                on_article();
                (quads, extraction)
            })
            .collect();
        let mut articles = Vec::with_capacity(extracted.len());
        for (quads, extraction) in extracted {
            entity_ids.extend(extraction.entities.into_iter().map(|e| e.id));
            summary.events += extraction.events.len();
            summary.quads_written += quads.len();
            articles.push(quads);
        }
        store.write_articles(&articles)?;
        summary.written += articles.len();
    }
    summary.entities = entity_ids.len();
    Ok(summary)
}
