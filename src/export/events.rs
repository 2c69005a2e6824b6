//! Writes the GDELT-like event table: one CSV row per event of the filtered network.
//!
//! Rows come from the event nodes, with each actor's name, CAMEO actor code and
//! country, the event's CAMEO code, quad class and Goldstein score, its place
//! with coordinates, the source article and URL, and the evidence sentence. An
//! event is written when the filter keeps it and its (actor, target, verb) is an
//! edge of the filtered network, so `--ego` and `--min-weight` apply too.

use std::collections::HashSet;
use std::io::Write;

use petgraph::visit::EdgeRef;

use super::network::{NetworkOptions, Selection};
use super::scan::{NONE, read_details};
use crate::error::QueryError;
use crate::extract::cameo;
use crate::graph::store::GraphStore;

/// The table's columns, in order.
pub const COLUMNS: &[&str] = &[
    "event_id",
    "date",
    "actor1_id",
    "actor1_name",
    "actor1_code",
    "actor1_country",
    "relation",
    "event_code",
    "quad_class",
    "goldstein",
    "actor2_id",
    "actor2_name",
    "actor2_code",
    "actor2_country",
    "place_name",
    "place_lat",
    "place_lon",
    "article",
    "source_url",
    "evidence",
];

/// Writes the event table for the events behind `selection`'s edges, by date
/// (undated first) and event IRI; returns the number of rows.
pub fn write_events_csv(
    store: &GraphStore,
    options: &NetworkOptions,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let network = &selection.network;
    let table = &selection.events;
    let edge_keys: HashSet<(&str, &str, &str)> = network
        .edge_references()
        .map(|e| {
            (network[e.source()].iri.as_str(), network[e.target()].iri.as_str(), e.weight().relation.as_str())
        })
        .collect();
    let mut rows: Vec<usize> = (0..table.len())
        .filter(|&row| {
            let (s, o, rel) = (table.actor[row], table.target[row], table.relation[row]);
            if s == NONE || o == NONE || rel == NONE {
                return false;
            }
            let modality = table.modalities.get(table.modality[row]);
            if !options.include_uncertain && !matches!(modality, "asserted" | "planned" | "") {
                return false;
            }
            let code = table.cameos.get(table.cameo[row]);
            let quad = cameo::exact(code).and_then(|c| c.quad_class);
            if !options.filter.keeps_event_on(table.date[row], code, quad) {
                return false;
            }
            let relation = table.relations.get(rel);
            let relation = relation.rsplit('#').next().unwrap_or(relation);
            let key = (
                folded(selection, table.entities.get(s)),
                folded(selection, table.entities.get(o)),
                relation,
            );
            edge_keys.contains(&key)
        })
        .collect();
    rows.sort_unstable_by(|&a, &b| {
        table.date[a].cmp(&table.date[b]).then_with(|| table.events[a].cmp(&table.events[b]))
    });
    let details = read_details(store, table)?;
    let output = |err: csv::Error| QueryError::Output(err.to_string());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(output)?;
    let short = |iri: &str| iri.rsplit('/').next().unwrap_or_default().to_string();
    let text = |value: Option<&String>| value.cloned().unwrap_or_default();
    for &row in &rows {
        let (s, o) = (table.entities.get(table.actor[row]), table.entities.get(table.target[row]));
        let (s_node, o_node) = (selection.nodes.get(s), selection.nodes.get(o));
        let code = table.cameos.get(table.cameo[row]);
        let known = cameo::exact(code);
        let relation = table.relations.get(table.relation[row]);
        let place = details.place_info.get(details.places.get(details.place[row]));
        let article = table.articles.get(table.article[row]);
        writer
            .write_record([
                short(&table.events[row]),
                table.date[row].map(|d| d.to_string()).unwrap_or_default(),
                short(s),
                text(s_node.map(|n| &n.label)),
                text(s_node.and_then(|n| n.cameo.as_ref())),
                text(s_node.and_then(|n| n.country.as_ref())),
                relation.rsplit('#').next().unwrap_or_default().to_string(),
                code.to_string(),
                known.and_then(|c| c.quad_class).map(|q| q.to_string()).unwrap_or_default(),
                known.and_then(|c| c.goldstein).map(|g| g.to_string()).unwrap_or_default(),
                short(o),
                text(o_node.map(|n| &n.label)),
                text(o_node.and_then(|n| n.cameo.as_ref())),
                text(o_node.and_then(|n| n.country.as_ref())),
                text(place.and_then(|p| p.label.as_ref())),
                text(place.and_then(|p| p.lat.as_ref())),
                text(place.and_then(|p| p.lon.as_ref())),
                short(article),
                text(details.urls.get(table.article[row] as usize).and_then(Option::as_ref)),
                text(details.evidence[row].as_ref()),
            ])
            .map_err(output)?;
    }
    writer.flush().map_err(|err| QueryError::Output(err.to_string()))?;
    Ok(rows.len())
}

/// The node an entity IRI became: its country with `--collapse-to-country`, else itself.
fn folded<'a>(selection: &'a Selection, iri: &'a str) -> &'a str {
    selection.fold.get(iri).map_or(iri, String::as_str)
}
