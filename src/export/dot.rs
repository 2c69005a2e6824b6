//! Writes the actor network as Graphviz DOT.
//!
//! Node shape and colour follow the entity class, edge colour the CAMEO quad
//! class (greens for cooperation, oranges and reds for conflict), edge width
//! the number of events, and each edge is labelled with its verb and count.
//! Every label is escaped, so any name gives valid DOT.

use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use super::network::{Network, Node};

/// Writes `network` as a DOT digraph named `newskg`.
pub fn write_dot(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph newskg {{")?;
    writeln!(out, "  graph [overlap=false, splines=true, rankdir=LR, fontname=\"Helvetica\"];")?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\", fontsize=11];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    for idx in network.node_indices() {
        let node = &network[idx];
        let (shape, fill) = node_style(node);
        writeln!(
            out,
            "  n{} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
            idx.index(),
            quote(&node.label),
            quote(&tooltip(node))
        )?;
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

fn node_style(node: &Node) -> (&'static str, &'static str) {
    match node.class.as_str() {
        "PERSON" => ("ellipse", "#cfe2f3"),
        "COUNTRY" => ("box", "#fce5cd"),
        "ORG" => ("hexagon", "#d9ead3"),
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
