//! Network analysis of the (filtered) actor network: [`analyze`] gives an [`Analysis`].
//!
//! Per actor: degree, weighted degree (events), PageRank (directed, weighted by
//! event count, damping 0.85, as networkx computes it) and betweenness (Brandes'
//! algorithm on the undirected graph, normalised as networkx does; exact up to
//! [`EXACT_BETWEENNESS_MAX`] nodes, otherwise estimated from a fixed-seed sample
//! of source nodes). Communities come from Louvain modularity optimisation
//! (`louvain.rs`) or weighted label propagation, both with a fixed seed, on the
//! undirected network weighted by event count. Dyads are unordered actor pairs, ranked by event count and by the
//! sum of Goldstein scores; the timeline counts events per week. Every result
//! is deterministic. Reading and filtering the network is left to `export::network`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{self, Write};

use chrono::NaiveDate;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::export::network::{Network, Selection};

mod louvain;

pub use louvain::modularity;

/// Networks with at most this many nodes get exact betweenness.
pub const EXACT_BETWEENNESS_MAX: usize = 2_000;
/// How many source nodes the betweenness estimate uses on larger networks.
pub const BETWEENNESS_SAMPLES: usize = 256;
/// The seed of the betweenness sample and of the community detection.
pub const SEED: u64 = 42;

/// How communities are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum CommunityMethod {
    /// Louvain modularity optimisation (greedy moves, then aggregation).
    #[default]
    Louvain,
    /// Weighted label propagation.
    LabelPropagation,
}

impl CommunityMethod {
    /// The name shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            CommunityMethod::Louvain => "Louvain",
            CommunityMethod::LabelPropagation => "label propagation",
        }
    }
}

/// Everything `newskg analyze` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub nodes: usize,
    pub edges: usize,
    pub events: usize,
    /// Whether betweenness is exact rather than estimated from a sample.
    pub betweenness_exact: bool,
    /// How the communities were found.
    pub community_method: CommunityMethod,
    /// Modularity of the communities on the undirected network weighted by event count.
    pub modularity: f64,
    /// Actors by PageRank, highest first.
    pub actors: Vec<ActorScores>,
    /// Communities by size, largest first.
    pub communities: Vec<Community>,
    /// Dyads by number of events, most first.
    pub dyads_by_volume: Vec<Dyad>,
    /// Dyads by Goldstein sum, most cooperative first and most conflictual last.
    pub dyads_by_balance: Vec<Dyad>,
    /// Events per week, gaps filled with zeros.
    pub weekly: Vec<WeekCount>,
    /// Events without a date.
    pub undated: usize,
}

/// Centrality of one actor.
#[derive(Debug, Clone, Serialize)]
pub struct ActorScores {
    pub id: String,
    pub label: String,
    pub class: String,
    pub in_degree: usize,
    pub out_degree: usize,
    /// Distinct neighbours, in either direction.
    pub degree: usize,
    /// Events the actor takes part in, in either role.
    pub weighted_degree: usize,
    pub pagerank: f64,
    pub betweenness: f64,
    pub community: usize,
}

/// A community: its number and its members' labels by PageRank.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    pub id: usize,
    pub size: usize,
    pub members: Vec<String>,
}

/// Events between two actors, in either direction.
#[derive(Debug, Clone, Serialize)]
pub struct Dyad {
    pub actor1: String,
    pub actor2: String,
    pub events: usize,
    /// Events of quad classes 1 and 2.
    pub cooperation: usize,
    /// Events of quad classes 3 and 4.
    pub conflict: usize,
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
}

/// The number of events in the week starting on `week` (a Monday).
#[derive(Debug, Clone, Serialize)]
pub struct WeekCount {
    pub week: String,
    pub events: usize,
}

/// Analyses the network of a selection, finding communities with `method`.
pub fn analyze(selection: &Selection, method: CommunityMethod) -> Analysis {
    let network = &selection.network;
    let graph = SimpleGraph::new(network);
    let pagerank = pagerank(&graph, 0.85);
    let betweenness_exact = graph.n <= EXACT_BETWEENNESS_MAX;
    let betweenness = betweenness(&graph, (!betweenness_exact).then_some(BETWEENNESS_SAMPLES));
    let labels = communities_in(&graph, method);
    let modularity = louvain::modularity(&graph.neighbours, &labels);
    let mut actors: Vec<ActorScores> = network
        .node_indices()
        .map(|idx| {
            let i = idx.index();
            let node = &network[idx];
            ActorScores {
                id: node.id.clone(),
                label: node.label.clone(),
                class: node.class.clone(),
                in_degree: graph.in_links[i].len(),
                out_degree: graph.out_links[i].len(),
                degree: graph.neighbours[i].len(),
                weighted_degree: network
                    .edges_directed(idx, petgraph::Incoming)
                    .map(|e| e.weight().count)
                    .sum::<usize>()
                    + network
                        .edges_directed(idx, petgraph::Outgoing)
                        .filter(|e| e.target() != idx)
                        .map(|e| e.weight().count)
                        .sum::<usize>(),
                pagerank: pagerank[i],
                betweenness: betweenness[i],
                community: labels[i],
            }
        })
        .collect();
    actors.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then_with(|| a.id.cmp(&b.id)));
    let communities = communities(&actors);
    let dyads = dyads(network);
    let mut dyads_by_volume = dyads.clone();
    dyads_by_volume
        .sort_by(|a, b| b.events.cmp(&a.events).then_with(|| b.goldstein_sum.total_cmp(&a.goldstein_sum)));
    let mut dyads_by_balance = dyads;
    dyads_by_balance
        .sort_by(|a, b| b.goldstein_sum.total_cmp(&a.goldstein_sum).then_with(|| b.events.cmp(&a.events)));
    Analysis {
        nodes: network.node_count(),
        edges: network.edge_count(),
        events: network.edge_weights().map(|e| e.count).sum(),
        betweenness_exact,
        community_method: method,
        modularity,
        actors,
        communities,
        dyads_by_volume,
        dyads_by_balance,
        weekly: weekly(&selection.weekly),
        undated: selection.undated,
    }
}

/// The community number of each node of `network`, by node index (seed [`SEED`]).
pub fn communities_of(network: &Network, method: CommunityMethod) -> Vec<usize> {
    communities_in(&SimpleGraph::new(network), method)
}

fn communities_in(graph: &SimpleGraph, method: CommunityMethod) -> Vec<usize> {
    match method {
        CommunityMethod::Louvain => louvain::louvain(&graph.neighbours, SEED),
        CommunityMethod::LabelPropagation => label_propagation(graph),
    }
}

/// Writes the analysis as readable tables, each cut to its first `top` rows.
pub fn write_table(analysis: &Analysis, top: usize, out: &mut dyn Write) -> io::Result<()> {
    let exact = if analysis.betweenness_exact { "exact" } else { "estimated from a sample" };
    writeln!(
        out,
        "{} actors, {} edges, {} events ({} undated); betweenness {exact}",
        analysis.nodes, analysis.edges, analysis.events, analysis.undated
    )?;
    writeln!(out, "\nactors by PageRank")?;
    let header = ["actor", "class", "degree", "events", "pagerank", "betweenness", "community"];
    let rows: Vec<Vec<String>> = analysis
        .actors
        .iter()
        .take(top)
        .map(|a| {
            vec![
                a.label.clone(),
                a.class.clone(),
                a.degree.to_string(),
                a.weighted_degree.to_string(),
                format!("{:.4}", a.pagerank),
                format!("{:.4}", a.betweenness),
                a.community.to_string(),
            ]
        })
        .collect();
    table(out, &header, &rows)?;
    writeln!(
        out,
        "\ncommunities ({}, seed {SEED}; modularity {:.3})",
        analysis.community_method.label(),
        analysis.modularity
    )?;
    let rows: Vec<Vec<String>> = analysis
        .communities
        .iter()
        .take(top)
        .map(|c| {
            vec![
                c.id.to_string(),
                c.size.to_string(),
                c.members.iter().take(6).cloned().collect::<Vec<_>>().join(", "),
            ]
        })
        .collect();
    table(out, &["community", "size", "members (by PageRank)"], &rows)?;
    let dyad_rows = |dyads: &mut dyn Iterator<Item = &Dyad>| -> Vec<Vec<String>> {
        dyads
            .take(top)
            .map(|d| {
                vec![
                    d.actor1.clone(),
                    d.actor2.clone(),
                    d.events.to_string(),
                    d.cooperation.to_string(),
                    d.conflict.to_string(),
                    format!("{:.1}", d.goldstein_sum),
                ]
            })
            .collect()
    };
    let dyad_header = ["actor 1", "actor 2", "events", "cooperation", "conflict", "goldstein"];
    writeln!(out, "\ndyads by volume")?;
    table(out, &dyad_header, &dyad_rows(&mut analysis.dyads_by_volume.iter()))?;
    writeln!(out, "\nmost cooperative dyads (Goldstein sum)")?;
    table(
        out,
        &dyad_header,
        &dyad_rows(&mut analysis.dyads_by_balance.iter().filter(|d| d.goldstein_sum > 0.0)),
    )?;
    writeln!(out, "\nmost conflictual dyads (Goldstein sum)")?;
    table(
        out,
        &dyad_header,
        &dyad_rows(&mut analysis.dyads_by_balance.iter().rev().filter(|d| d.goldstein_sum < 0.0)),
    )?;
    writeln!(out, "\nevents per week (weeks without events left out)")?;
    let rows: Vec<Vec<String>> = analysis
        .weekly
        .iter()
        .filter(|w| w.events > 0)
        .map(|w| vec![w.week.clone(), w.events.to_string(), "#".repeat(w.events.min(60))])
        .collect();
    table(out, &["week of", "events", ""], &rows)
}

/// Writes one CSV row per actor with every centrality and its community.
pub fn write_csv(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id",
        "label",
        "class",
        "in_degree",
        "out_degree",
        "degree",
        "weighted_degree",
        "pagerank",
        "betweenness",
        "community",
    ])?;
    for a in &analysis.actors {
        writer.write_record([
            a.id.clone(),
            a.label.clone(),
            a.class.clone(),
            a.in_degree.to_string(),
            a.out_degree.to_string(),
            a.degree.to_string(),
            a.weighted_degree.to_string(),
            format!("{:.6}", a.pagerank),
            format!("{:.6}", a.betweenness),
            a.community.to_string(),
        ])?;
    }
    writer.flush()
}

fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    crate::query::write_table(out, &header, rows)
}

/// The network reduced to what the algorithms need: per node, the summed
/// weights of its out-links and in-links, and its undirected neighbours.
struct SimpleGraph {
    n: usize,
    out_links: Vec<Vec<(usize, f64)>>,
    in_links: Vec<Vec<(usize, f64)>>,
    neighbours: Vec<Vec<(usize, f64)>>,
}

impl SimpleGraph {
    fn new(network: &Network) -> SimpleGraph {
        let n = network.node_count();
        let mut directed: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut undirected: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for edge in network.edge_references() {
            let (s, t) = (edge.source().index(), edge.target().index());
            let weight = edge.weight().count as f64;
            *directed.entry((s, t)).or_default() += weight;
            if s != t {
                *undirected.entry((s.min(t), s.max(t))).or_default() += weight;
            }
        }
        let mut graph = SimpleGraph {
            n,
            out_links: vec![Vec::new(); n],
            in_links: vec![Vec::new(); n],
            neighbours: vec![Vec::new(); n],
        };
        for ((s, t), weight) in directed {
            graph.out_links[s].push((t, weight));
            graph.in_links[t].push((s, weight));
        }
        for ((a, b), weight) in undirected {
            graph.neighbours[a].push((b, weight));
            graph.neighbours[b].push((a, weight));
        }
        graph
    }
}

/// Weighted PageRank by power iteration; dangling nodes spread their rank evenly.
fn pagerank(graph: &SimpleGraph, damping: f64) -> Vec<f64> {
    let n = graph.n;
    if n == 0 {
        return Vec::new();
    }
    let out_weight: Vec<f64> = graph.out_links.iter().map(|links| links.iter().map(|l| l.1).sum()).collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n).filter(|&i| out_weight[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for (s, links) in graph.out_links.iter().enumerate() {
            for &(t, weight) in links {
                next[t] += damping * rank[s] * weight / out_weight[s];
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < n as f64 * 1e-10 {
            break;
        }
    }
    rank
}

/// Brandes' betweenness on the undirected, unweighted graph, normalised by
/// (n−1)(n−2)/2. With `samples`, only that many seeded random sources are used
/// and the sum is scaled up by n / samples.
fn betweenness(graph: &SimpleGraph, samples: Option<usize>) -> Vec<f64> {
    let n = graph.n;
    let mut centrality = vec![0.0; n];
    let mut sources: Vec<usize> = (0..n).collect();
    let mut scale = 1.0;
    if let Some(k) = samples.filter(|&k| k < n) {
        shuffle(&mut sources, SEED);
        sources.truncate(k);
        scale = n as f64 / k as f64;
    }
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &source in &sources {
        let mut stack = Vec::new();
        sigma.fill(0.0);
        distance.fill(usize::MAX);
        delta.fill(0.0);
        predecessors.iter_mut().for_each(Vec::clear);
        sigma[source] = 1.0;
        distance[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &(w, _) in &graph.neighbours[v] {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    sigma[w] += sigma[v];
                    predecessors[w].push(v);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != source {
                centrality[w] += delta[w];
            }
        }
    }
    // Each pair is counted from both ends; networkx halves undirected sums, then normalises.
    let norm = if n > 2 { 2.0 / ((n - 1) * (n - 2)) as f64 } else { 1.0 };
    centrality.iter().map(|c| c * scale / 2.0 * norm).collect()
}

/// Weighted label propagation: each node takes the label with the largest edge
/// weight among its neighbours (ties to the smallest label), visiting nodes in a
/// seeded random order until nothing changes. Returns community numbers
/// 0, 1, … by decreasing size.
fn label_propagation(graph: &SimpleGraph) -> Vec<usize> {
    let n = graph.n;
    let mut labels: Vec<usize> = (0..n).collect();
    let mut order: Vec<usize> = (0..n).collect();
    for round in 0..100 {
        shuffle(&mut order, SEED + round);
        let mut changed = false;
        for &v in &order {
            if graph.neighbours[v].is_empty() {
                continue;
            }
            let mut weights: BTreeMap<usize, f64> = BTreeMap::new();
            for &(w, weight) in &graph.neighbours[v] {
                *weights.entry(labels[w]).or_default() += weight;
            }
            let best = weights.values().copied().fold(f64::MIN, f64::max);
            if weights.get(&labels[v]).is_some_and(|&w| w == best) {
                continue;
            }
            let label = weights.iter().find(|(_, w)| **w == best).map(|(l, _)| *l).unwrap_or(labels[v]);
            labels[v] = label;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for &label in &labels {
        *sizes.entry(label).or_default() += 1;
    }
    let mut ranked: Vec<(usize, usize)> = sizes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let number: HashMap<usize, usize> =
        ranked.iter().enumerate().map(|(i, (label, _))| (*label, i)).collect();
    labels.iter().map(|label| number[label]).collect()
}

fn communities(actors: &[ActorScores]) -> Vec<Community> {
    let mut communities: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for actor in actors {
        communities.entry(actor.community).or_default().push(actor.label.clone());
    }
    communities.into_iter().map(|(id, members)| Community { id, size: members.len(), members }).collect()
}

fn dyads(network: &Network) -> Vec<Dyad> {
    let mut dyads: BTreeMap<(String, String), Dyad> = BTreeMap::new();
    let mut goldstein_n: BTreeMap<(String, String), usize> = BTreeMap::new();
    for edge in network.edge_references() {
        let (a, b) = (&network[edge.source()].label, &network[edge.target()].label);
        let key = if a <= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
        let data = edge.weight();
        let dyad = dyads.entry(key.clone()).or_insert_with(|| Dyad {
            actor1: key.0.clone(),
            actor2: key.1.clone(),
            events: 0,
            cooperation: 0,
            conflict: 0,
            goldstein_sum: 0.0,
            goldstein_mean: None,
        });
        dyad.events += data.count;
        match data.quad_class {
            Some(1 | 2) => dyad.cooperation += data.count,
            Some(3 | 4) => dyad.conflict += data.count,
            _ => {}
        }
        if let Some(mean) = data.goldstein_mean {
            dyad.goldstein_sum += mean * data.count as f64;
            *goldstein_n.entry(key).or_default() += data.count;
        }
    }
    dyads
        .into_iter()
        .map(|(key, mut dyad)| {
            dyad.goldstein_mean = goldstein_n.get(&key).map(|&n| dyad.goldstein_sum / n as f64);
            dyad
        })
        .collect()
}

fn weekly(counts: &BTreeMap<NaiveDate, usize>) -> Vec<WeekCount> {
    let (Some(first), Some(last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut week = *first;
    while week <= *last {
        weeks.push(WeekCount { week: week.to_string(), events: counts.get(&week).copied().unwrap_or(0) });
        week = week + chrono::Days::new(7);
    }
    weeks
}

/// A Fisher–Yates shuffle driven by splitmix64, so results never depend on a platform RNG.
fn shuffle(items: &mut [usize], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::network::{Edge, Node};

    fn network(edges: &[(usize, usize, usize)], n: usize) -> Network {
        let mut network = Network::new();
        let nodes: Vec<_> = (0..n)
            .map(|i| {
                network.add_node(Node {
                    iri: format!("n{i}"),
                    id: format!("n{i}"),
                    label: format!("N{i}"),
                    class: "PERSON".into(),
                    country: None,
                    cameo: None,
                    wikidata: None,
                })
            })
            .collect();
        for &(s, t, count) in edges {
            let edge = Edge {
                relation: "meets".into(),
                cameo: "040".into(),
                quad_class: Some(1),
                count,
                goldstein_mean: Some(1.0),
                first_date: None,
                last_date: None,
                sources: 1,
            };
            network.add_edge(nodes[s], nodes[t], edge);
        }
        network
    }

    #[test]
    fn pagerank_sums_to_one_and_favours_the_hub() {
        let net = network(&[(1, 0, 1), (2, 0, 1), (3, 0, 2), (0, 1, 1)], 4);
        let rank = pagerank(&SimpleGraph::new(&net), 0.85);
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(rank[0] > rank[1] && rank[1] > rank[2]);
    }

    #[test]
    fn betweenness_of_a_path_is_exact() {
        // a - b - c: b lies on the only path between a and c; normalised, that is 1.
        let net = network(&[(0, 1, 1), (1, 2, 1)], 3);
        let b = betweenness(&SimpleGraph::new(&net), None);
        assert_eq!(b, vec![0.0, 1.0, 0.0]);
    }

    #[test]
    fn label_propagation_separates_two_triangles() {
        let net = network(&[(0, 1, 3), (1, 2, 3), (2, 0, 3), (3, 4, 3), (4, 5, 3), (5, 3, 3), (2, 3, 1)], 6);
        let labels = label_propagation(&SimpleGraph::new(&net));
        assert_eq!(labels[0], labels[1]);
        assert_eq!(labels[1], labels[2]);
        assert_eq!(labels[3], labels[4]);
        assert_ne!(labels[0], labels[5]);
    }
}
