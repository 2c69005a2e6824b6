//! Writes the GDELT-like event table: one CSV row per event of the filtered network.
//!
//! Rows come from the event nodes, with each actor's name, CAMEO actor code and
//! country, the event's CAMEO code, quad class and Goldstein score, its place
//! with coordinates, the source article and URL, and the evidence sentence. An
//! event is written when the filter keeps it and its (actor, target, verb) is an
//! edge of the filtered network, so `--ego` and `--min-weight` apply too.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;

use petgraph::visit::EdgeRef;

use super::network::{NetworkOptions, Selection};
use super::scan::{NONE, read_details};
use crate::error::QueryError;
use crate::extract::cameo::{self, CameoCode};
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
    // Events are matched to edges by numbers, worked out once per entity, verb
    // and code rather than once per event: the network node each entity became,
    // the verb's name, the CAMEO code's entry.
    let node_number: HashMap<&str, usize> =
        network.node_indices().map(|idx| (network[idx].iri.as_str(), idx.index())).collect();
    let entity_node: Vec<Option<usize>> =
        table.entities.values.iter().map(|iri| node_number.get(folded(selection, iri)).copied()).collect();
    let relations: Vec<&str> =
        table.relations.values.iter().map(|r| r.rsplit('#').next().unwrap_or(r)).collect();
    let codes: Vec<Option<&CameoCode>> = table.cameos.values.iter().map(|c| cameo::exact(c)).collect();
    let edge_keys: HashSet<(usize, usize, &str)> = network
        .edge_references()
        .map(|e| (e.source().index(), e.target().index(), e.weight().relation.as_str()))
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
            let cameo = table.cameo[row];
            let quad = codes.get(cameo as usize).copied().flatten().and_then(|c| c.quad_class);
            if !options.filter.keeps_event_on(table.date[row], table.cameos.get(cameo), quad) {
                return false;
            }
            let (Some(s), Some(o)) = (entity_node[s as usize], entity_node[o as usize]) else {
                return false;
            };
            edge_keys.contains(&(s, o, relations[rel as usize]))
        })
        .collect();
    rows.sort_unstable_by(|&a, &b| {
        table.date[a].cmp(&table.date[b]).then_with(|| table.events[a].cmp(&table.events[b]))
    });
    let details = read_details(store, table)?;
    // What each entity, code and place contributes to a row, looked up once.
    let actors: Vec<[&str; 4]> = table
        .entities
        .values
        .iter()
        .map(|iri| {
            let node = selection.nodes.get(iri);
            [
                short(iri),
                node.map_or("", |n| n.label.as_str()),
                node.and_then(|n| n.cameo.as_deref()).unwrap_or_default(),
                node.and_then(|n| n.country.as_deref()).unwrap_or_default(),
            ]
        })
        .collect();
    let scores: Vec<[String; 2]> = codes
        .iter()
        .map(|code| {
            [
                code.and_then(|c| c.quad_class).map(|q| q.to_string()).unwrap_or_default(),
                code.and_then(|c| c.goldstein).map(|g| g.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let places: Vec<[&str; 3]> = details
        .places
        .values
        .iter()
        .map(|iri| {
            let info = details.place_info.get(iri);
            [
                info.and_then(|p| p.label.as_deref()).unwrap_or_default(),
                info.and_then(|p| p.lat.as_deref()).unwrap_or_default(),
                info.and_then(|p| p.lon.as_deref()).unwrap_or_default(),
            ]
        })
        .collect();
    let output = |err: csv::Error| QueryError::Output(err.to_string());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(output)?;
    let mut date = String::new();
    for &row in &rows {
        let [s_id, s_label, s_code, s_country] = actors[table.actor[row] as usize];
        let [o_id, o_label, o_code, o_country] = actors[table.target[row] as usize];
        let cameo = table.cameo[row];
        let [quad, goldstein] =
            scores.get(cameo as usize).map_or(["", ""], |[q, g]| [q.as_str(), g.as_str()]);
        let [place, lat, lon] = places.get(details.place[row] as usize).copied().unwrap_or_default();
        let article = table.article[row];
        date.clear();
        if let Some(day) = table.date[row] {
            write!(date, "{day}").expect("writing to a String");
        }
        writer
            .write_record([
                short(&table.events[row]),
                &date,
                s_id,
                s_label,
                s_code,
                s_country,
                relations[table.relation[row] as usize],
                table.cameos.get(cameo),
                quad,
                goldstein,
                o_id,
                o_label,
                o_code,
                o_country,
                place,
                lat,
                lon,
                short(table.articles.get(article)),
                details.urls.get(article as usize).and_then(Option::as_deref).unwrap_or_default(),
                details.evidence[row].as_deref().unwrap_or_default(),
            ])
            .map_err(output)?;
    }
    writer.flush().map_err(|err| QueryError::Output(err.to_string()))?;
    Ok(rows.len())
}

/// The last segment of an IRI: `marco-rubio` for `ent:marco-rubio`.
fn short(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or_default()
}

/// The node an entity IRI became: its country with `--collapse-to-country`, else itself.
fn folded<'a>(selection: &'a Selection, iri: &'a str) -> &'a str {
    selection.fold.get(iri).map_or(iri, String::as_str)
}
