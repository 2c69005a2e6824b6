//! `newskg analyze`: JSON read back, the filters, and a cross-check against networkx.

use std::process::Command;

use crate::util::*;

fn built() -> Scratch {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    scratch
}

fn analysis(scratch: &Scratch, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["analyze", "--format", "json"];
    full.extend_from_slice(args);
    let output = scratch.run(&full);
    assert_ok(&output);
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)))
}

#[test]
fn json_analysis_reads_back_with_pagerank_summing_to_one() {
    let scratch = built();
    let json = analysis(&scratch, &[]);
    let actors = json["actors"].as_array().unwrap();
    assert_eq!(actors.len() as u64, json["nodes"].as_u64().unwrap());
    assert!(actors.len() > 20);
    let total: f64 = actors.iter().map(|a| a["pagerank"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-6, "PageRank sums to {total}");
    assert!(actors.iter().all(|a| (0.0..=1.0).contains(&a["betweenness"].as_f64().unwrap())));
    assert_eq!(json["betweenness_exact"], true);
    let ukraine = actors.iter().find(|a| a["id"] == "ent:ukraine").unwrap();
    assert!(ukraine["degree"].as_u64().unwrap() >= 4 && ukraine["betweenness"].as_f64().unwrap() > 0.1);
    let volume = &json["dyads_by_volume"][0];
    assert!(volume["events"].as_u64().unwrap() >= 2, "{volume}");
    let balance = json["dyads_by_balance"].as_array().unwrap();
    assert!(
        balance.first().unwrap()["goldstein_sum"].as_f64()
            > balance.last().unwrap()["goldstein_sum"].as_f64()
    );
    assert!(balance.iter().any(|d| d["actor1"] == "Russia" && d["actor2"] == "Sumy" && d["conflict"] == 2));
    let weeks: u64 = json["weekly"].as_array().unwrap().iter().map(|w| w["events"].as_u64().unwrap()).sum();
    assert_eq!(weeks + json["undated"].as_u64().unwrap(), json["events"].as_u64().unwrap());
    assert!(!json["communities"].as_array().unwrap().is_empty());
}

#[test]
fn filters_apply_to_the_analysis_and_the_table_reads_well() {
    let scratch = built();
    let ego = analysis(&scratch, &["--ego", "rubio", "--collapse-to-country"]);
    let ids: Vec<&str> =
        ego["actors"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"ent:united-states") && !ids.contains(&"ent:marco-rubio"), "{ids:?}");
    let output = scratch.run(&["analyze", "--cameo", "19", "--top", "3"]);
    assert_ok(&output);
    let text = stdout(&output);
    for section in
        ["actors by PageRank", "communities", "dyads by volume", "most conflictual dyads", "events per week"]
    {
        assert!(text.contains(section), "no {section}:\n{text}");
    }
    assert!(text.contains("Russia") && !text.contains("Marco Rubio"), "{text}");
    let csv = scratch.run(&["analyze", "--format", "csv"]);
    assert_ok(&csv);
    assert!(stdout(&csv).starts_with("id,label,class,in_degree,out_degree,degree,weighted_degree,pagerank"));
}

const NETWORKX_SCRIPT: &str = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
try:
    import scipy  # noqa: F401  nx.pagerank needs SciPy; without it, networkx's pure-Python version
    pagerank = nx.pagerank(g, alpha=0.85, weight="count", tol=1e-12, max_iter=1000)
except ImportError:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    pagerank = _pagerank_python(g, alpha=0.85, weight="count", tol=1e-12, max_iter=1000)
betweenness = nx.betweenness_centrality(nx.Graph(g.to_undirected()))
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                  "pagerank": pagerank, "betweenness": betweenness}))
"#;

#[test]
fn networkx_reads_the_graphml_and_agrees_on_centrality() {
    let has_networkx =
        Command::new("python3").args(["-c", "import networkx"]).output().is_ok_and(|o| o.status.success());
    if !has_networkx {
        eprintln!("note: skipping the networkx round-trip: python3 with networkx is not available");
        return;
    }
    let scratch = built();
    let graphml = scratch.dir.path().join("network.graphml");
    assert_ok(&scratch.run(&["export", "--format", "graphml", "--out", graphml.to_str().unwrap()]));
    let script = scratch.file("check.py", NETWORKX_SCRIPT.as_bytes());
    let output = Command::new("python3").arg(&script).arg(&graphml).output().unwrap();
    assert!(output.status.success(), "networkx failed: {}", stderr(&output));
    let nx: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ours = analysis(&scratch, &[]);
    assert_eq!(nx["nodes"], ours["nodes"]);
    assert_eq!(nx["edges"], ours["edges"]);
    for actor in ours["actors"].as_array().unwrap() {
        let id = actor["id"].as_str().unwrap();
        for measure in ["pagerank", "betweenness"] {
            let theirs =
                nx[measure][id].as_f64().unwrap_or_else(|| panic!("networkx has no {measure} for {id}"));
            let mine = actor[measure].as_f64().unwrap();
            assert!((theirs - mine).abs() < 1e-6, "{id} {measure}: networkx {theirs}, newskg {mine}");
        }
    }
}

#[test]
fn louvain_is_the_default_and_label_propagation_can_be_asked_for() {
    let scratch = built();
    let louvain = analysis(&scratch, &[]);
    assert_eq!(louvain["community_method"], "louvain");
    let propagation = analysis(&scratch, &["--communities", "label-propagation"]);
    assert_eq!(propagation["community_method"], "label-propagation");
    // Louvain optimises modularity; on this network it does at least as well as label propagation.
    let (q_louvain, q_propagation) =
        (louvain["modularity"].as_f64().unwrap(), propagation["modularity"].as_f64().unwrap());
    assert!(q_louvain > 0.5 && q_louvain >= q_propagation - 1e-9, "{q_louvain} against {q_propagation}");
    let table = stdout(&scratch.run(&["analyze", "--top", "3"]));
    assert!(table.contains("communities (Louvain, seed 42; modularity 0."), "{table}");
    let bad = scratch.run(&["analyze", "--communities", "girvan-newman"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("[possible values: louvain, label-propagation]"), "{}", stderr(&bad));
}

const MODULARITY_SCRIPT: &str = r#"
import json, sys
import networkx as nx
from networkx.algorithms.community import louvain_communities, modularity
g = nx.read_graphml(sys.argv[1])
undirected = nx.Graph()
undirected.add_nodes_from(g.nodes())
for s, t, data in g.edges(data=True):
    if s != t:
        w = undirected.get_edge_data(s, t, {"weight": 0})["weight"]
        undirected.add_edge(s, t, weight=w + int(data["count"]))
ours = json.load(open(sys.argv[2]))
groups = {}
for actor in ours["actors"]:
    groups.setdefault(actor["community"], set()).add(actor["id"])
theirs = louvain_communities(undirected, weight="weight", seed=42)
print(json.dumps({"ours": modularity(undirected, list(groups.values()), weight="weight"),
                  "louvain": modularity(undirected, theirs, weight="weight")}))
"#;

#[test]
fn networkx_agrees_on_the_modularity_of_our_communities() {
    let has_networkx =
        Command::new("python3").args(["-c", "import networkx"]).output().is_ok_and(|o| o.status.success());
    if !has_networkx {
        eprintln!("note: skipping the modularity check: python3 with networkx is not available");
        return;
    }
    let scratch = built();
    let graphml = scratch.dir.path().join("network.graphml");
    assert_ok(&scratch.run(&["export", "--format", "graphml", "--out", graphml.to_str().unwrap()]));
    let ours = analysis(&scratch, &[]);
    let json = scratch.file("analysis.json", ours.to_string().as_bytes());
    let script = scratch.file("modularity.py", MODULARITY_SCRIPT.as_bytes());
    let output = Command::new("python3").arg(&script).arg(&graphml).arg(&json).output().unwrap();
    assert!(output.status.success(), "networkx failed: {}", stderr(&output));
    let nx: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let reported = ours["modularity"].as_f64().unwrap();
    let recomputed = nx["ours"].as_f64().unwrap();
    assert!((reported - recomputed).abs() < 1e-9, "newskg says {reported}, networkx {recomputed}");
    let networkx_louvain = nx["louvain"].as_f64().unwrap();
    assert!(reported > networkx_louvain - 0.02, "newskg {reported}, networkx louvain {networkx_louvain}");
}

#[test]
fn a_synthetic_store_reads_back_whole() {
    let scratch = Scratch::new();
    let store = newskg::GraphStore::open(&scratch.store(), true).unwrap();
    let options = newskg::synthetic::SyntheticOptions { events: 3_000, actors: 400, ..Default::default() };
    let summary = newskg::synthetic::generate(&store, &options).unwrap();
    drop(store);
    assert_eq!((summary.articles, summary.events), (300, 3_000));
    // With uncertain events kept, every event is one row and every actor one node.
    let output = scratch.run(&["export", "--format", "events", "--include-uncertain"]);
    assert_ok(&output);
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3_000);
    assert!(
        rows.iter().all(|r| r[17].starts_with("syn-") && r[18].starts_with("https://") && !r[19].is_empty())
    );
    assert!(rows.iter().any(|r| !r[14].is_empty() && !r[15].is_empty()), "no event with a located place");
    let json = analysis(&scratch, &["--include-uncertain"]);
    assert_eq!(json["nodes"].as_u64().unwrap() as usize, summary.actors);
    assert_eq!(json["events"], 3_000);
    // Most events stay inside a country, so the communities are clear.
    assert!(json["modularity"].as_f64().unwrap() > 0.2, "{}", json["modularity"]);
    let certain = analysis(&scratch, &[]);
    let kept = certain["events"].as_u64().unwrap();
    assert!((2_700..3_000).contains(&kept), "{kept} asserted or planned events");
}
