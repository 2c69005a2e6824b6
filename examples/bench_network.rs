//! Benchmark: reading the actor network and analysing it, on an existing store.
//!
//!     cargo run --release --example bench_network -- STORE
//!
//! Prints how long reading the network takes (`export::network::read_selection`,
//! as every network export does), how long `analyze::analyze` takes on it with
//! Louvain communities, and how long writing GraphML, DOT and the event table
//! (with what it reads on top: places, and URLs for older summaries) takes.
//! Make a large store with `examples/gen_synthetic.rs`; the numbers go in
//! BENCHMARKS.md.

use std::path::PathBuf;
use std::time::Instant;

use newskg::GraphStore;
use newskg::analyze::{CommunityMethod, analyze};
use newskg::export::network::{NetworkOptions, read_selection};
use newskg::export::{dot, events, xml};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1).map(PathBuf::from) else {
        return Err("usage: bench_network STORE".into());
    };
    let store = GraphStore::open_read_only(&path)?;

    // # Read the network
    let started = Instant::now();
    let selection = read_selection(&store, &NetworkOptions::default())?;
    let network = &selection.network;
    println!(
        "read: {} events in the store, {} nodes, {} edges in {:.1} s",
        selection.events.len(),
        network.node_count(),
        network.edge_count(),
        started.elapsed().as_secs_f64()
    );

    // # Analyse it
    for method in [CommunityMethod::Louvain, CommunityMethod::LabelPropagation] {
        let started = Instant::now();
        let analysis = analyze(&selection, method);
        println!(
            "analyze ({}): {} communities, modularity {:.3}, betweenness {} in {:.1} s",
            method.label(),
            analysis.communities.len(),
            analysis.modularity,
            if analysis.betweenness_exact { "exact" } else { "sampled" },
            started.elapsed().as_secs_f64()
        );
    }

    // # Write it
    let started = Instant::now();
    xml::write_graphml(network, &mut std::io::sink())?;
    println!("write GraphML: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    dot::write_dot(network, &mut std::io::sink())?;
    println!("write DOT: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let rows = events::write_events_csv(&store, &selection, &mut std::io::sink())?;
    println!("write the event table: {rows} rows in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
