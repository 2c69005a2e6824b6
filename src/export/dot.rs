//! Writes the actor network as Graphviz DOT.
//!
//! Node shape and colour follow the entity class, edge colour the CAMEO quad
//! class (greens for cooperation, oranges and reds for conflict), edge width
//! the number of events, and each edge is labelled with its verb and count.
//! Every label is escaped, so any name gives valid DOT. Nodes can be grouped
//! into one `subgraph cluster_N` per community.

use std::collections::BTreeMap;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::network::{Network, Node};

/// Writes `network` as a DOT digraph named `newskg`.
pub fn write_dot(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    write_dot_clustered(network, None, out)
}

/// Writes `network` as DOT; with `communities` (a community number per node
/// index), each community of two or more nodes is drawn as a `subgraph cluster_N`.
pub fn write_dot_clustered(
    network: &Network,
    communities: Option<&[usize]>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "digraph newskg {{")?;
    writeln!(out, "  graph [overlap=false, splines=true, rankdir=LR, fontname=\"Helvetica\"];")?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\", fontsize=11];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
    for idx in network.node_indices() {
        let community = communities.and_then(|c| c.get(idx.index()).copied());
        groups.entry(community.map_or(usize::MAX, |c| c)).or_default().push(idx);
    }
    for (community, members) in &groups {
        let clustered = *community != usize::MAX && members.len() > 1;
        let indent = if clustered { "    " } else { "  " };
        if clustered {
            writeln!(out, "  subgraph cluster_{community} {{")?;
            writeln!(
                out,
                "    label=\"community {community}\"; style=\"rounded,dashed\"; color=\"#9e9e9e\";"
            )?;
        }
        for idx in members {
            write_node(network, *idx, indent, out)?;
        }
        if clustered {
            writeln!(out, "  }}")?;
        }
    }
    for edge in network.edge_references() {
        let data = edge.weight();
        let color = quad_color(data.quad_class);
        let width = 1.0 + (data.count as f64).ln().max(0.0) * 1.5;
        let label = if data.count > 1 {
            format!("{} ({})", data.relation, data.count)
        } else {
            data.relation.clone()
        };
        writeln!(
            out,
            "  n{} -> n{} [label={}, color=\"{color}\", fontcolor=\"{color}\", penwidth={width:.1}];",
            edge.source().index(),
            edge.target().index(),
            quote(&label)
        )?;
    }
    writeln!(out, "}}")
}

fn write_node(network: &Network, idx: NodeIndex, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let node = &network[idx];
    let (shape, fill) = node_style(node);
    writeln!(
        out,
        "{indent}n{} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
        idx.index(),
        quote(&node.label),
        quote(&tooltip(node))
    )
}

fn node_style(node: &Node) -> (&'static str, &'static str) {
    match node.class.as_str() {
        "PERSON" => ("ellipse", "#cfe2f3"),
        "COUNTRY" => ("box", "#fce5cd"),
        "ORG" => ("hexagon", "#d9ead3"),
        "GROUP" => ("octagon", "#f4cccc"),
        _ => ("house", "#eeeeee"),
    }
}

/// Colours for the four CAMEO quad classes.
pub fn quad_color(quad_class: Option<u8>) -> &'static str {
    match quad_class {
        Some(1) => "#2e7d32",
        Some(2) => "#1565c0",
        Some(3) => "#ef6c00",
        Some(4) => "#c62828",
        _ => "#616161",
    }
}

fn tooltip(node: &Node) -> String {
    let mut parts = vec![node.id.clone(), node.class.clone()];
    parts.extend(node.country.clone());
    parts.extend(node.cameo.clone());
    parts.extend(node.wikidata.clone());
    parts.join(" · ")
}

/// A DOT string literal: quotes and backslashes escaped, line breaks as `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
    }
}
