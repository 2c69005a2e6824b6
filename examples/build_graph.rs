//! A walk through the pipeline as a library: ingest → extract → store → query → export.
//!
//! Run it with `cargo run --example build_graph`. It reads the example articles,
//! builds a store in a temporary folder, asks who met whom, and prints the actor
//! network as Graphviz DOT.

use std::path::PathBuf;

use newskg::export::{dot, network};
use newskg::graph::model::article_quads;
use newskg::ingest::{ReadOptions, read_inputs};
use newskg::query::{ResultFormat, write_results};
use newskg::{Extractor, GraphStore, RuleExtractor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // # Ingest
    // Files, folders and `-` all work; bad inputs come back as errors, not panics.
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let batch = read_inputs(&[folder], &ReadOptions::default());
    for error in &batch.errors {
        eprintln!("skipped {error}");
    }
    println!("read {} articles", batch.documents.len());

    // # Extract
    // The rule-based extractor finds entities, roles and events in each article.
    let extractor = RuleExtractor::shared();
    let extractions = newskg::extract::extract_all(extractor, &batch.documents);
    let n_events: usize = extractions.iter().map(|e| e.events.len()).sum();
    println!("extracted {n_events} events");

    // # Store
    // Each article becomes one named graph, written atomically; entities and direct
    // triples go to the merged graph, once each.
    let dir = tempfile_dir()?;
    let store = GraphStore::open(&dir, true)?;
    store.load_ontology()?;
    let articles: Vec<_> = batch
        .documents
        .iter()
        .zip(&extractions)
        .map(|(doc, ex)| article_quads(doc, ex, extractor.version()))
        .collect();
    store.write_articles(&articles)?;
    println!("{} quads in the store", store.len()?);

    // # Query
    // The default graph is the union of all article graphs; prefixes are predeclared.
    let results = store.query(
        "SELECT DISTINCT ?a ?b WHERE { ?x nkg:meets ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b",
    )?;
    write_results(results, ResultFormat::Table, &mut std::io::stdout())?;

    // # Export
    // The actor network folds events into weighted edges; DOT goes straight to Graphviz.
    let graph = network::read_network(&store, &network::NetworkOptions::default())?;
    dot::write_dot(&graph, &mut std::io::stdout())?;
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("newskg-example-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(dir)
}
