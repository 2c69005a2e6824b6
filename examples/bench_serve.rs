//! Benchmark: query latency of `newskg serve` under concurrent clients.
//!
//!     cargo build --release && cargo build --release --example bench_serve
//!     target/release/examples/bench_serve STORE [N_QUERIES] [N_CLIENTS] [SERVE_ARGS...]
//!
//! Defaults: 1,000 queries of `examples/queries/meetings.rq` from 8 clients. The
//! benchmark starts `target/release/newskg serve` on the store (on a free port of
//! 127.0.0.1, with SERVE_ARGS such as `--cache-mb 0`), sends one query to warm up
//! and reports its time, then lets the clients share the N queries, each client one
//! keep-alive connection sending the next query as soon as the last answer is read.
//! Prints the latency percentiles and the throughput; the numbers go in BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const QUERY: &str = include_str!("queries/meetings.rq");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let store =
        PathBuf::from(args.next().ok_or("usage: bench_serve STORE [N_QUERIES] [N_CLIENTS] [SERVE_ARGS...]")?);
    let n_queries: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(1_000);
    let n_clients: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(8);
    let serve_args: Vec<String> = args.collect();

    // # Start the server
    let (mut server, address) = start_server(&store, &serve_args)?;
    let url = format!("http://{address}/sparql");
    println!("server: {address}, store {}, extra arguments {serve_args:?}", store.display());

    // # One query to warm up (the store's caches, and the server's result cache if on)
    let started = Instant::now();
    let rows = count_rows(&run_query(&new_agent(), &url)?);
    println!("first query: {rows} rows in {:.1} ms", millis(started.elapsed()));

    // # N queries from the clients
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<Duration>();
    let started = Instant::now();
    thread::scope(|scope| {
        for _ in 0..n_clients {
            let sender = sender.clone();
            let (next, url) = (&next, &url);
            scope.spawn(move || {
                let agent = new_agent();
                while next.fetch_add(1, Ordering::Relaxed) < n_queries {
                    let sent = Instant::now();
                    run_query(&agent, url).expect("the query succeeds");
                    sender.send(sent.elapsed()).expect("the collector listens");
                }
            });
        }
    });
    drop(sender);
    let wall = started.elapsed();
    let mut latencies: Vec<Duration> = receiver.iter().collect();
    latencies.sort();
    println!(
        "{} queries, {n_clients} clients, {:.1} s: {:.0} queries/s",
        latencies.len(),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64()
    );
    for (name, fraction) in [("p50", 0.50), ("p90", 0.90), ("p99", 0.99), ("max", 1.0)] {
        println!("{name}: {:.2} ms", millis(percentile(&latencies, fraction)));
    }
    server.kill()?;
    server.wait()?;
    Ok(())
}

/// Starts `newskg serve` next to this example's binary and waits until it listens.
fn start_server(store: &Path, extra: &[String]) -> Result<(Child, String), Box<dyn std::error::Error>> {
    let examples_dir = std::env::current_exe()?.parent().ok_or("no parent")?.to_path_buf();
    let binary = examples_dir.parent().ok_or("no parent")?.join("newskg");
    let mut child = Command::new(&binary)
        .args(["--store", store.to_str().ok_or("store path is not UTF-8")?, "serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line?;
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let address = rest.split('/').next().unwrap_or_default().to_string();
            // Keep draining stderr so the server never blocks on a full pipe.
            thread::spawn(move || lines.for_each(drop));
            return Ok((child, address));
        }
        eprintln!("{line}");
    }
    child.wait()?;
    Err("the server stopped before listening".into())
}

fn new_agent() -> ureq::Agent {
    ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(120))).build().into()
}

fn run_query(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, ureq::Error> {
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "application/sparql-results+json")
        .send(QUERY)?;
    response.body_mut().with_config().limit(u64::MAX).read_to_vec()
}

fn count_rows(json: &[u8]) -> usize {
    let value: serde_json::Value = serde_json::from_slice(json).unwrap_or_default();
    value["results"]["bindings"].as_array().map_or(0, Vec::len)
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
