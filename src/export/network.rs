//! Reads the actor network out of the store: entities as nodes, events folded into weighted edges.
//!
//! Events are grouped per (actor, target, controlled verb). Each edge keeps its
//! count, its most frequent CAMEO code, the quad class and mean Goldstein score
//! of its events, the first and last event dates and the number of source
//! articles. Negated and hypothetical events are left out unless asked for.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::QueryError;
use crate::graph::store::GraphStore;
use crate::query::shorten_iri;

/// An actor or place in the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    /// The short id, such as `ent:marco-rubio`.
    pub id: String,
    pub label: String,
    /// `PERSON`, `COUNTRY`, `ORG` or `PLACE`.
    pub class: String,
    pub country: Option<String>,
    pub cameo: Option<String>,
    pub wikidata: Option<String>,
}

/// Events between two entities with the same controlled verb, folded into one edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The controlled verb, such as `meets`.
    pub relation: String,
    /// The most frequent CAMEO code of the events.
    pub cameo: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: Option<u8>,
    pub count: usize,
    pub goldstein_mean: Option<f64>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// How many articles reported these events.
    pub sources: usize,
}

impl Edge {
    /// The two-digit CAMEO root.
    pub fn cameo_root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }
}

/// The actor network: a directed multigraph of entities and folded events.
pub type Network = DiGraph<Node, Edge>;

/// Which events become edges.
#[derive(Debug, Clone, Default)]
pub struct NetworkOptions {
    /// Keep negated and hypothetical events too.
    pub include_uncertain: bool,
}

const EVENTS_QUERY: &str = r#"
SELECT ?s ?o ?rel ?cameo ?date ?article ?modality ?goldstein ?quad WHERE {
  ?e a nkg:Event ; nkg:actor ?s ; nkg:target ?o ; nkg:predicate ?rel ;
     nkg:eventType ?type ; nkg:sourceArticle ?article ; nkg:modality ?modality .
  BIND(STRAFTER(STR(?type), STR(cameo:)) AS ?cameo)
  OPTIONAL { ?e nkg:eventDate ?date }
  OPTIONAL { ?type nkg:goldstein ?goldstein }
  OPTIONAL { ?type nkg:quadClass ?q . ?q nkg:quadNumber ?quad }
}"#;

const NODES_QUERY: &str = r#"
SELECT ?n (SAMPLE(?label) AS ?l) (SAMPLE(?class) AS ?c) (SAMPLE(?country) AS ?cc)
       (SAMPLE(?code) AS ?code1) (SAMPLE(?same) AS ?wd) WHERE {
  ?n a nkg:Actor ; rdfs:label ?label ; a ?class .
  FILTER(?class IN (nkg:Person, nkg:Country, nkg:Organization, nkg:Place))
  OPTIONAL { ?n nkg:country ?country }
  OPTIONAL { ?n nkg:cameoActorCode ?code }
  OPTIONAL { ?n owl:sameAs ?same }
} GROUP BY ?n"#;

#[derive(Default)]
struct EdgeAcc {
    count: usize,
    cameo_counts: BTreeMap<String, usize>,
    goldstein_sum: f64,
    goldstein_n: usize,
    quad: Option<u8>,
    dates: BTreeSet<String>,
    articles: BTreeSet<String>,
}

/// Reads the whole actor network from the store.
pub fn read_network(store: &GraphStore, options: &NetworkOptions) -> Result<Network, QueryError> {
    let mut edges: BTreeMap<(String, String, String), EdgeAcc> = BTreeMap::new();
    for row in select(store, EVENTS_QUERY)? {
        let [s, o, rel, cameo, date, article, modality, goldstein, quad] = &row[..] else {
            continue;
        };
        let modality = modality.as_deref().unwrap_or("asserted");
        if !options.include_uncertain && !matches!(modality, "asserted" | "planned") {
            continue;
        }
        let (Some(s), Some(o), Some(rel)) = (s, o, rel) else { continue };
        let rel = rel.rsplit('#').next().unwrap_or(rel).to_string();
        let acc = edges.entry((s.clone(), o.clone(), rel)).or_default();
        acc.count += 1;
        *acc.cameo_counts.entry(cameo.clone().unwrap_or_default()).or_default() += 1;
        if let Some(g) = goldstein.as_deref().and_then(|g| g.parse::<f64>().ok()) {
            acc.goldstein_sum += g;
            acc.goldstein_n += 1;
        }
        acc.quad = acc.quad.or(quad.as_deref().and_then(|q| q.parse().ok()));
        acc.dates.extend(date.clone());
        acc.articles.extend(article.clone());
    }
    let mut nodes: HashMap<String, Node> = HashMap::new();
    for row in select(store, NODES_QUERY)? {
        let [Some(iri), label, class, country, code, wikidata] = &row[..] else { continue };
        let class = class.as_deref().and_then(|c| c.rsplit('#').next()).unwrap_or("Actor");
        let class = match class {
            "Person" => "PERSON",
            "Country" => "COUNTRY",
            "Organization" => "ORG",
            _ => "PLACE",
        };
        let node = Node {
            iri: iri.clone(),
            id: short_id(iri),
            label: label.clone().unwrap_or_else(|| short_id(iri)),
            class: class.to_string(),
            country: country.clone(),
            cameo: code.clone(),
            wikidata: wikidata.as_deref().and_then(|w| w.rsplit('/').next()).map(str::to_string),
        };
        nodes.insert(iri.clone(), node);
    }
    Ok(assemble(edges, &nodes))
}

fn assemble(edges: BTreeMap<(String, String, String), EdgeAcc>, nodes: &HashMap<String, Node>) -> Network {
    let mut network = Network::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    let mut node_for = |network: &mut Network, iri: &str| -> NodeIndex {
        if let Some(idx) = index.get(iri) {
            return *idx;
        }
        let node = nodes.get(iri).cloned().unwrap_or_else(|| Node {
            iri: iri.to_string(),
            id: short_id(iri),
            label: short_id(iri),
            class: "PLACE".to_string(),
            country: None,
            cameo: None,
            wikidata: None,
        });
        let idx = network.add_node(node);
        index.insert(iri.to_string(), idx);
        idx
    };
    for ((s, o, relation), acc) in edges {
        let source = node_for(&mut network, &s);
        let target = node_for(&mut network, &o);
        let cameo = acc
            .cameo_counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(code, _)| code.clone())
            .unwrap_or_default();
        let edge = Edge {
            relation,
            cameo,
            quad_class: acc.quad,
            count: acc.count,
            goldstein_mean: (acc.goldstein_n > 0).then(|| acc.goldstein_sum / acc.goldstein_n as f64),
            first_date: acc.dates.iter().next().cloned(),
            last_date: acc.dates.iter().next_back().cloned(),
            sources: acc.articles.len(),
        };
        network.add_edge(source, target, edge);
    }
    network
}

/// Runs a SELECT query and returns each row's values as plain strings.
pub fn select(store: &GraphStore, sparql: &str) -> Result<Vec<Vec<Option<String>>>, QueryError> {
    let QueryResults::Solutions(solutions) = store.query(sparql)? else {
        return Err(QueryError::Evaluation("expected a SELECT query".to_string()));
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| QueryError::Evaluation(e.to_string()))?;
        rows.push(solution.values().iter().map(|v| v.as_ref().map(plain)).collect());
    }
    Ok(rows)
}

fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_string(),
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

fn short_id(iri: &str) -> String {
    let short = shorten_iri(iri);
    short.trim_start_matches('<').trim_end_matches('>').to_string()
}
