//! Writes a synthetic store for the network benchmarks: N events among M actors.
//!
//!     cargo run --release --example gen_synthetic -- OUT_DIR [EVENTS] [ACTORS]
//!
//! Defaults: 1,000,000 events among 50,000 actors. The store has the same RDF
//! model as `newskg build` writes (one named graph per article, the merged
//! graph), so `newskg --store OUT_DIR export` and `analyze` read it as they read
//! real data. The output is the same on every run (seed 42). The store is
//! compacted at the end, so that later commands are not slowed by RocksDB
//! compacting it. See BENCHMARKS.md.

use std::path::PathBuf;
use std::time::Instant;

use newskg::GraphStore;
use newskg::synthetic::{SyntheticOptions, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        return Err("usage: gen_synthetic OUT_DIR [EVENTS] [ACTORS]".into());
    };
    let events: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(1_000_000);
    let actors: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(50_000);

    // # A fresh store
    if out.exists() && std::fs::read_dir(&out)?.next().is_some() {
        return Err(format!("{} exists and is not empty", out.display()).into());
    }
    let store = GraphStore::open(&out, true)?;

    // # Generate and bulk-load
    let options = SyntheticOptions { events, actors, ..SyntheticOptions::default() };
    let started = Instant::now();
    let summary = generate(&store, &options)?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}: {} articles, {} events, {} actors in events, {} quads written in {seconds:.1} s ({:.0} quads/s)",
        out.display(),
        summary.articles,
        summary.events,
        summary.actors,
        summary.quads_written,
        summary.quads_written as f64 / seconds
    );

    // # Compact
    // The bulk loader leaves RocksDB many level-0 files, which it would
    // otherwise compact during the next commands that open the store for
    // writing (export and analyze do), inflating their times.
    let started = Instant::now();
    store.optimize()?;
    println!("compacted in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
