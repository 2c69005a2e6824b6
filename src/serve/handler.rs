//! The endpoint as a function: [`Service::handle`] turns a request into a response.
//!
//! Routes: `/` the query page and `/assets/…` its files; `/sparql` the SPARQL 1.1
//! Protocol (query by GET `?query=`, POST form or POST `application/sparql-query`;
//! update by POST `application/sparql-update` or form `update=` when allowed);
//! `/store` read access of the Graph Store Protocol (`?graph=IRI`, `?default`).
//! Every failure is a response with a status and a plain-text message saying what
//! was wrong: 400 malformed query, 403 update on a read-only server, 404, 405, 406
//! nothing acceptable, 413 body too large, 415 unknown body type, 503 query timeout.
//! No socket and no thread is involved, so tests call [`Service::handle`] directly.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW,
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::sparql::{CancellationToken, QueryResults};
use oxigraph::store::Store;

use super::ServeOptions;
use super::cache::{CachedResponse, ResultCache};
use super::negotiate::{self, Offer};
use super::page;
use crate::error::QueryError;
use crate::graph::store::{QueryOptions, query_store_with, update_store};
use crate::query::write_results;

/// The endpoint: the store, the options, the result cache and the running queries.
pub struct Service {
    store: Store,
    options: ServeOptions,
    cache: ResultCache,
    running: RunningQueries,
}

/// A SPARQL operation read from a request.
#[derive(Debug, PartialEq, Eq)]
enum Operation {
    Query { text: String, dataset: Dataset },
    Update { text: String },
}

/// The protocol's `default-graph-uri` and `named-graph-uri` parameters.
#[derive(Debug, Default, PartialEq, Eq)]
struct Dataset {
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

/// A response that is an error: a status and a message for the client.
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    message: String,
    /// The methods to list in an `Allow` header (for 405).
    allow: Option<String>,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into(), allow: None }
    }

    fn into_response(self) -> Response<Body> {
        let mut response = Response::builder()
            .status(self.status)
            .header(CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(Body::from(format!("{}\n", self.message)))
            .unwrap();
        if let Some(allow) = self.allow.and_then(|a| HeaderValue::from_str(&a).ok()) {
            response.headers_mut().insert(ALLOW, allow);
        }
        response
    }
}

impl Service {
    /// A service over `store`.
    pub fn new(store: Store, options: ServeOptions) -> Service {
        let cache = ResultCache::new(options.cache_bytes);
        Service { store, options, cache, running: RunningQueries::default() }
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let mut response = if request.method() == Method::OPTIONS && self.options.cors {
            Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap()
        } else {
            self.route(request).unwrap_or_else(Failure::into_response)
        };
        if self.options.cors {
            let headers = response.headers_mut();
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            headers.insert(ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type, Accept"));
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        let path = request.uri().path().to_string();
        match path.as_str() {
            "/sparql" => self.sparql(request),
            "/store" => {
                allow_methods(request, &[Method::GET])?;
                self.graph_store(request)
            }
            "/" => {
                allow_methods(request, &[Method::GET])?;
                Ok(asset_response(page::index()))
            }
            other => match page::asset(other) {
                Some(asset) => {
                    allow_methods(request, &[Method::GET])?;
                    Ok(asset_response(asset))
                }
                None => Err(Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("nothing at {other}: the SPARQL endpoint is /sparql, the query page is /"),
                )),
            },
        }
    }

    fn sparql(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        match read_operation(request, self.options.max_body_bytes)? {
            Operation::Query { text, dataset } => self.query(&text, &dataset, accept(request)),
            Operation::Update { text } => self.update(&text),
        }
    }

    /// Runs a query and writes its results in the negotiated format.
    ///
    /// The query runs on a thread of its own. When it is not done in time, the client
    /// gets 503 at once and the query is cancelled. Oxigraph notices the cancellation
    /// when it next scans the store, which a large cross product may not do for a long
    /// time: the thread can keep a core busy until then. At most twice
    /// `max_connections` query threads run at once, so such queries cannot pile up.
    fn query(&self, text: &str, dataset: &Dataset, accept: Option<&str>) -> Result<Response<Body>, Failure> {
        let cache_key = format!("{accept:?}\n{dataset:?}\n{text}");
        if let Some(cached) = self.cache.get(&cache_key) {
            return Ok(ok_response(&cached.content_type, cached.body.clone()));
        }
        let token = CancellationToken::new();
        let options = QueryOptions {
            default_graphs: parse_iris(&dataset.default_graphs, "default-graph-uri")?,
            named_graphs: parse_iris(&dataset.named_graphs, "named-graph-uri")?,
            cancellation: Some(token.clone()),
        };
        let slot = self.running.claim(self.options.max_connections * 2).ok_or_else(|| {
            Failure::new(StatusCode::SERVICE_UNAVAILABLE, "too many queries are running; try again shortly")
        })?;
        let (sender, receiver) = mpsc::sync_channel(1);
        let (store, text, accept) = (self.store.clone(), text.to_string(), accept.map(str::to_string));
        thread::Builder::new()
            .name("newskg-query".to_string())
            .spawn(move || {
                let outcome = evaluate(&store, &text, &options, accept.as_deref());
                drop(slot);
                // The handler may have stopped waiting; then nobody needs the outcome.
                let _ = sender.send(outcome);
            })
            .map_err(internal)?;
        let response = match receiver.recv_timeout(self.options.query_timeout) {
            Ok(outcome) => outcome.map_err(|failure| failure.into_failure(self.options.query_timeout))?,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                token.cancel();
                return Err(timeout_failure(self.options.query_timeout));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(internal("the query thread failed")),
        };
        let http_response = ok_response(&response.content_type, response.body.clone());
        self.cache.insert(cache_key, response);
        Ok(http_response)
    }

    fn update(&self, text: &str) -> Result<Response<Body>, Failure> {
        if !self.options.allow_update {
            return Err(Failure::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: start the server with `newskg serve --allow-update` to accept SPARQL Update",
            ));
        }
        // Updates run to the end: the server's time limit applies to queries only.
        let outcome = update_store(&self.store, text, &QueryOptions::default());
        self.cache.clear();
        outcome.map_err(|e| query_failure(e, self.options.query_timeout))?;
        Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap())
    }

    /// Graph Store Protocol, read side: one named graph, or the default graph (the union).
    fn graph_store(&self, request: &Request<Body>) -> Result<Response<Body>, Failure> {
        let params = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let graph = params.iter().find(|(name, _)| name == "graph").map(|(_, value)| value.as_str());
        let default = params.iter().any(|(name, _)| name == "default");
        let query = match (graph, default) {
            (Some(iri), false) => {
                let node = NamedNode::new(iri).map_err(|e| {
                    Failure::new(StatusCode::BAD_REQUEST, format!("graph={iri} is not an IRI: {e}"))
                })?;
                let exists = self.store.contains_named_graph(node.as_ref()).map_err(internal)?;
                if !exists {
                    return Err(Failure::new(
                        StatusCode::NOT_FOUND,
                        format!("the store has no graph {node}"),
                    ));
                }
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
            }
            (None, true) => {
                "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }".to_string()
            }
            _ => {
                return Err(Failure::new(
                    StatusCode::BAD_REQUEST,
                    "give exactly one of ?graph=IRI or ?default (the union of all graphs)",
                ));
            }
        };
        self.query(&query, &Dataset::default(), accept(request))
    }
}

/// What a query thread hands back: the response body, or why there is none.
enum QueryFailure {
    Query(QueryError),
    NotAcceptable(Failure),
}

impl QueryFailure {
    fn into_failure(self, timeout: Duration) -> Failure {
        match self {
            QueryFailure::Query(err) => query_failure(err, timeout),
            QueryFailure::NotAcceptable(failure) => failure,
        }
    }
}

/// Runs a query and serialises its results in the format `accept` asks for.
fn evaluate(
    store: &Store,
    text: &str,
    options: &QueryOptions,
    accept: Option<&str>,
) -> Result<CachedResponse, QueryFailure> {
    let results = query_store_with(store, text, options).map_err(QueryFailure::Query)?;
    let offers = match &results {
        QueryResults::Graph(_) => negotiate::GRAPHS,
        QueryResults::Solutions(_) | QueryResults::Boolean(_) => negotiate::SOLUTIONS,
    };
    let chosen = negotiate::choose(accept, offers)
        .ok_or_else(|| QueryFailure::NotAcceptable(not_acceptable(accept, offers)))?;
    let mut body = Vec::new();
    write_results(results, chosen.format, &mut body).map_err(QueryFailure::Query)?;
    Ok(CachedResponse { content_type: content_type_of(chosen), body })
}

fn query_failure(err: QueryError, timeout: Duration) -> Failure {
    match err {
        QueryError::Syntax(message) => {
            Failure::new(StatusCode::BAD_REQUEST, format!("malformed SPARQL query: {message}"))
        }
        QueryError::Cancelled => timeout_failure(timeout),
        other => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

fn timeout_failure(timeout: Duration) -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query was stopped after {} s, the server's time limit (newskg serve --timeout)",
            timeout.as_secs_f64()
        ),
    )
}

/// Counts the query threads, so that abandoned runaway queries cannot pile up.
#[derive(Default)]
struct RunningQueries {
    count: Arc<AtomicUsize>,
}

/// One running query; dropping it frees its place.
struct QuerySlot {
    count: Arc<AtomicUsize>,
}

impl RunningQueries {
    fn claim(&self, limit: usize) -> Option<QuerySlot> {
        let previous = self.count.fetch_add(1, Ordering::SeqCst);
        let slot = QuerySlot { count: Arc::clone(&self.count) };
        (previous < limit).then_some(slot)
    }
}

impl Drop for QuerySlot {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads the query or update from a GET or POST request.
fn read_operation(request: &mut Request<Body>, max_body_bytes: u64) -> Result<Operation, Failure> {
    let url_params = parse_form(request.uri().query().unwrap_or("").as_bytes());
    if request.method() == Method::GET {
        if url_params.iter().any(|(name, _)| name == "update") {
            return Err(method_not_allowed("SPARQL Update must be sent with POST", &[Method::POST]));
        }
        return operation_from_params(url_params);
    }
    if request.method() != Method::POST {
        return Err(method_not_allowed("/sparql takes GET and POST", &[Method::GET, Method::POST]));
    }
    let content_type = media_type(request).unwrap_or_default();
    let body = read_body(request, max_body_bytes)?;
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => operation_from_params(parse_form(&body)),
        "application/sparql-query" => {
            let mut params = url_params;
            params.retain(|(name, _)| name != "query");
            params.push(("query".to_string(), utf8(body)?));
            operation_from_params(params)
        }
        "application/sparql-update" => Ok(Operation::Update { text: utf8(body)? }),
        other => Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "cannot read a POST body of type {other:?}: send application/sparql-query, \
                 application/sparql-update or application/x-www-form-urlencoded"
            ),
        )),
    }
}

fn operation_from_params(params: Vec<(String, String)>) -> Result<Operation, Failure> {
    let mut queries = Vec::new();
    let mut updates = Vec::new();
    let mut dataset = Dataset::default();
    for (name, value) in params {
        match name.as_str() {
            "query" => queries.push(value),
            "update" => updates.push(value),
            "default-graph-uri" => dataset.default_graphs.push(value),
            "named-graph-uri" => dataset.named_graphs.push(value),
            _ => {}
        }
    }
    match (queries.len(), updates.len()) {
        (1, 0) => Ok(Operation::Query { text: queries.remove(0), dataset }),
        (0, 1) => Ok(Operation::Update { text: updates.remove(0) }),
        (0, 0) => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "no query: give it as ?query=… or POST it as application/sparql-query (the query page is at /)",
        )),
        _ => Err(Failure::new(StatusCode::BAD_REQUEST, "give exactly one query or one update per request")),
    }
}

/// The request body, refused with 413 when it is larger than `max_bytes`.
fn read_body(request: &mut Request<Body>, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {max_bytes} bytes (newskg serve --max-body-bytes)"),
        )
    };
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_bytes) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .body_mut()
        .take(max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")))?;
    if body.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

/// Decodes `application/x-www-form-urlencoded` pairs (also URL query strings).
fn parse_form(bytes: &[u8]) -> Vec<(String, String)> {
    let decode = |part: &[u8]| -> String {
        let spaced: Vec<u8> = part.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
        percent_encoding::percent_decode(&spaced).decode_utf8_lossy().into_owned()
    };
    bytes
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|&b| b == b'=') {
            Some(at) => (decode(&pair[..at]), decode(&pair[at + 1..])),
            None => (decode(pair), String::new()),
        })
        .collect()
}

fn parse_iris(iris: &[String], parameter: &str) -> Result<Vec<NamedNode>, Failure> {
    iris.iter()
        .map(|iri| {
            NamedNode::new(iri).map_err(|e| {
                Failure::new(StatusCode::BAD_REQUEST, format!("{parameter}={iri} is not an IRI: {e}"))
            })
        })
        .collect()
}

fn utf8(body: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(body)
        .map_err(|_| Failure::new(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
}

fn accept(request: &Request<Body>) -> Option<&str> {
    request.headers().get(ACCEPT).and_then(|value| value.to_str().ok())
}

/// The request's media type, lowercase, without parameters such as `charset`.
fn media_type(request: &Request<Body>) -> Option<String> {
    let value = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

fn allow_methods(request: &Request<Body>, allowed: &[Method]) -> Result<(), Failure> {
    if allowed.contains(request.method()) {
        return Ok(());
    }
    Err(method_not_allowed(&format!("{} takes only GET", request.uri().path()), allowed))
}

fn method_not_allowed(message: &str, allowed: &[Method]) -> Failure {
    let names = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    let mut failure = Failure::new(StatusCode::METHOD_NOT_ALLOWED, format!("{message} (allowed: {names})"));
    failure.allow = Some(names);
    failure
}

fn not_acceptable(accept: Option<&str>, offers: &[Offer]) -> Failure {
    Failure::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "cannot send these results as {}; ask for one of: {}",
            accept.unwrap_or("(nothing)"),
            negotiate::list(offers)
        ),
    )
}

fn internal(err: impl std::fmt::Display) -> Failure {
    Failure::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
}

fn content_type_of(offer: Offer) -> String {
    if offer.media_type.starts_with("text/") {
        format!("{}; charset=utf-8", offer.media_type)
    } else {
        offer.media_type.to_string()
    }
}

fn ok_response(content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

fn asset_response(asset: page::Asset) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, asset.content_type)
        .header(CACHE_CONTROL, "no-cache")
        .body(Body::from(asset.body))
        .unwrap()
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::graph::store::update_store;

    const DATA: &str = "INSERT DATA { GRAPH <https://newskg.org/graph/article/a1> {
        ent:marco-rubio rdfs:label \"Marco Rubio\" ; nkg:meets ent:emmanuel-macron .
        ent:emmanuel-macron rdfs:label \"Emmanuel Macron\" } }";

    fn service(options: ServeOptions) -> Service {
        let store = Store::new().unwrap();
        update_store(&store, DATA, &QueryOptions::default()).unwrap();
        Service::new(store, options)
    }

    fn default_service() -> Service {
        service(ServeOptions::default())
    }

    fn request(method: Method, uri: &str, headers: &[(&str, &str)], body: &str) -> Request<Body> {
        let mut builder = Request::builder().method(method).uri(format!("http://localhost{uri}"));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::from(body.to_string())).unwrap()
    }

    fn get(uri: &str, accept: Option<&str>) -> Request<Body> {
        let headers: Vec<(&str, &str)> = accept.iter().map(|a| ("Accept", *a)).collect();
        request(Method::GET, uri, &headers, "")
    }

    fn post(content_type: &str, body: &str) -> Request<Body> {
        request(Method::POST, "/sparql", &[("Content-Type", content_type)], body)
    }

    /// Sends a request and returns the status, the content type and the body.
    fn send(service: &Service, mut request: Request<Body>) -> (u16, String, String) {
        let response = service.handle(&mut request);
        let status = response.status().as_u16();
        let content_type =
            response.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        (status, content_type, response.into_body().to_string().unwrap())
    }

    #[track_caller]
    fn check(service: &Service, request: Request<Body>, status: u16, content_type: &str, needle: &str) {
        let (got_status, got_type, body) = send(service, request);
        assert_eq!(got_status, status, "body: {body}");
        assert!(got_type.starts_with(content_type), "content type {got_type}, body {body}");
        assert!(body.contains(needle), "{needle:?} not in {body}");
    }

    fn encode(text: &str) -> String {
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
    }

    const SELECT: &str = "SELECT ?label WHERE { ent:marco-rubio nkg:meets/rdfs:label ?label }";
    const CONSTRUCT: &str = "CONSTRUCT { ?s nkg:meets ?o } WHERE { ?s nkg:meets ?o }";

    #[test]
    fn a_get_query_answers_sparql_json() {
        let uri = format!("/sparql?query={}", encode(SELECT));
        check(&default_service(), get(&uri, None), 200, "application/sparql-results+json", "Emmanuel Macron");
    }

    #[test]
    fn a_form_post_and_a_direct_post_answer_alike() {
        let service = default_service();
        let form = format!("query={}", encode(SELECT));
        check(
            &service,
            post("application/x-www-form-urlencoded", &form),
            200,
            "application/sparql-results+json",
            "Macron",
        );
        check(
            &service,
            post("application/sparql-query; charset=utf-8", SELECT),
            200,
            "application/sparql-results+json",
            "Macron",
        );
    }

    #[test]
    fn solutions_come_in_every_offered_format() {
        let service = default_service();
        let uri = format!("/sparql?query={}", encode(SELECT));
        check(&service, get(&uri, Some("text/csv")), 200, "text/csv", "label\r\nEmmanuel Macron");
        check(
            &service,
            get(&uri, Some("text/tab-separated-values")),
            200,
            "text/tab-separated-values",
            "\"Emmanuel Macron\"",
        );
        check(
            &service,
            get(&uri, Some("application/sparql-results+xml")),
            200,
            "application/sparql-results+xml",
            "<literal>Emmanuel Macron</literal>",
        );
        let ask = format!("/sparql?query={}", encode("ASK { ent:marco-rubio nkg:meets ?o }"));
        check(&service, get(&ask, None), 200, "application/sparql-results+json", "\"boolean\":true");
    }

    #[test]
    fn graphs_come_in_turtle_ntriples_and_json_ld() {
        let service = default_service();
        let uri = format!("/sparql?query={}", encode(CONSTRUCT));
        check(&service, get(&uri, None), 200, "text/turtle", "ent:marco-rubio nkg:meets ent:emmanuel-macron");
        check(
            &service,
            get(&uri, Some("application/n-triples")),
            200,
            "application/n-triples",
            "<https://newskg.org/id/entity/marco-rubio> <https://newskg.org/ns#meets>",
        );
        check(&service, get(&uri, Some("application/ld+json")), 200, "application/ld+json", "\"@id\"");
    }

    #[test]
    fn a_malformed_query_is_400_with_the_parse_error() {
        check(
            &default_service(),
            post("application/sparql-query", "SELEC ?x"),
            400,
            "text/plain",
            "malformed SPARQL query: error at 1:",
        );
    }

    #[test]
    fn an_unacceptable_accept_header_is_406_listing_the_offers() {
        let service = default_service();
        let uri = format!("/sparql?query={}", encode(SELECT));
        check(&service, get(&uri, Some("image/png")), 406, "text/plain", "text/csv");
        let uri = format!("/sparql?query={}", encode(CONSTRUCT));
        check(&service, get(&uri, Some("text/csv")), 406, "text/plain", "text/turtle");
    }

    #[test]
    fn a_body_over_the_limit_is_413() {
        let service = service(ServeOptions { max_body_bytes: 100, ..ServeOptions::default() });
        let long = format!("{SELECT} # {}", "x".repeat(200));
        check(&service, post("application/sparql-query", &long), 413, "text/plain", "larger than 100 bytes");
        let declared = request(
            Method::POST,
            "/sparql",
            &[("Content-Type", "application/sparql-query"), ("Content-Length", "5000")],
            "",
        );
        check(&service, declared, 413, "text/plain", "--max-body-bytes");
        check(
            &service,
            post("application/sparql-query", SELECT),
            200,
            "application/sparql-results+json",
            "Macron",
        );
    }

    #[test]
    fn missing_double_and_unreadable_queries_are_client_errors() {
        let service = default_service();
        check(&service, get("/sparql", None), 400, "text/plain", "no query");
        check(&service, get("/sparql?query=ASK{}&query=ASK{}", None), 400, "text/plain", "exactly one");
        check(&service, post("text/plain", SELECT), 415, "text/plain", "application/sparql-query");
        check(&service, request(Method::PUT, "/sparql", &[], ""), 405, "text/plain", "GET, POST");
        let iri = format!("/sparql?query={}&default-graph-uri=not%20an%20iri", encode(SELECT));
        check(&service, get(&iri, None), 400, "text/plain", "default-graph-uri");
    }

    #[test]
    fn the_protocol_dataset_narrows_the_default_graph() {
        let service = default_service();
        let elsewhere = format!(
            "/sparql?query={}&default-graph-uri={}",
            encode(SELECT),
            encode("https://example.org/empty")
        );
        check(&service, get(&elsewhere, Some("text/csv")), 200, "text/csv", "label\r\n");
        let (_, _, body) = send(&service, get(&elsewhere, Some("text/csv")));
        assert!(!body.contains("Macron"), "{body}");
        let article = format!(
            "/sparql?query={}&default-graph-uri={}",
            encode(SELECT),
            encode("https://newskg.org/graph/article/a1")
        );
        check(&service, get(&article, Some("text/csv")), 200, "text/csv", "Macron");
    }

    #[test]
    fn updates_are_refused_unless_allowed() {
        let update = "INSERT DATA { ent:x rdfs:label \"X\" }";
        check(
            &default_service(),
            post("application/sparql-update", update),
            403,
            "text/plain",
            "--allow-update",
        );
        let form = format!("update={}", encode(update));
        check(
            &default_service(),
            post("application/x-www-form-urlencoded", &form),
            403,
            "text/plain",
            "read-only",
        );
        check(
            &default_service(),
            get(&format!("/sparql?update={}", encode(update)), None),
            405,
            "text/plain",
            "POST",
        );
    }

    #[test]
    fn an_allowed_update_changes_what_queries_see() {
        let service = service(ServeOptions { allow_update: true, ..ServeOptions::default() });
        let ask = format!("/sparql?query={}", encode("ASK { ent:x rdfs:label \"X\" }"));
        check(&service, get(&ask, None), 200, "application/sparql-results+json", "false");
        let (status, _, _) =
            send(&service, post("application/sparql-update", "INSERT DATA { ent:x rdfs:label \"X\" }"));
        assert_eq!(status, 204);
        // The cached `false` must not outlive the update.
        check(&service, get(&ask, None), 200, "application/sparql-results+json", "true");
        check(
            &service,
            post("application/sparql-update", "INSERT nonsense"),
            400,
            "text/plain",
            "malformed SPARQL query",
        );
    }

    #[test]
    fn a_query_past_the_timeout_is_stopped_with_503() {
        let service =
            service(ServeOptions { query_timeout: Duration::from_millis(200), ..ServeOptions::default() });
        let filler: String = (0..300).map(|i| format!("ent:n{i} rdfs:label \"{i}\" . ")).collect();
        update_store(&service.store, &format!("INSERT DATA {{ {filler} }}"), &QueryOptions::default())
            .unwrap();
        let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        let started = Instant::now();
        check(&service, post("application/sparql-query", endless), 503, "text/plain", "--timeout");
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
        check(
            &service,
            post("application/sparql-query", SELECT),
            200,
            "application/sparql-results+json",
            "Macron",
        );
    }

    #[test]
    fn the_graph_store_returns_a_named_graph_or_the_union() {
        let service = default_service();
        let graph = format!("/store?graph={}", encode("https://newskg.org/graph/article/a1"));
        check(
            &service,
            get(&graph, Some("application/n-triples")),
            200,
            "application/n-triples",
            "\"Marco Rubio\"",
        );
        check(&service, get("/store?default", None), 200, "text/turtle", "ent:marco-rubio");
        let missing = format!("/store?graph={}", encode("https://example.org/none"));
        check(&service, get(&missing, None), 404, "text/plain", "no graph");
        check(&service, get("/store", None), 400, "text/plain", "?graph=IRI");
        check(&service, get("/store?graph=%20bad", None), 400, "text/plain", "not an IRI");
    }

    #[test]
    fn the_page_and_its_assets_are_served() {
        let service = default_service();
        check(&service, get("/", None), 200, "text/html", "/assets/cytoscape.min.js");
        check(&service, get("/assets/app.js", None), 200, "text/javascript", "runQuery");
        check(
            &service,
            get("/assets/cytoscape.min.js", None),
            200,
            "text/javascript",
            "Cytoscape Consortium",
        );
        check(&service, get("/nothing", None), 404, "text/plain", "/sparql");
        let (status, _, _) = send(&service, request(Method::POST, "/", &[], ""));
        assert_eq!(status, 405);
    }

    #[test]
    fn cors_headers_only_when_asked() {
        let uri = format!("/sparql?query={}", encode(SELECT));
        let response = default_service().handle(&mut get(&uri, None));
        assert!(response.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        let open = service(ServeOptions { cors: true, ..ServeOptions::default() });
        let response = open.handle(&mut get(&uri, None));
        assert_eq!(response.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
        let preflight = open.handle(&mut request(Method::OPTIONS, "/sparql", &[], ""));
        assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    }

    #[test]
    fn method_not_allowed_lists_the_allowed_methods() {
        let response = default_service().handle(&mut request(Method::DELETE, "/store?default", &[], ""));
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers().get(ALLOW).unwrap(), "GET");
    }

    #[test]
    fn form_bodies_decode_plus_and_percent_escapes() {
        assert_eq!(
            parse_form(b"query=SELECT+%3Fx&default-graph-uri=a&flag"),
            vec![
                ("query".to_string(), "SELECT ?x".to_string()),
                ("default-graph-uri".to_string(), "a".to_string()),
                ("flag".to_string(), String::new()),
            ]
        );
    }
}
