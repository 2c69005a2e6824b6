//! Writes the GDELT-like event table: one CSV row per event of the filtered network.
//!
//! Rows come from the event nodes, with each actor's name, CAMEO actor code and
//! country, the event's CAMEO code, quad class and Goldstein score, its place
//! with coordinates, the source article and URL, and the evidence sentence. An
//! event is written when the filter keeps it and its (actor, target, verb) is an
//! edge of the filtered network, so `--ego` and `--min-weight` apply too.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;

use petgraph::visit::EdgeRef;

use super::network::{NetworkOptions, Selection, select};
use crate::error::QueryError;
use crate::graph::store::GraphStore;

const EVENTS_TABLE_QUERY: &str = r#"
SELECT ?e ?date ?s ?s_name ?s_code ?s_country ?rel ?cameo ?quad ?goldstein
       ?o ?o_name ?o_code ?o_country ?place_name ?lat ?lon ?article ?url ?evidence ?modality WHERE {
  ?e a nkg:Event ; nkg:actor ?s ; nkg:target ?o ; nkg:predicate ?rel ;
     nkg:eventType ?type ; nkg:sourceArticle ?article ; nkg:modality ?modality .
  BIND(STRAFTER(STR(?type), STR(cameo:)) AS ?cameo)
  OPTIONAL { ?e nkg:eventDate ?date }
  OPTIONAL { ?type nkg:goldstein ?goldstein }
  OPTIONAL { ?type nkg:quadClass ?q . ?q nkg:quadNumber ?quad }
  OPTIONAL { ?s rdfs:label ?s_name } OPTIONAL { ?s nkg:cameoActorCode ?s_code } OPTIONAL { ?s nkg:country ?s_country }
  OPTIONAL { ?o rdfs:label ?o_name } OPTIONAL { ?o nkg:cameoActorCode ?o_code } OPTIONAL { ?o nkg:country ?o_country }
  OPTIONAL {
    ?e nkg:place ?place .
    OPTIONAL { ?place rdfs:label ?place_name }
    OPTIONAL { ?place schema:latitude ?lat ; schema:longitude ?lon }
  }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?e nkg:evidence ?evidence }
} ORDER BY ?date ?e"#;

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

/// Writes the event table for the events behind `selection`'s edges; returns the number of rows.
pub fn write_events_csv(
    store: &GraphStore,
    options: &NetworkOptions,
    selection: &Selection,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let network = &selection.network;
    let edge_keys: HashSet<(&str, &str, &str)> = network
        .edge_references()
        .map(|e| {
            (network[e.source()].iri.as_str(), network[e.target()].iri.as_str(), e.weight().relation.as_str())
        })
        .collect();
    let folded = |iri: &str| selection.fold.get(iri).cloned().unwrap_or_else(|| iri.to_string());
    let output = |err: csv::Error| QueryError::Output(err.to_string());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(output)?;
    let mut seen = BTreeSet::new();
    for row in select(store, EVENTS_TABLE_QUERY)? {
        let value = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
        let (event, modality) = (value(0), value(20));
        if !options.include_uncertain && !matches!(modality.as_str(), "asserted" | "planned" | "") {
            continue;
        }
        let date = row[1].as_deref();
        let quad = row[8].as_deref().and_then(|q| q.parse().ok());
        if !options.filter.keeps_event(date, &value(7), quad) {
            continue;
        }
        let relation = value(6).rsplit('#').next().unwrap_or_default().to_string();
        let key = (folded(&value(2)), folded(&value(10)));
        if !edge_keys.contains(&(key.0.as_str(), key.1.as_str(), relation.as_str()))
            || !seen.insert(event.clone())
        {
            continue;
        }
        let short = |iri: String| iri.rsplit('/').next().unwrap_or_default().to_string();
        let goldstein = value(9);
        writer
            .write_record([
                short(event),
                value(1),
                short(value(2)),
                value(3),
                value(4),
                value(5),
                relation,
                value(7),
                value(8),
                goldstein,
                short(value(10)),
                value(11),
                value(12),
                value(13),
                value(14),
                value(15),
                value(16),
                short(value(17)),
                value(18),
                value(19),
            ])
            .map_err(output)?;
    }
    writer.flush().map_err(|err| QueryError::Output(err.to_string()))?;
    Ok(seen.len())
}
