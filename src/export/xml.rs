//! Writes the actor network as GraphML and as GEXF 1.3, the XML formats of Gephi, yEd and networkx.
//!
//! Nodes carry class, country, CAMEO actor code and Wikidata id; edges carry
//! the verb, CAMEO code and root, quad class, count, mean Goldstein score, first
//! and last date and number of sources. Text is escaped for XML, and characters
//! XML cannot hold are dropped.

use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use super::network::{Edge, Network, Node};

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("class", "string"),
    ("country", "string"),
    ("cameo", "string"),
    ("wikidata", "string"),
];

const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("cameo", "string"),
    ("cameo_root", "string"),
    ("quad_class", "int"),
    ("count", "int"),
    ("goldstein_mean", "double"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("sources", "int"),
];

fn node_values(node: &Node) -> Vec<Option<String>> {
    vec![
        Some(node.label.clone()),
        Some(node.class.clone()),
        node.country.clone(),
        node.cameo.clone(),
        node.wikidata.clone(),
    ]
}

fn edge_values(edge: &Edge) -> Vec<Option<String>> {
    vec![
        Some(edge.relation.clone()),
        Some(edge.cameo.clone()),
        Some(edge.cameo_root().to_string()),
        edge.quad_class.map(|q| q.to_string()),
        Some(edge.count.to_string()),
        edge.goldstein_mean.map(|g| format!("{g:.2}")),
        edge.first_date.clone(),
        edge.last_date.clone(),
        Some(edge.sources.to_string()),
    ]
}

/// Writes `network` as GraphML.
pub fn write_graphml(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (name, kind) in NODE_KEYS {
        writeln!(out, r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>"#)?;
    }
    for (name, kind) in EDGE_KEYS {
        writeln!(out, r#"  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>"#)?;
    }
    writeln!(out, r#"  <graph id="newskg" edgedefault="directed">"#)?;
    for idx in network.node_indices() {
        let node = &network[idx];
        writeln!(out, r#"    <node id="{}">"#, escape(&node.id))?;
        for ((name, _), value) in NODE_KEYS.iter().zip(node_values(node)) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="n_{name}">{}</data>"#, escape(&value))?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for (i, edge) in network.edge_references().enumerate() {
        let source = &network[edge.source()].id;
        let target = &network[edge.target()].id;
        writeln!(out, r#"    <edge id="e{i}" source="{}" target="{}">"#, escape(source), escape(target))?;
        for ((name, _), value) in EDGE_KEYS.iter().zip(edge_values(edge.weight())) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="e_{name}">{}</data>"#, escape(&value))?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// Writes `network` as GEXF 1.3.
pub fn write_gexf(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let gexf_type = |kind: &str| if kind == "int" { "integer" } else { kind }.to_string();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(out, r#"  <meta><creator>newskg</creator></meta>"#)?;
    writeln!(out, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (i, (name, kind)) in NODE_KEYS.iter().enumerate().skip(1) {
        writeln!(out, r#"      <attribute id="{i}" title="{name}" type="{}"/>"#, gexf_type(kind))?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (i, (name, kind)) in EDGE_KEYS.iter().enumerate() {
        writeln!(out, r#"      <attribute id="{i}" title="{name}" type="{}"/>"#, gexf_type(kind))?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for idx in network.node_indices() {
        let node = &network[idx];
        writeln!(out, r#"      <node id="{}" label="{}">"#, escape(&node.id), escape(&node.label))?;
        writeln!(out, "        <attvalues>")?;
        for (i, value) in node_values(node).into_iter().enumerate().skip(1) {
            if let Some(value) = value {
                writeln!(out, r#"          <attvalue for="{i}" value="{}"/>"#, escape(&value))?;
            }
        }
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, edge) in network.edge_references().enumerate() {
        let data = edge.weight();
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" label="{}" weight="{}">"#,
            escape(&network[edge.source()].id),
            escape(&network[edge.target()].id),
            escape(&data.relation),
            data.count
        )?;
        writeln!(out, "        <attvalues>")?;
        for (j, value) in edge_values(data).into_iter().enumerate() {
            if let Some(value) = value {
                writeln!(out, r#"          <attvalue for="{j}" value="{}"/>"#, escape(&value))?;
            }
        }
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
