//! Reads the actor network out of the store: entities as nodes, events folded into weighted edges.
//!
//! Events are grouped per (actor, target, controlled verb). Each edge keeps its
//! count, its most frequent CAMEO code, the quad class and mean Goldstein score
//! of its events, the first and last event dates and the number of source
//! articles. Negated and hypothetical events are left out unless asked for, and
//! a [`NetworkFilter`] narrows the events, actors and edges kept.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::filter::{Candidate, NetworkFilter, resolve_ego};
use super::scan::{EventTable, NONE, Strings, read_events};
use crate::error::{NetworkError, QueryError};
use crate::extract::cameo::{self, CameoCode};
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
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict:
    /// that of the most frequent CAMEO code of the events that has one.
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
    /// Which events, actors and edges to keep.
    pub filter: NetworkFilter,
}

/// The filtered network together with the weekly counts of its events.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub network: Network,
    /// Events of the kept edges per week, keyed by the Monday that starts the week.
    pub weekly: BTreeMap<NaiveDate, usize>,
    /// Events of the kept edges without a date.
    pub undated: usize,
    /// With `--collapse-to-country`: each folded entity's IRI and its country node's IRI.
    pub fold: HashMap<String, String>,
    /// Every entity described in the store (and the country nodes folding made), by IRI.
    pub nodes: HashMap<String, Node>,
    /// Every event node of the store, before filtering.
    pub events: EventTable,
    /// For each event (row of `events`), the edge of `network` it is folded
    /// into, or [`NONE`] when the options and filters leave it out.
    pub event_edges: Vec<u32>,
}

const NODES_QUERY: &str = r#"
SELECT ?n (SAMPLE(?label) AS ?l) (SAMPLE(?class) AS ?c) (SAMPLE(?country) AS ?cc)
       (SAMPLE(?code) AS ?code1) (SAMPLE(?same) AS ?wd) WHERE {
  ?n a nkg:Actor ; rdfs:label ?label ; a ?class .
  FILTER(?class IN (nkg:Person, nkg:Country, nkg:Organization, nkg:Place, nkg:Group))
  OPTIONAL { ?n nkg:country ?country }
  OPTIONAL { ?n nkg:cameoActorCode ?code }
  OPTIONAL { ?n owl:sameAs ?same }
} GROUP BY ?n"#;

const ALIASES_QUERY: &str = "SELECT ?n ?alias WHERE { ?n a nkg:Actor ; skos:altLabel ?alias }";

/// The namespace of entity IRIs, for country nodes that `--collapse-to-country` has to make.
const ENTITY_NS: &str = "https://newskg.org/id/entity/";

#[derive(Default)]
struct EdgeAcc {
    count: usize,
    /// Events per CAMEO code (an index into [`EventTable::cameos`]).
    cameo_counts: Vec<(u32, usize)>,
    goldstein_sum: f64,
    goldstein_n: usize,
    /// The date of each dated event.
    dates: Vec<NaiveDate>,
    undated: usize,
    /// Articles (indexes into [`EventTable::articles`]), with repeats until
    /// all events are folded.
    articles: Vec<u32>,
}

/// Source and target node (numbers of their IRIs) and verb (a number in
/// [`EventTable::relations`]) of an edge.
type EdgeKey = (u32, u32, u32);

/// Reads the actor network from the store, filtered as the options say.
pub fn read_network(store: &GraphStore, options: &NetworkOptions) -> Result<Network, NetworkError> {
    Ok(read_selection(store, options)?.network)
}

/// Reads the filtered actor network and the weekly counts of its events.
pub fn read_selection(store: &GraphStore, options: &NetworkOptions) -> Result<Selection, NetworkError> {
    let filter = &options.filter;
    let (nodes, events) = rayon::join(|| read_nodes(store), || read_events(store));
    let (mut nodes, events) = (nodes?, events?);
    let ego = match &filter.ego {
        Some(name) => Some(ego_iri(store, name, &nodes)?),
        None => None,
    };
    let fold = if filter.collapse_to_country { country_fold(&mut nodes) } else { HashMap::new() };
    let folded = |iri: &str| fold.get(iri).cloned().unwrap_or_else(|| iri.to_string());
    let ego = ego.map(|iri| folded(&iri));
    // Per entity of the event table: the node it becomes, and whether its class is kept.
    let mut keys = Strings::default();
    let ends: Vec<(u32, bool)> = events
        .entities
        .values
        .iter()
        .map(|iri| {
            let key = folded(iri);
            let class = nodes.get(&key).map_or("PLACE", |node| node.class.as_str());
            let kept = filter.keeps_class(class);
            (keys.intern(&key), kept)
        })
        .collect();
    let codes: Vec<Option<&CameoCode>> = events.cameos.values.iter().map(|c| cameo::exact(c)).collect();
    let relations: Vec<&str> =
        events.relations.values.iter().map(|r| r.rsplit('#').next().unwrap_or(r)).collect();
    // Events folded into edges, in the order the edges first appear, and the
    // edge each event went into (NONE when the filters leave it out).
    let mut edge_numbers: HashMap<EdgeKey, u32> = HashMap::new();
    let mut edges: Vec<(EdgeKey, EdgeAcc)> = Vec::new();
    let mut edge_of_event = vec![NONE; events.len()];
    for (row, edge) in edge_of_event.iter_mut().enumerate() {
        let (s, o, rel) = (events.actor[row], events.target[row], events.relation[row]);
        if s == NONE || o == NONE || rel == NONE {
            continue;
        }
        let modality = events.modalities.get(events.modality[row]);
        if !options.include_uncertain && !matches!(modality, "asserted" | "planned" | "") {
            continue;
        }
        let cameo = events.cameo[row];
        let code = codes.get(cameo as usize).copied().flatten();
        let quad = code.and_then(|c| c.quad_class);
        let date = events.date[row];
        if !filter.keeps_event_on(date, events.cameos.get(cameo), quad) {
            continue;
        }
        let ((s, s_kept), (o, o_kept)) = (ends[s as usize], ends[o as usize]);
        if (filter.collapse_to_country && s == o) || !s_kept || !o_kept {
            continue;
        }
        let number = *edge_numbers.entry((s, o, rel)).or_insert_with(|| {
            edges.push(((s, o, rel), EdgeAcc::default()));
            (edges.len() - 1) as u32
        });
        *edge = number;
        let acc = &mut edges[number as usize].1;
        acc.count += 1;
        match acc.cameo_counts.iter_mut().find(|(c, _)| *c == cameo) {
            Some((_, n)) => *n += 1,
            None => acc.cameo_counts.push((cameo, 1)),
        }
        if let Some(g) = code.and_then(|c| c.goldstein) {
            acc.goldstein_sum += g;
            acc.goldstein_n += 1;
        }
        match date {
            Some(date) => acc.dates.push(date),
            None => acc.undated += 1,
        }
        if events.article[row] != NONE {
            acc.articles.push(events.article[row]);
        }
    }
    for (_, acc) in &mut edges {
        acc.articles.sort_unstable();
        acc.articles.dedup();
    }
    // Edges by source IRI, target IRI and verb, compared by rank.
    let (key_rank, relation_rank) = (ranks(&keys.values), ranks(&relations));
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_unstable_by_key(|&i| {
        let (s, o, rel) = edges[i].0;
        (key_rank[s as usize], key_rank[o as usize], relation_rank[rel as usize])
    });
    let sorted: Vec<&(EdgeKey, EdgeAcc)> = order.iter().map(|&i| &edges[i]).collect();
    let mut network = assemble(&sorted, &keys, &relations, &nodes, &events);
    // Which of `edges` each edge of the network is, through the filters below.
    let mut origin: Vec<usize> = order;
    if filter.min_weight > 1 {
        let kept;
        (network, kept) = retain_edges(&network, |edge| edge.count >= filter.min_weight, |_, _| true);
        origin = kept.into_iter().map(|i| origin[i]).collect();
    }
    if let Some(ego) = ego {
        let reach = neighbourhood(&network, &ego, filter.depth);
        let kept;
        (network, kept) = retain_edges(&network, |_| true, |s, t| reach.contains(&s) && reach.contains(&t));
        origin = kept.into_iter().map(|i| origin[i]).collect();
    }
    // The network edge each entry of `edges` became, if it was kept.
    let mut network_edge = vec![NONE; edges.len()];
    for (edge, &i) in origin.iter().enumerate() {
        network_edge[i] = edge as u32;
    }
    let folded_events: Vec<&EdgeAcc> = origin.iter().map(|&i| &edges[i].1).collect();
    let mut selection = timeline(network, &folded_events);
    selection.event_edges =
        edge_of_event.into_iter().map(|i| if i == NONE { NONE } else { network_edge[i as usize] }).collect();
    selection.fold = fold;
    selection.nodes = nodes;
    selection.events = events;
    Ok(selection)
}

fn read_nodes(store: &GraphStore) -> Result<HashMap<String, Node>, QueryError> {
    let mut nodes: HashMap<String, Node> = HashMap::new();
    for row in select(store, NODES_QUERY)? {
        let [Some(iri), label, class, country, code, wikidata] = &row[..] else { continue };
        let class = class.as_deref().and_then(|c| c.rsplit('#').next()).unwrap_or("Actor");
        let class = match class {
            "Person" => "PERSON",
            "Country" => "COUNTRY",
            "Organization" => "ORG",
            "Group" => "GROUP",
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
    Ok(nodes)
}

/// The IRI of the entity the ego name means, looked up among labels and aliases.
fn ego_iri(store: &GraphStore, name: &str, nodes: &HashMap<String, Node>) -> Result<String, NetworkError> {
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    for row in select(store, ALIASES_QUERY)? {
        if let [Some(iri), Some(alias)] = &row[..] {
            aliases.entry(iri.clone()).or_default().push(alias.clone());
        }
    }
    let mut iris: Vec<&String> = nodes.keys().collect();
    iris.sort();
    let candidates: Vec<Candidate> = iris
        .iter()
        .map(|iri| Candidate {
            iri: iri.as_str(),
            label: &nodes[*iri].label,
            aliases: aliases.get(*iri).map_or(&[], Vec::as_slice),
        })
        .collect();
    Ok(resolve_ego(name, &candidates)?.to_string())
}

/// Maps every person, organisation and group with a country to that country's node,
/// adding a node for a country the store has no entity for.
fn country_fold(nodes: &mut HashMap<String, Node>) -> HashMap<String, String> {
    let mut countries: BTreeMap<String, String> = BTreeMap::new();
    let mut country_nodes: Vec<&Node> = nodes.values().filter(|n| n.class == "COUNTRY").collect();
    country_nodes.sort_by(|a, b| b.iri.cmp(&a.iri));
    for node in country_nodes {
        if let Some(code) = &node.country {
            countries.insert(code.clone(), node.iri.clone());
        }
    }
    let mut fold = HashMap::new();
    let mut added = Vec::new();
    for node in nodes.values().filter(|n| matches!(n.class.as_str(), "PERSON" | "ORG" | "GROUP")) {
        let Some(code) = &node.country else { continue };
        let country_iri = countries.entry(code.clone()).or_insert_with(|| {
            let iri = format!("{ENTITY_NS}country-{}", code.to_lowercase());
            added.push(Node {
                iri: iri.clone(),
                id: short_id(&iri),
                label: code.clone(),
                class: "COUNTRY".to_string(),
                country: Some(code.clone()),
                cameo: Some(code.clone()),
                wikidata: None,
            });
            iri
        });
        fold.insert(node.iri.clone(), country_iri.clone());
    }
    for node in added {
        nodes.insert(node.iri.clone(), node);
    }
    fold
}

/// Keeps the edges that pass both tests, then drops the nodes left without
/// edges. Edges keep their order; also gives the index in `network` of each
/// edge kept.
fn retain_edges(
    network: &Network,
    keep_edge: impl Fn(&Edge) -> bool,
    keep_ends: impl Fn(NodeIndex, NodeIndex) -> bool,
) -> (Network, Vec<usize>) {
    let keeps = |idx: EdgeIndex| {
        network.edge_endpoints(idx).is_some_and(|(s, t)| keep_edge(&network[idx]) && keep_ends(s, t))
    };
    let kept_edges: Vec<usize> =
        network.edge_indices().filter(|&idx| keeps(idx)).map(EdgeIndex::index).collect();
    let kept = network.filter_map(|_, node| Some(node.clone()), |idx, edge| keeps(idx).then(|| edge.clone()));
    let connected = |idx: NodeIndex| kept.neighbors_undirected(idx).next().is_some();
    let kept =
        kept.filter_map(|idx, node| connected(idx).then(|| node.clone()), |_, edge| Some(edge.clone()));
    (kept, kept_edges)
}

/// The nodes at most `depth` steps from the node with IRI `ego`, in either edge direction.
fn neighbourhood(network: &Network, ego: &str, depth: usize) -> HashSet<NodeIndex> {
    let mut reach = HashSet::new();
    let Some(start) = network.node_indices().find(|idx| network[*idx].iri == ego) else {
        return reach;
    };
    reach.insert(start);
    let mut frontier = vec![start];
    for _ in 0..depth {
        let mut next = Vec::new();
        for idx in frontier {
            for neighbour in network.neighbors_undirected(idx) {
                if reach.insert(neighbour) {
                    next.push(neighbour);
                }
            }
        }
        frontier = next;
    }
    reach
}

/// Each value's position among the distinct values in sorted order, so that
/// comparing positions compares values.
fn ranks<S: AsRef<str>>(values: &[S]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by_key(|&i| values[i].as_ref());
    let mut rank = vec![0; values.len()];
    let mut position = 0;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && values[order[k - 1]].as_ref() != values[i].as_ref() {
            position += 1;
        }
        rank[i] = position;
    }
    rank
}

/// Counts the events of the network's edges per week, given the folded events
/// of each edge of `network`.
fn timeline(network: Network, folded_events: &[&EdgeAcc]) -> Selection {
    let mut selection = Selection::default();
    for acc in folded_events {
        selection.undated += acc.undated;
        for day in &acc.dates {
            let monday = *day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
            *selection.weekly.entry(monday).or_default() += 1;
        }
    }
    selection.network = network;
    selection
}

/// The network of the folded edges, with nodes in the order the edges first name them.
fn assemble(
    edges: &[&(EdgeKey, EdgeAcc)],
    keys: &Strings,
    relations: &[&str],
    nodes: &HashMap<String, Node>,
    events: &EventTable,
) -> Network {
    let mut network = Network::new();
    let mut index: Vec<Option<NodeIndex>> = vec![None; keys.values.len()];
    let mut node_for = |network: &mut Network, key: u32| -> NodeIndex {
        if let Some(idx) = index[key as usize] {
            return idx;
        }
        let iri = keys.get(key);
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
        index[key as usize] = Some(idx);
        idx
    };
    for &&((s, o, relation), ref acc) in edges {
        let source = node_for(&mut network, s);
        let target = node_for(&mut network, o);
        // Codes by falling count, ties by code: the edge shows the first, and
        // takes the quad class of the first that has one.
        let mut codes: Vec<(&str, usize)> =
            acc.cameo_counts.iter().map(|&(code, n)| (events.cameos.get(code), n)).collect();
        codes.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let cameo = codes.first().map(|(code, _)| code.to_string()).unwrap_or_default();
        let quad_class = codes.iter().find_map(|(code, _)| cameo::exact(code).and_then(|c| c.quad_class));
        let edge = Edge {
            relation: relations[relation as usize].to_string(),
            cameo,
            quad_class,
            count: acc.count,
            goldstein_mean: (acc.goldstein_n > 0).then(|| acc.goldstein_sum / acc.goldstein_n as f64),
            first_date: acc.dates.iter().min().map(NaiveDate::to_string),
            last_date: acc.dates.iter().max().map(NaiveDate::to_string),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_order_values_and_tie_equal_ones() {
        assert_eq!(ranks(&["b", "a", "c", "a"]), vec![1, 0, 2, 0]);
        assert_eq!(ranks::<&str>(&[]), Vec::<u32>::new());
    }
}
