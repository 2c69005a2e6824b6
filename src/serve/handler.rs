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

use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW,
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

use super::ServeOptions;
use super::cache::{CachedResponse, ResultCache};
use super::negotiate::{self, Offer};
use super::page;
use super::watchdog::Watchdog;
use crate::error::QueryError;
use crate::graph::store::{QueryOptions, query_store_with, update_store};
use crate::query::write_results;

/// The endpoint: the store, the options, the query deadlines and the result cache.
pub struct Service {
    store: Store,
    options: ServeOptions,
    watchdog: Watchdog,
    cache: ResultCache,
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
        Service { store, options, watchdog: Watchdog::new(), cache }
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
    fn query(&self, text: &str, dataset: &Dataset, accept: Option<&str>) -> Result<Response<Body>, Failure> {
        let cache_key = format!("{accept:?}\n{dataset:?}\n{text}");
        if let Some(cached) = self.cache.get(&cache_key) {
            return Ok(ok_response(&cached.content_type, cached.body.clone()));
        }
        let deadline = self.watchdog.start(self.options.query_timeout);
        let options = QueryOptions {
            default_graphs: parse_iris(&dataset.default_graphs, "default-graph-uri")?,
            named_graphs: parse_iris(&dataset.named_graphs, "named-graph-uri")?,
            cancellation: Some(deadline.token().clone()),
        };
        let results = query_store_with(&self.store, text, &options).map_err(|e| self.query_failure(e))?;
        let offers = match &results {
            QueryResults::Graph(_) => negotiate::GRAPHS,
            QueryResults::Solutions(_) | QueryResults::Boolean(_) => negotiate::SOLUTIONS,
        };
        let chosen = negotiate::choose(accept, offers).ok_or_else(|| not_acceptable(accept, offers))?;
        let mut body = Vec::new();
        write_results(results, chosen.format, &mut body).map_err(|e| self.query_failure(e))?;
        let content_type = content_type_of(chosen);
        let response = ok_response(&content_type, body.clone());
        self.cache.insert(cache_key, CachedResponse { content_type, body });
        Ok(response)
    }

    fn update(&self, text: &str) -> Result<Response<Body>, Failure> {
        if !self.options.allow_update {
            return Err(Failure::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: start the server with `newskg serve --allow-update` to accept SPARQL Update",
            ));
        }
        let deadline = self.watchdog.start(self.options.query_timeout);
        let options =
            QueryOptions { cancellation: Some(deadline.token().clone()), ..QueryOptions::default() };
        let outcome = update_store(&self.store, text, &options);
        // Even a failed update may have changed something before it stopped.
        self.cache.clear();
        outcome.map_err(|e| self.query_failure(e))?;
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

    fn query_failure(&self, err: QueryError) -> Failure {
        match err {
            QueryError::Syntax(message) => {
                Failure::new(StatusCode::BAD_REQUEST, format!("malformed SPARQL query: {message}"))
            }
            QueryError::Cancelled => Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query was stopped after {} s, the server's time limit (newskg serve --timeout)",
                    self.options.query_timeout.as_secs_f64()
                ),
            ),
            other => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
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
