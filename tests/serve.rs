//! `newskg serve`: the real binary on 127.0.0.1, a free port, a real HTTP client.
//!
//! The protocol and its errors, bad clients that must not stop the server, the store
//! lock shared with `build`, and the query page in headless Chromium (skipped, with a
//! message, where Chromium is not installed; `.ci/run` installs it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// A running `newskg serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    /// Starts the server on `store` with extra arguments and waits until it listens.
    fn start(store: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env("NEWSKG_STORE", store)
            .stderr(Stdio::piped())
            .spawn()
            .expect("newskg serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let address = rest.split('/').next().unwrap().to_string();
                std::thread::spawn(move || lines.for_each(drop));
                return Server { child, address };
            }
            seen.push_str(&line);
            seen.push('\n');
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("newskg serve stopped before listening:\n{seen}");
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A store built from the example articles.
fn example_store() -> Scratch {
    let scratch = Scratch::new();
    assert_ok(&scratch.run(&["build", examples().to_str().unwrap()]));
    scratch
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Status, content type and body of a response.
fn parts(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String, String) {
    let mut response = response.expect("the server answers");
    let content_type =
        response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = response.body_mut().with_config().limit(u64::MAX).read_to_string().unwrap();
    (response.status().as_u16(), content_type, body)
}

fn get(server: &Server, path: &str, accept: &str) -> (u16, String, String) {
    parts(agent().get(server.url(path)).header("Accept", accept).call())
}

fn post(server: &Server, content_type: &str, accept: &str, body: &str) -> (u16, String, String) {
    parts(
        agent()
            .post(server.url("/sparql"))
            .header("Content-Type", content_type)
            .header("Accept", accept)
            .send(body),
    )
}

fn meetings() -> String {
    std::fs::read_to_string(query_file("meetings.rq")).unwrap()
}

#[track_caller]
fn check(got: (u16, String, String), status: u16, content_type: &str, needle: &str) {
    let (got_status, got_type, body) = got;
    assert_eq!(got_status, status, "body: {body}");
    assert!(got_type.starts_with(content_type), "content type {got_type}; body {body}");
    assert!(body.contains(needle), "{needle:?} not in:\n{body}");
}

#[test]
fn serve_answers_the_sparql_protocol_with_negotiated_formats() {
    let scratch = example_store();
    let server = Server::start(&scratch.store(), &[]);
    let query = meetings();
    let encoded = percent_encoding::utf8_percent_encode(&query, percent_encoding::NON_ALPHANUMERIC);
    let by_get = format!("/sparql?query={encoded}");
    check(
        get(&server, &by_get, "application/sparql-results+json"),
        200,
        "application/sparql-results+json",
        "Emmanuel Macron",
    );
    check(
        post(&server, "application/sparql-query", "text/csv", &query),
        200,
        "text/csv",
        "Marco Rubio,meet,Emmanuel Macron,2025-04-17,seed-rubio-paris",
    );
    let form = format!("query={encoded}");
    check(
        post(&server, "application/x-www-form-urlencoded", "text/tab-separated-values", &form),
        200,
        "text/tab-separated-values",
        "\"Marco Rubio\"",
    );
    check(
        post(&server, "application/sparql-query", "application/sparql-results+xml", &query),
        200,
        "application/sparql-results+xml",
        "<literal>Emmanuel Macron</literal>",
    );

    let construct = "CONSTRUCT { ent:marco-rubio ?p ?o } WHERE { ent:marco-rubio ?p ?o }";
    check(
        post(&server, "application/sparql-query", "text/turtle", construct),
        200,
        "text/turtle",
        "ent:marco-rubio",
    );
    check(
        post(&server, "application/sparql-query", "application/n-triples", construct),
        200,
        "application/n-triples",
        "<https://newskg.org/id/entity/marco-rubio>",
    );
    check(
        post(&server, "application/sparql-query", "application/ld+json", construct),
        200,
        "application/ld+json",
        "\"@id\"",
    );

    let merged = "/store?graph=https%3A%2F%2Fnewskg.org%2Fgraph%2Fmerged";
    check(
        get(&server, merged, "application/n-triples"),
        200,
        "application/n-triples",
        "<https://newskg.org/ns#meets>",
    );
    check(get(&server, "/", "text/html"), 200, "text/html", "cytoscape.min.js");
}

#[test]
fn every_bad_request_gets_a_clear_error_and_the_server_goes_on() {
    let scratch = example_store();
    let server = Server::start(
        &scratch.store(),
        &["--max-body-bytes", "2000", "--timeout", "1", "--socket-timeout", "1"],
    );

    check(
        post(&server, "application/sparql-query", "*/*", "SELECT ?x WHERE { ?x"),
        400,
        "text/plain",
        "malformed SPARQL query",
    );
    check(post(&server, "application/sparql-query", "image/png", &meetings()), 406, "text/plain", "text/csv");
    check(post(&server, "text/plain", "*/*", &meetings()), 415, "text/plain", "application/sparql-query");
    check(
        post(&server, "application/sparql-update", "*/*", "CLEAR ALL"),
        403,
        "text/plain",
        "--allow-update",
    );
    let huge = format!("{}\n#{}", meetings(), "x".repeat(100_000));
    check(
        post(&server, "application/sparql-query", "*/*", &huge),
        413,
        "text/plain",
        "larger than 2000 bytes",
    );
    check(get(&server, "/nowhere", "*/*"), 404, "text/plain", "/sparql");

    // A query that would run for minutes is stopped at the time limit.
    let endless =
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER NOT EXISTS { ?a ?h ?d } }";
    let started = Instant::now();
    check(post(&server, "application/sparql-query", "*/*", endless), 503, "text/plain", "--timeout");
    assert!(started.elapsed() < Duration::from_secs(10), "503 after {:?}", started.elapsed());

    // A client that sends half a request and stalls is dropped after the socket timeout,
    // and others are served meanwhile.
    let mut stalled = TcpStream::connect(&server.address).unwrap();
    stalled.write_all(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nSELECT").unwrap();
    let started = Instant::now();
    check(post(&server, "application/sparql-query", "text/csv", &meetings()), 200, "text/csv", "Macron");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a stalled client held up another: {:?}",
        started.elapsed()
    );
    stalled.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = String::new();
    let _ = stalled.read_to_string(&mut answer);
    // oxhttp answers a body that stops coming with an error status (500 "Resource
    // temporarily unavailable" today) and closes the connection.
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4") || answer.starts_with("HTTP/1.1 5"),
        "{answer}"
    );

    // After all that, the server still answers.
    check(
        post(&server, "application/sparql-query", "text/csv", &meetings()),
        200,
        "text/csv",
        "Emmanuel Macron",
    );
}

#[test]
fn updates_are_accepted_only_with_allow_update() {
    let scratch = example_store();
    let server = Server::start(&scratch.store(), &["--allow-update"]);
    let (status, _, body) = post(
        &server,
        "application/sparql-update",
        "*/*",
        "INSERT DATA { ent:atlantis rdfs:label \"Atlantis\" }",
    );
    assert_eq!(status, 204, "{body}");
    check(
        post(&server, "application/sparql-query", "text/csv", "ASK { ent:atlantis rdfs:label \"Atlantis\" }"),
        200,
        "text/csv",
        "true",
    );
}

#[test]
fn build_is_refused_while_serving_and_a_restart_shows_new_articles() {
    let scratch = example_store();
    let article =
        scratch.file("new/talks.txt", b"date 2024-05-01 Talks\n\nFrance met Germany in Paris on Monday.\n");
    let ask = "ASK { ent:france nkg:meets ent:germany }";
    let server = Server::start(&scratch.store(), &[]);
    check(post(&server, "application/sparql-query", "text/csv", ask), 200, "text/csv", "false");

    let output = scratch.run(&["build", article.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("locked"), "{}", stderr(&output));
    check(post(&server, "application/sparql-query", "text/csv", ask), 200, "text/csv", "false");

    drop(server);
    assert_ok(&scratch.run(&["build", article.to_str().unwrap()]));
    let server = Server::start(&scratch.store(), &[]);
    check(post(&server, "application/sparql-query", "text/csv", ask), 200, "text/csv", "true");
}

/// Where Chromium is, if it is installed.
fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().map(str::to_string).find(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn the_query_page_runs_meetings_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED the_query_page_runs_meetings_in_headless_chromium: Chromium is not installed (apt-get install chromium)"
        );
        return;
    };
    let scratch = example_store();
    let server = Server::start(&scratch.store(), &[]);
    // `?example=meetings&run` selects the example and runs it; the browser waits for
    // the page's fetch within its virtual time budget, then prints the DOM.
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", scratch.dir.path().join("chromium").display()))
        .arg(server.url("/?example=meetings&run"))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("data-state=\"done\""), "the query did not finish:\n{dom}\n{}", stderr(&output));
    let table = dom.split("<table id=\"results-table\">").nth(1).expect("a results table");
    assert!(table.contains("<td>Emmanuel Macron</td>"), "{table}");
    assert!(table.contains("<td>Marco Rubio</td>"), "{table}");
}
