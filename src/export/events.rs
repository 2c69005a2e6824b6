//! Writes the GDELT-like event table: one CSV row per event of the filtered network.
//!
//! Rows come from the event nodes, with each actor's name, CAMEO actor code and
//! country, the event's CAMEO code, quad class and Goldstein score, its place
//! with coordinates, the source article and URL, and the evidence sentence. An
//! event is written when it was folded into an edge of the filtered network
//! (`Selection::event_edges`), so every filter, `--ego` and `--min-weight` too,
//! applies to the table as to the network.

use std::fmt::Write as _;
use std::io::Write;

use super::network::Selection;
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
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let table = &selection.events;
    let mut rows: Vec<usize> = (0..table.len()).filter(|&row| selection.event_edges[row] != NONE).collect();
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
    let scores: Vec<[String; 2]> = table
        .cameos
        .values
        .iter()
        .map(|code| {
            let code = cameo::exact(code);
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
                relation(table.relations.get(table.relation[row])),
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

/// The controlled verb's name: `meets` for `nkg:meets`.
fn relation(iri: &str) -> &str {
    iri.rsplit('#').next().unwrap_or(iri)
}
