//! Benchmark: build throughput on a news corpus repeated to N articles.
//!
//!     cargo run --release --example bench_build -- [CORPUS_DIR] [N_ARTICLES]
//!
//! Defaults: `../shared/corpus/news` and 10,000 articles. Each article is
//! repeated under new ids until N is reached, then built into a fresh store in
//! a temporary folder exactly as `newskg build` does. Prints extraction speed
//! on one core (words per second), build throughput (articles and quads per
//! second, all cores) and peak memory. The numbers go in BENCHMARKS.md.

use std::path::PathBuf;
use std::time::Instant;

use newskg::build::build_store;
use newskg::ingest::{Document, ReadOptions, read_inputs};
use newskg::{Extractor, GraphStore, RuleExtractor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpus/news".to_string()));
    let n_articles: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10_000);

    // # Corpus
    let batch = read_inputs(std::slice::from_ref(&corpus), &ReadOptions::default());
    if batch.documents.is_empty() {
        return Err(format!("no articles in {}", corpus.display()).into());
    }
    let docs = repeat(&batch.documents, n_articles);
    let n_words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    println!(
        "corpus: {} ({} articles) repeated to {} articles, {} words",
        corpus.display(),
        batch.documents.len(),
        docs.len(),
        n_words
    );

    // # Extraction on one core
    let extractor = RuleExtractor::shared();
    let sample = &docs[..docs.len().min(2_000)];
    let sample_words: usize = sample.iter().map(|d| d.text.split_whitespace().count()).sum();
    let started = Instant::now();
    let mut n_events = 0;
    for doc in sample {
        n_events += extractor.extract(doc).events.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "extract, 1 core: {} articles, {sample_words} words, {n_events} events in {seconds:.2} s = {:.0} words/s",
        sample.len(),
        sample_words as f64 / seconds
    );

    // # Build on all cores
    let dir = std::env::temp_dir().join(format!("newskg-bench-{}", std::process::id()));
    let store = GraphStore::open(&dir, true)?;
    store.load_ontology()?;
    let started = Instant::now();
    let summary = build_store(&store, &docs, extractor, false, &|| {})?;
    let seconds = started.elapsed().as_secs_f64();
    let n_quads = store.len()?;
    println!(
        "build, {} threads: {} articles, {} events, {} quads written ({} in store) in {seconds:.1} s = {:.0} articles/s, {:.0} quads/s",
        rayon::current_num_threads(),
        summary.written,
        summary.events,
        summary.quads_written,
        n_quads,
        summary.written as f64 / seconds,
        summary.quads_written as f64 / seconds
    );

    // # Rebuild: every article is unchanged
    let started = Instant::now();
    let again = build_store(&store, &docs, extractor, false, &|| {})?;
    println!(
        "rebuild (all unchanged): {} articles checked in {:.1} s",
        again.unchanged,
        started.elapsed().as_secs_f64()
    );
    println!("peak memory: {} MiB", peak_rss_mib().map_or("unknown".to_string(), |m| m.to_string()));
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Repeats the corpus under new ids until there are `n` articles.
fn repeat(docs: &[Document], n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let mut doc = docs[i % docs.len()].clone();
            doc.id = format!("{}-r{}", doc.id, i / docs.len());
            doc.rehash();
            doc
        })
        .collect()
}

/// The process's peak resident memory, from /proc on Linux.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
