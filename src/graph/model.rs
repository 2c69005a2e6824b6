//! Turns one article's extraction into RDF quads: its own named graph, and the merged graph.
//!
//! Each article gets the graph `<https://newskg.org/graph/article/ID>` holding
//! its metadata, which entities it mentions, its event nodes and its roles, so
//! that replacing an article replaces exactly what it said. What is shared by
//! every article goes to the merged graph `<https://newskg.org/graph/merged>`:
//! entity descriptions (types, labels, aliases, codes) and the direct triples
//! such as `ent:marco-rubio nkg:meets ent:emmanuel-macron`, one per fact however
//! many articles report it. Negated and hypothetical events keep their event
//! node but give no direct triple. The article graph also holds the article's
//! event summary (`graph::summary`), the read index of the network exports. The
//! store decides how the quads are written.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use sha2::{Digest, Sha256};

use super::summary::{self, SummaryRow};
use super::vocab::{base, nkg, std_vocab as v};
use crate::extract::{Entity, EntityClass, Event, Extraction, Modality, Role};
use crate::ingest::Document;

/// The IRI of an entity id such as `ent:marco-rubio`.
pub fn entity_iri(id: &str) -> NamedNode {
    let local = id.strip_prefix("ent:").unwrap_or(id);
    NamedNode::new_unchecked(format!("{}{}", base::ENTITY, iri_safe(local)))
}

/// The IRI of an article node.
pub fn article_iri(doc_id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", base::ARTICLE, iri_safe(doc_id)))
}

/// The named graph that holds everything read from one article.
pub fn article_graph(doc_id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", base::ARTICLE_GRAPH, iri_safe(doc_id)))
}

/// The IRI of a CAMEO event code.
pub fn cameo_iri(code: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", base::CAMEO, iri_safe(code)))
}

/// The quads of one article: those of its own graph, and those it adds to the merged graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleQuads {
    /// The article id.
    pub id: String,
    /// Quads in the article's own graph.
    pub own: Vec<Quad>,
    /// Entity descriptions and direct triples, in the merged graph.
    pub merged: Vec<Quad>,
}

impl ArticleQuads {
    /// All quads, own first.
    pub fn len(&self) -> usize {
        self.own.len() + self.merged.len()
    }

    /// Whether there are no quads at all.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.merged.is_empty()
    }
}

/// The merged graph: entity descriptions and direct triples shared by all articles.
pub fn merged_graph() -> NamedNode {
    NamedNode::new_unchecked(base::MERGED_GRAPH)
}

/// All quads for one article, in a fixed order.
pub fn article_quads(doc: &Document, extraction: &Extraction, extractor: &str) -> ArticleQuads {
    let mut own = QuadWriter { graph: article_graph(&doc.id).into(), quads: Vec::new() };
    let mut merged = QuadWriter { graph: merged_graph().into(), quads: Vec::new() };
    let article = article_iri(&doc.id);
    write_article(&mut own, doc, &article, extractor);
    for entity in &extraction.entities {
        write_entity(&mut merged, entity);
        own.add(&entity_iri(&entity.id), nkg::MENTIONED_IN, article.clone());
    }
    for event in &extraction.events {
        write_event(&mut own, &mut merged, doc, event, &article);
    }
    for role in &extraction.roles {
        write_role(&mut own, doc, role);
    }
    let rows: Vec<SummaryRow> = extraction.events.iter().map(|event| summary_row(doc, event)).collect();
    own.add_str(&article, nkg::EVENT_SUMMARY, &summary::encode(article_url(doc), &rows));
    ArticleQuads { id: doc.id.clone(), own: own.quads, merged: merged.quads }
}

struct QuadWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl QuadWriter {
    fn add(&mut self, subject: &NamedNode, predicate: &str, object: impl Into<Term>) {
        let predicate = NamedNode::new_unchecked(predicate);
        self.quads.push(Quad::new(subject.clone(), predicate, object, self.graph.clone()));
    }

    fn add_iri(&mut self, subject: &NamedNode, predicate: &str, object: &str) {
        self.add(subject, predicate, NamedNode::new_unchecked(object));
    }

    fn add_str(&mut self, subject: &NamedNode, predicate: &str, value: &str) {
        self.add(subject, predicate, Literal::new_simple_literal(value));
    }

    fn add_typed(&mut self, subject: &NamedNode, predicate: &str, value: String, datatype: &str) {
        let datatype = NamedNode::new_unchecked(datatype);
        self.add(subject, predicate, Literal::new_typed_literal(value, datatype));
    }
}

/// The article's URL as the store records it (`schema:url`): only one that is a valid IRI.
fn article_url(doc: &Document) -> Option<&str> {
    doc.url.as_deref().filter(|u| NamedNode::new(*u).is_ok())
}

fn write_article(out: &mut QuadWriter, doc: &Document, article: &NamedNode, extractor: &str) {
    out.add_iri(article, v::RDF_TYPE, nkg::ARTICLE);
    out.add_str(article, v::DCT_IDENTIFIER, &doc.id);
    if let Some(title) = &doc.title {
        out.add_str(article, v::DCT_TITLE, title);
    }
    if let Some(date) = doc.date {
        out.add_typed(article, v::DCT_DATE, date.to_string(), v::XSD_DATE);
    }
    if let Some(url) = article_url(doc) {
        out.add_iri(article, v::SCHEMA_URL, url);
    }
    if let Some(source) = &doc.source {
        out.add_str(article, v::DCT_PUBLISHER, source);
    }
    out.add_str(article, nkg::SOURCE_FILE, &doc.path.display().to_string());
    out.add_str(article, nkg::CONTENT_HASH, &doc.hash);
    out.add_str(article, nkg::EXTRACTOR, extractor);
}

fn class_iri(class: EntityClass) -> &'static str {
    match class {
        EntityClass::Person => nkg::PERSON,
        EntityClass::Country => nkg::COUNTRY,
        EntityClass::Org => nkg::ORGANIZATION,
        EntityClass::Place => nkg::PLACE,
        EntityClass::Group => nkg::GROUP,
    }
}

fn write_entity(out: &mut QuadWriter, entity: &Entity) {
    let node = entity_iri(&entity.id);
    out.add_iri(&node, v::RDF_TYPE, class_iri(entity.class));
    out.add_iri(&node, v::RDF_TYPE, nkg::ACTOR);
    out.add_str(&node, v::RDFS_LABEL, &entity.label);
    for alias in entity.aliases.iter().filter(|a| **a != entity.label) {
        out.add_str(&node, v::SKOS_ALT_LABEL, alias);
    }
    if let Some(qid) = &entity.wikidata {
        out.add_iri(&node, v::OWL_SAME_AS, &format!("{}{}", base::WIKIDATA, iri_safe(qid)));
    }
    if let Some(code) = &entity.cameo {
        out.add_str(&node, nkg::CAMEO_ACTOR_CODE, code);
    }
    if let Some(country) = &entity.country {
        out.add_str(&node, nkg::COUNTRY_CODE, country);
    }
    if let (Some(lat), Some(lon)) = (entity.lat, entity.lon) {
        out.add_typed(&node, v::SCHEMA_LATITUDE, format!("{lat}"), v::XSD_DECIMAL);
        out.add_typed(&node, v::SCHEMA_LONGITUDE, format!("{lon}"), v::XSD_DECIMAL);
    }
}

/// A stable event IRI: the same article, sentence, span and arguments give the same node.
fn event_iri(doc: &Document, event: &Event) -> NamedNode {
    let mut hasher = Sha256::new();
    let key = format!(
        "{}\0{}\0{}\0{}\0{}\0{}\0{}",
        doc.id, event.sentence, event.start, event.subject, event.relation, event.object, event.cameo
    );
    hasher.update(key.as_bytes());
    let hex: String = hasher.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{}{}", base::EVENT, hex))
}

/// The occurrence an event reports: the same (actor, CAMEO code, target, day) in any
/// article is one occurrence, with both directions of a symmetric event as one. An
/// undated report is its own occurrence within its article.
fn occurrence_iri(doc: &Document, event: &Event) -> NamedNode {
    let (a, b) = if event.symmetric && event.object < event.subject {
        (&event.object, &event.subject)
    } else {
        (&event.subject, &event.object)
    };
    let when = match event.date {
        Some(date) => date.to_string(),
        None => format!("undated\0{}", doc.id),
    };
    let mut hasher = Sha256::new();
    hasher.update(format!("{a}\0{}\0{b}\0{when}", event.cameo).as_bytes());
    let hex: String = hasher.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{}{}", base::OCCURRENCE, hex))
}

fn write_event(
    out: &mut QuadWriter,
    merged: &mut QuadWriter,
    doc: &Document,
    event: &Event,
    article: &NamedNode,
) {
    let node = event_iri(doc, event);
    let subject = entity_iri(&event.subject);
    let object = entity_iri(&event.object);
    let relation = nkg::relation(&event.relation);
    out.add_iri(&node, v::RDF_TYPE, nkg::EVENT);
    out.add_iri(&node, v::RDF_TYPE, v::SEM_EVENT);
    out.add(&node, nkg::ACTOR_PROP, subject.clone());
    out.add(&node, nkg::TARGET, object.clone());
    out.add(&node, nkg::EVENT_TYPE, cameo_iri(&event.cameo));
    if let Some(plover) = &event.plover {
        out.add_iri(&node, nkg::PLOVER_TYPE, &format!("{}{}", base::PLOVER, iri_safe(plover)));
    }
    out.add_iri(&node, nkg::PREDICATE, &relation);
    out.add_str(&node, nkg::TRIGGER, &event.predicate);
    if let Some(date) = event.date {
        out.add_typed(&node, nkg::EVENT_DATE, date.to_string(), v::XSD_DATE);
    }
    if let (Some(start), Some(end)) = (event.date_start, event.date_end) {
        out.add_typed(&node, nkg::EVENT_DATE_START, start.to_string(), v::XSD_DATE);
        out.add_typed(&node, nkg::EVENT_DATE_END, end.to_string(), v::XSD_DATE);
    }
    let casualties = &event.casualties;
    if let Some(dead) = casualties.dead {
        out.add_typed(&node, nkg::DEAD, dead.to_string(), v::XSD_INTEGER);
    }
    if let Some(injured) = casualties.injured {
        out.add_typed(&node, nkg::INJURED, injured.to_string(), v::XSD_INTEGER);
    }
    if !casualties.is_empty() {
        out.add_typed(&node, nkg::CASUALTIES_AT_LEAST, casualties.at_least.to_string(), v::XSD_BOOLEAN);
    }
    let occurrence = occurrence_iri(doc, event);
    out.add(&node, nkg::OCCURRENCE, occurrence.clone());
    out.add_iri(&occurrence, v::RDF_TYPE, nkg::OCCURRENCE_CLASS);
    if let Some(place) = &event.place {
        out.add(&node, nkg::PLACE_PROP, entity_iri(place));
    }
    out.add(&node, nkg::SOURCE_ARTICLE, article.clone());
    out.add(&node, v::PROV_WAS_DERIVED_FROM, article.clone());
    out.add_typed(&node, nkg::SENTENCE_INDEX, event.sentence.to_string(), v::XSD_INTEGER);
    out.add_typed(&node, nkg::CHAR_START, event.start.to_string(), v::XSD_INTEGER);
    out.add_typed(&node, nkg::CHAR_END, event.end.to_string(), v::XSD_INTEGER);
    out.add_str(&node, nkg::EVIDENCE, &event.text);
    out.add_typed(&node, nkg::CONFIDENCE, format!("{:.3}", event.confidence), v::XSD_DECIMAL);
    out.add_str(&node, nkg::MODALITY, event.modality.as_str());
    out.add_typed(&node, nkg::SYMMETRIC, event.symmetric.to_string(), v::XSD_BOOLEAN);
    if matches!(event.modality, Modality::Asserted | Modality::Planned) {
        merged.add(&subject, &relation, object);
    }
}

/// The event's row in its article's summary: the same values its event node holds.
fn summary_row<'a>(doc: &Document, event: &'a Event) -> SummaryRow<'a> {
    let local = |iri: NamedNode, namespace: &str| iri.as_str()[namespace.len()..].to_string();
    SummaryRow(
        local(event_iri(doc, event), base::EVENT).into(),
        local(entity_iri(&event.subject), base::ENTITY).into(),
        local(entity_iri(&event.object), base::ENTITY).into(),
        event.relation.as_str().into(),
        local(cameo_iri(&event.cameo), base::CAMEO).into(),
        event.date,
        event.modality.as_str().into(),
        event.place.as_deref().map(|place| local(entity_iri(place), base::ENTITY)),
        event.symmetric,
        event.text.as_str().into(),
    )
}

fn write_role(out: &mut QuadWriter, doc: &Document, role: &Role) {
    let mut hasher = Sha256::new();
    hasher.update(format!("{}\0{}\0{}\0{}", doc.id, role.person, role.org, role.title).as_bytes());
    let hex: String = hasher.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect();
    let node = NamedNode::new_unchecked(format!("{}{}", base::ROLE, hex));
    out.add_iri(&node, v::RDF_TYPE, v::ORG_MEMBERSHIP);
    out.add_iri(&node, v::RDF_TYPE, nkg::ROLE);
    out.add(&node, v::ORG_MEMBER, entity_iri(&role.person));
    out.add(&node, v::ORG_ORGANIZATION, entity_iri(&role.org));
    out.add_str(&node, v::ORG_ROLE, &role.title);
    out.add(&node, v::PROV_WAS_DERIVED_FROM, article_iri(&doc.id));
}

/// Keeps characters that are safe in an IRI path segment and percent-encodes the rest.
pub fn iri_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_alphanumeric() || matches!(ch, '-' | '_' | '.' | '~') {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_are_valid() {
        for id in ["ent:marco-rubio", "ent:säo paulo", "ent:a/b?c#d", "ent:"] {
            assert!(NamedNode::new(entity_iri(id).as_str()).is_ok(), "{id}");
        }
        assert!(NamedNode::new(article_graph("000_59f3 cc").as_str()).is_ok());
    }
}
