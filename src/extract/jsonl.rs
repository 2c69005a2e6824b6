//! Writes extraction results as JSON Lines, the contract `../shared/eval/score.py` reads.
//!
//! Each article gives one `document` record, then one `entity` record per
//! entity it mentions, one `event` record per event and one `role` record per
//! role, all carrying the article id in `doc`. Negated and hypothetical events
//! are written only when asked for, since they did not happen.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::{Event, Extraction, Modality};
use crate::ingest::Document;

/// Which records to write.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonlOptions {
    /// Also write negated and hypothetical events.
    pub include_uncertain: bool,
}

/// Writes one article's records.
pub fn write_article(
    out: &mut dyn Write,
    doc: &Document,
    extraction: &Extraction,
    options: JsonlOptions,
) -> io::Result<()> {
    let document = json!({
        "type": "document",
        "doc": doc.id,
        "title": doc.title,
        "date": doc.date.map(|d| d.to_string()),
        "url": doc.url,
        "source": doc.source,
        "hash": doc.hash,
        "path": doc.path.display().to_string(),
    });
    writeln!(out, "{document}")?;
    for entity in &extraction.entities {
        write_record(out, "entity", &doc.id, entity)?;
    }
    for event in extraction.events.iter().filter(|e| options.include_uncertain || is_certain(e)) {
        write_record(out, "event", &doc.id, event)?;
    }
    for role in &extraction.roles {
        write_record(out, "role", &doc.id, role)?;
    }
    Ok(())
}

/// Whether an event is stated as happening or planned.
pub fn is_certain(event: &Event) -> bool {
    matches!(event.modality, Modality::Asserted | Modality::Planned)
}

/// One record as written: `type` and `doc` lead each line, as in the contract's examples.
#[derive(Serialize)]
struct Record<'a, T> {
    #[serde(rename = "type")]
    kind: &'a str,
    doc: &'a str,
    #[serde(flatten)]
    fields: &'a T,
}

fn write_record(out: &mut dyn Write, kind: &str, doc: &str, record: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Record { kind, doc, fields: record }).map_err(io::Error::from)?;
    writeln!(out)
}
