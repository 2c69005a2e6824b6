//! `newskg serve`: a SPARQL 1.1 endpoint and a query page over the store.
//!
//! This file holds the options and the socket side: it opens the store, binds the
//! address and hands every request to [`handler::Service::handle`], which is a plain
//! function from request to response (no socket, so it is tested directly). The HTTP
//! server is [`oxhttp`], the small synchronous server Oxigraph's own endpoint uses: one
//! thread per connection, at most `max_connections` at once, and a read/write timeout
//! on every socket so a slow client cannot hold a thread for long.
//!
//! The server holds the store's write lock for as long as it runs, so a `newskg build`
//! meanwhile fails with "store is locked"; to add articles, stop the server, build,
//! and start it again (README, "Serving SPARQL").

pub mod cache;
pub mod handler;
pub mod negotiate;
pub mod page;

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::graph::store::GraphStore;
use handler::Service;

/// How the server behaves; the command line fills it in.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// How long one query may run before it is cancelled and answered with 503.
    pub query_timeout: Duration,
    /// How long a socket read or write may wait for the client.
    pub socket_timeout: Duration,
    /// The largest request body accepted; larger ones get 413.
    pub max_body_bytes: u64,
    /// How many connections are served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Accept SPARQL Update (POST `application/sparql-update` or form `update=`).
    pub allow_update: bool,
    /// Send `Access-Control-Allow-Origin: *` so pages on other origins may query.
    pub cors: bool,
    /// How many bytes of responses the result cache keeps; 0 turns it off.
    pub cache_bytes: usize,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            query_timeout: Duration::from_secs(30),
            socket_timeout: Duration::from_secs(30),
            max_body_bytes: 1 << 20,
            max_connections: 64,
            allow_update: false,
            cors: false,
            cache_bytes: 64 << 20,
        }
    }
}

/// Opens the store, listens, and serves until the process is stopped.
///
/// Prints `listening on http://ADDR/` on standard error once the socket is bound.
pub fn serve(store_path: &Path, options: ServeOptions) -> Result<()> {
    let store = GraphStore::open(store_path, false)?;
    let bind = resolve_port(options.bind)?;
    let summary = format!(
        "store {}, {}, query timeout {} s",
        store_path.display(),
        if options.allow_update { "updates allowed" } else { "read-only" },
        options.query_timeout.as_secs_f64()
    );
    let socket_timeout = options.socket_timeout;
    let max_connections = options.max_connections;
    let service = Service::new(store.inner().clone(), options);
    let server = oxhttp::Server::new(move |request| service.handle(request))
        .bind(bind)
        .with_global_timeout(socket_timeout)
        .with_max_concurrent_connections(max_connections)
        .with_server_name(concat!("newskg/", env!("CARGO_PKG_VERSION")))
        .context("server name")?;
    let listening = server.spawn().with_context(|| format!("cannot listen on {bind}"))?;
    eprintln!("newskg serve: listening on http://{bind}/ ({summary})");
    listening.join().context("the server stopped")?;
    Ok(())
}

/// The address with a concrete port: for port 0, one the system says is free.
///
/// oxhttp binds inside `spawn` and does not report the port it got, so a free port is
/// found by binding and releasing it first. Another process could take it in between;
/// `spawn` then fails with a clear error rather than listening elsewhere.
fn resolve_port(addr: SocketAddr) -> Result<SocketAddr> {
    if addr.port() != 0 {
        return Ok(addr);
    }
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    Ok(listener.local_addr()?)
}
