//! Writes the actor network as two CSV tables: one row per node, one row per edge.

use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use super::network::Network;

/// Writes the node table (id, label, class, country, cameo, wikidata).
pub fn write_nodes_csv(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["id", "label", "class", "country", "cameo", "wikidata"])?;
    for idx in network.node_indices() {
        let node = &network[idx];
        writer.write_record([
            node.id.as_str(),
            &node.label,
            &node.class,
            node.country.as_deref().unwrap_or(""),
            node.cameo.as_deref().unwrap_or(""),
            node.wikidata.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()
}

/// Writes the edge table, one row per (source, target, verb).
pub fn write_edges_csv(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "source",
        "target",
        "relation",
        "cameo",
        "cameo_root",
        "quad_class",
        "count",
        "goldstein_mean",
        "first_date",
        "last_date",
        "sources",
    ])?;
    for edge in network.edge_references() {
        let data = edge.weight();
        writer.write_record([
            network[edge.source()].id.as_str(),
            &network[edge.target()].id,
            &data.relation,
            &data.cameo,
            data.cameo_root(),
            &data.quad_class.map(|q| q.to_string()).unwrap_or_default(),
            &data.count.to_string(),
            &data.goldstein_mean.map(|g| format!("{g:.2}")).unwrap_or_default(),
            data.first_date.as_deref().unwrap_or(""),
            data.last_date.as_deref().unwrap_or(""),
            &data.sources.to_string(),
        ])?;
    }
    writer.flush()
}
