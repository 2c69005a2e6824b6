//! Exports read by real tools: Graphviz renders the DOT, the XML formats parse.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::*;

fn built() -> Scratch {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    scratch
}

#[test]
fn graphviz_renders_the_dot_export() {
    let scratch = built();
    let output = scratch.run(&["export", "--format", "dot"]);
    assert_ok(&output);
    let dot = stdout(&output);
    assert!(dot.starts_with("digraph newskg {"), "{dot}");
    assert!(dot.contains("Marco Rubio") && dot.contains("meets"), "{dot}");
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (apt-get install graphviz)");
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let rendered = child.wait_with_output().unwrap();
    assert!(rendered.status.success(), "dot failed: {}", String::from_utf8_lossy(&rendered.stderr));
    assert!(String::from_utf8_lossy(&rendered.stdout).contains("<svg"));
}

#[test]
fn graphml_and_gexf_are_well_formed() {
    let scratch = built();
    for (format, root) in [("graphml", "graphml"), ("gexf", "gexf")] {
        let output = scratch.run(&["export", "--format", format]);
        assert_ok(&output);
        let xml = stdout(&output);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), root);
        let n_nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
        let n_edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
        assert!(n_nodes >= 5 && n_edges >= 3, "{format}: {n_nodes} nodes, {n_edges} edges");
    }
}

#[test]
fn csv_export_writes_nodes_and_edges() {
    let scratch = built();
    let folder = scratch.dir.path().join("csv");
    assert_ok(&scratch.run(&["export", "--format", "csv", "--out", folder.to_str().unwrap()]));
    let nodes = std::fs::read_to_string(folder.join("nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(folder.join("edges.csv")).unwrap();
    assert!(nodes.starts_with("id,label,class,country,cameo,wikidata"), "{nodes}");
    assert!(nodes.contains("ent:russia,Russia,COUNTRY,RUS"), "{nodes}");
    assert!(edges.starts_with("source,target,relation,cameo"), "{edges}");
    assert!(edges.contains("ent:marco-rubio,ent:emmanuel-macron,meets"), "{edges}");
}

#[test]
fn rdf_exports_parse_back() {
    let scratch = built();
    for format in ["turtle", "ntriples", "nquads", "trig", "jsonld"] {
        let output = scratch.run(&["export", "--format", format]);
        assert_ok(&output);
        let rdf_format = match format {
            "turtle" => oxigraph::io::RdfFormat::Turtle,
            "ntriples" => oxigraph::io::RdfFormat::NTriples,
            "nquads" => oxigraph::io::RdfFormat::NQuads,
            "trig" => oxigraph::io::RdfFormat::TriG,
            _ => oxigraph::io::RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() },
        };
        let parsed: Result<Vec<_>, _> =
            oxigraph::io::RdfParser::from_format(rdf_format).for_slice(&output.stdout).collect();
        let quads = parsed.unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(quads.len() > 100, "{format}: {} quads", quads.len());
    }
}

#[test]
fn an_empty_store_gives_an_empty_valid_graph() {
    let scratch = Scratch::new();
    let article = scratch.file("a.txt", b"Nothing happened here.\n");
    assert_ok(&scratch.run(&["build", article.to_str().unwrap()]));
    let output = scratch.run(&["export", "--format", "graphml"]);
    assert_ok(&output);
    assert!(stderr(&output).contains("warning: the network is empty"));
    roxmltree::Document::parse(&stdout(&output)).unwrap();
}

#[test]
fn svg_is_rendered_by_graphviz() {
    let scratch = built();
    let output = scratch.run(&["export", "--format", "svg", "--ego", "Marco Rubio"]);
    assert_ok(&output);
    let svg = stdout(&output);
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(&svg, options).unwrap_or_else(|e| panic!("svg: {e}"));
    assert!(svg.contains("<svg") && svg.contains("Marco Rubio") && !svg.contains("Vladimir Putin"), "{svg}");
    let png = scratch.run(&["export", "--format", "png", "--cameo", "19"]);
    assert_ok(&png);
    assert!(png.stdout.starts_with(b"\x89PNG"));
}

#[test]
fn a_missing_graphviz_says_how_to_install_it() {
    let scratch = built();
    let output = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["export", "--format", "svg"])
        .env("NEWSKG_STORE", scratch.store())
        .env("PATH", scratch.dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("apt-get install graphviz"), "{}", stderr(&output));
}

#[test]
fn the_event_table_has_one_row_per_event() {
    let scratch = built();
    let output = scratch.run(&[
        "export",
        "--format",
        "events",
        "--collapse-to-country",
        "--quad",
        "verbal-cooperation",
    ]);
    assert_ok(&output);
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "event_id");
    assert_eq!(headers.len(), 20);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 10, "{} rows", rows.len());
    assert!(rows.iter().all(|r| &r[8] == "1"));
    // The talks say "in Oslo"; the article's other events take Oslo from its dateline.
    let oslo = rows.iter().find(|r| &r[14] == "Oslo" && &r[3] == "Norway").expect("Norway's event in Oslo");
    assert_eq!((&oslo[1], &oslo[3], &oslo[11]), ("2024-09-11", "Norway", "Iceland"));
    assert!(oslo[15].starts_with("59.9") && oslo[19].contains("mackerel"));
}

#[test]
fn cluster_groups_communities_and_still_renders() {
    let scratch = built();
    let output = scratch.run(&["export", "--format", "dot", "--cluster"]);
    assert_ok(&output);
    let dot = stdout(&output);
    assert!(dot.contains("subgraph cluster_0 {") && dot.contains("label=\"community 0\""), "{dot}");
    let svg = scratch.run(&["export", "--format", "svg", "--cluster"]);
    assert_ok(&svg);
    assert!(stdout(&svg).contains("cluster_0"));
}

/// The community of each node label in a clustered DOT export.
fn clusters(dot: &str) -> std::collections::HashMap<String, usize> {
    let mut community = None;
    let mut found = std::collections::HashMap::new();
    for line in dot.lines() {
        if let Some(rest) = line.trim().strip_prefix("subgraph cluster_") {
            community = rest.trim_end_matches(" {").parse().ok();
        } else if line.trim() == "}" {
            community = None;
        } else if let (Some(c), Some(label)) = (community, line.split("label=\"").nth(1)) {
            if line.contains(" [label=") {
                found.insert(label.split('"').next().unwrap().to_string(), c);
            }
        }
    }
    found
}

#[test]
fn clusters_are_the_communities_analyze_reports() {
    let scratch = built();
    for method in ["louvain", "label-propagation"] {
        let output = scratch.run(&["export", "--format", "dot", "--cluster", "--communities", method]);
        assert_ok(&output);
        let clustered = clusters(&stdout(&output));
        assert!(clustered.len() > 10, "{method}: {clustered:?}");
        let json = scratch.run(&["analyze", "--format", "json", "--communities", method]);
        let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        for actor in json["actors"].as_array().unwrap() {
            if let Some(&c) = clustered.get(actor["label"].as_str().unwrap()) {
                assert_eq!(c as u64, actor["community"].as_u64().unwrap(), "{method}: {actor}");
            }
        }
    }
    let without = scratch.run(&["export", "--format", "dot", "--communities", "louvain"]);
    assert_eq!(without.status.code(), Some(2));
    assert!(stderr(&without).contains("--cluster"), "{}", stderr(&without));
}

#[test]
fn every_network_format_of_an_empty_selection_is_valid() {
    let scratch = built();
    for format in ["dot", "graphml", "gexf", "csv", "events"] {
        let output = scratch.run(&["export", "--format", format, "--cameo", "0999"]);
        assert_ok(&output);
        assert!(stderr(&output).contains("warning: the network is empty (no events match the filters)"));
        let text = stdout(&output);
        match format {
            "dot" => assert!(text.starts_with("digraph newskg {") && !text.contains("->"), "{text}"),
            "graphml" | "gexf" => {
                roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
            }
            "csv" => assert!(text.starts_with("id,label") && text.contains("\nsource,target"), "{text}"),
            _ => assert_eq!(text.lines().count(), 1, "{text}"),
        }
    }
    let analysis = scratch.run(&["analyze", "--format", "json", "--cameo", "0999"]);
    assert_ok(&analysis);
    let json: serde_json::Value = serde_json::from_slice(&analysis.stdout).unwrap();
    assert_eq!((json["nodes"].as_u64(), json["modularity"].as_f64()), (Some(0), Some(0.0)));
}

#[test]
fn an_unknown_format_lists_the_known_ones() {
    let scratch = built();
    let output = scratch.run(&["export", "--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid value 'pdf' for '--format <FORMAT>'"), "{}", stderr(&output));
    assert!(stderr(&output).contains("graphml"), "{}", stderr(&output));
}

#[test]
fn network_exports_read_the_same_from_summaries_and_from_event_nodes() {
    let scratch = built();
    let formats = ["graphml", "dot", "events"];
    let export = |format: &str| stdout(&scratch.run(&["export", "--format", format, "--include-uncertain"]));
    let from_summaries: Vec<String> = formats.iter().map(|f| export(f)).collect();
    // Without one article's summary, the store is read from the event nodes.
    {
        let store = newskg::GraphStore::open(&scratch.store(), false).unwrap();
        let update = "DELETE { GRAPH ?g { ?a nkg:eventSummary ?v } } WHERE { \
                      { SELECT ?g ?a ?v WHERE { GRAPH ?g { ?a nkg:eventSummary ?v } } LIMIT 1 } }";
        newskg::graph::store::update_store(store.inner(), update, &Default::default()).unwrap();
    }
    for (format, expected) in formats.iter().zip(&from_summaries) {
        assert!(expected.lines().count() > 5, "{format}: {expected}");
        assert_eq!(&export(format), expected, "{format}");
    }
}

#[test]
fn the_event_table_reads_urls_for_summaries_of_the_older_kind() {
    use oxigraph::model::{Literal, NamedNodeRef, Quad, Term};
    let scratch = built();
    let export = || stdout(&scratch.run(&["export", "--format", "events", "--include-uncertain"]));
    let expected = export();
    assert!(expected.contains(",https://example.org/wire/001,"), "{expected}");
    // Summaries written before they recorded the article's URL are the bare list of events.
    {
        let store = newskg::GraphStore::open(&scratch.store(), false).unwrap();
        let property = NamedNodeRef::new_unchecked(newskg::graph::vocab::nkg::EVENT_SUMMARY);
        let quads: Vec<Quad> = store
            .inner()
            .quads_for_pattern(None, Some(property), None, None)
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(quads.len() > 3);
        for quad in quads {
            let Term::Literal(text) = &quad.object else { panic!("{quad}") };
            let summary = newskg::graph::summary::decode(text.value()).unwrap();
            let older = Literal::new_simple_literal(serde_json::to_string(&summary.events).unwrap());
            let replaced =
                Quad::new(quad.subject.clone(), quad.predicate.clone(), older, quad.graph_name.clone());
            store.inner().remove(&quad).unwrap();
            store.inner().insert(&replaced).unwrap();
        }
    }
    assert_eq!(export(), expected);
}
