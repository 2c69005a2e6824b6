//! Reads the event nodes out of the store fast: from the articles' event summaries, or one scan per property.
//!
//! Decoding a term costs a key-value read per IRI or long literal, and a star
//! join over a million event nodes costs several index seeks per event. So
//! [`read_events`] reads each article's event summary (`graph::summary`, one
//! literal per article listing its events) when every article has one. A store
//! written before summaries existed is read the slow way: one single-pattern
//! query per property (`?e nkg:actor ?s`, `?e nkg:target ?o`, …), run on all
//! cores and joined on the event IRI in a hash map; properties with few values
//! (verb, CAMEO code) are read one value at a time so that only the event IRI is
//! decoded, and the article comes from the event's graph. Values are interned,
//! so an [`EventTable`] holds a few integers per event. [`read_details`] adds
//! what only the event table needs (evidence, place, article URL), reading the
//! store only for what the summaries do not hold. Filtering and folding are
//! left to `network.rs`.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;

use crate::error::QueryError;
use crate::graph::store::GraphStore;
use crate::graph::summary::{self, ArticleSummary};
use crate::graph::vocab::{base, nkg};

/// A value that is absent.
pub const NONE: u32 = u32::MAX;

/// Interned strings: each distinct value once, events refer to it by number.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub values: Vec<String>,
    index: HashMap<String, u32>,
}

impl Strings {
    /// The number of `value`, adding it when new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.index.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.index.insert(value.to_string(), id);
        self.values.push(value.to_string());
        id
    }

    /// The string numbered `id`, or `""` for [`NONE`].
    pub fn get(&self, id: u32) -> &str {
        self.values.get(id as usize).map_or("", String::as_str)
    }

    /// The number of `value`, if it is here.
    pub fn find(&self, value: &str) -> Option<u32> {
        self.index.get(value).copied()
    }
}

/// Every event node of the store, one row per event, values interned.
#[derive(Debug, Clone, Default)]
pub struct EventTable {
    /// Event IRIs, by row.
    pub events: Vec<String>,
    /// Actor and target entity IRIs (one table for both).
    pub entities: Strings,
    pub actor: Vec<u32>,
    pub target: Vec<u32>,
    /// Controlled-verb IRIs (`nkg:meets`).
    pub relations: Strings,
    pub relation: Vec<u32>,
    /// CAMEO codes (`040`).
    pub cameos: Strings,
    pub cameo: Vec<u32>,
    /// Article IRIs.
    pub articles: Strings,
    pub article: Vec<u32>,
    /// `asserted`, `negated`, `planned` or `hypothetical`.
    pub modalities: Strings,
    pub modality: Vec<u32>,
    pub date: Vec<Option<NaiveDate>>,
    /// Whether the rows come from the articles' event summaries.
    pub from_summaries: bool,
    /// With `from_summaries`: each event's evidence and place (place entity
    /// IRIs), read along since the summary holds them; empty otherwise.
    pub evidence: Vec<Option<String>>,
    pub places: Strings,
    pub place: Vec<u32>,
    /// With `from_summaries`: each article's URL, by article number, when
    /// every summary records it (`urls_known`; older summaries do not).
    pub urls: Vec<Option<String>>,
    pub urls_known: bool,
}

impl EventTable {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// What only the event table needs, by row of an [`EventTable`]: borrowed
/// from the table when its summaries hold it, else read from the store.
#[derive(Debug, Clone, Default)]
pub struct EventDetails<'a> {
    pub evidence: Cow<'a, [Option<String>]>,
    /// Place entity IRIs.
    pub places: Cow<'a, Strings>,
    pub place: Cow<'a, [u32]>,
    /// Each article's URL, by article number.
    pub urls: Cow<'a, [Option<String>]>,
    /// Place IRI → its label, latitude and longitude.
    pub place_info: HashMap<String, PlaceInfo>,
}

/// A place's name and coordinates, as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceInfo {
    pub label: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
}

/// The actor scan also gives each event's graph, which is its article's graph.
const ACTOR_SCAN: &str = "SELECT ?e ?v ?g WHERE { GRAPH ?g { ?e nkg:actor ?v } }";
const CAMEO_NS: &str = "https://newskg.org/id/cameo/";
const SUMMARY_SCAN: &str = "SELECT ?a ?v WHERE { ?a nkg:eventSummary ?v }";
const ARTICLE_COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a nkg:Article } }";
const SUMMARY_COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a nkg:eventSummary ?v } }";

/// How a property's column is read.
#[derive(Clone, Copy)]
enum Scan {
    /// One query giving each event and its value.
    Pairs,
    /// Its few distinct values first, then one query per value giving only the
    /// events: the value is not decoded again for every event.
    ByValue,
    /// Like `Pairs`, but only rows whose value is not this one: absent means it.
    Except(&'static str),
}

/// Reads every event and its actor, target, verb, CAMEO code, article, modality
/// (asserted is left absent) and date: from the event summaries when every
/// article has one, else from the event nodes.
pub fn read_events(store: &GraphStore) -> Result<EventTable, QueryError> {
    if has_summaries(store)? { read_summaries(store) } else { read_event_nodes(store) }
}

/// Whether every article has an event summary (a store written before they
/// existed has none).
fn has_summaries(store: &GraphStore) -> Result<bool, QueryError> {
    let count = |query: &str| -> Result<String, QueryError> {
        let mut n = String::new();
        scan(store, query, |row| {
            n = row.into_iter().next()?;
            Some(())
        })?;
        Ok(n)
    };
    Ok(count(ARTICLE_COUNT)? == count(SUMMARY_COUNT)?)
}

/// Interns IRIs that the summaries give by their local name (after their
/// namespace), building each IRI only the first time its name is seen.
struct LocalNames {
    iri: fn(&str) -> String,
    numbers: HashMap<String, u32>,
}

impl LocalNames {
    fn new(iri: fn(&str) -> String) -> LocalNames {
        LocalNames { iri, numbers: HashMap::new() }
    }

    /// The number in `strings` of the IRI whose local name is `local`.
    fn intern(&mut self, local: &str, strings: &mut Strings) -> u32 {
        if let Some(&id) = self.numbers.get(local) {
            return id;
        }
        let id = strings.intern(&(self.iri)(local));
        self.numbers.insert(local.to_string(), id);
        id
    }
}

/// The event table from the summaries: one decoded literal per article. An
/// event listed twice in a summary (the same IRI) is read once; two articles
/// never share an event IRI, since it hashes the article's id.
fn read_summaries(store: &GraphStore) -> Result<EventTable, QueryError> {
    let mut table = EventTable { from_summaries: true, urls_known: true, ..Default::default() };
    let mut entities = LocalNames::new(|local| format!("{}{local}", base::ENTITY));
    let mut places = LocalNames::new(|local| format!("{}{local}", base::ENTITY));
    let mut relations = LocalNames::new(nkg::relation);
    each_summary(store, |article, summary| {
        let article = table.articles.intern(&article);
        if article as usize == table.urls.len() {
            table.urls.push(None);
        }
        match summary.url {
            Some(url) => table.urls[article as usize] = url,
            None => table.urls_known = false,
        }
        let first_row = table.events.len();
        for row in summary.events {
            let event = format!("{}{}", base::EVENT, row.hex());
            if table.events[first_row..].contains(&event) {
                continue;
            }
            table.events.push(event);
            table.actor.push(entities.intern(row.subject(), &mut table.entities));
            table.target.push(entities.intern(row.object(), &mut table.entities));
            table.relation.push(relations.intern(row.relation(), &mut table.relations));
            table.cameo.push(table.cameos.intern(row.cameo()));
            table.article.push(article);
            let modality = match row.modality() {
                "asserted" => NONE,
                other => table.modalities.intern(other),
            };
            table.modality.push(modality);
            table.date.push(row.date());
            table.place.push(row.place().map_or(NONE, |local| places.intern(local, &mut table.places)));
            table.evidence.push(Some(row.into_evidence()));
        }
    })?;
    Ok(table)
}

/// Calls `each` with every article IRI and its decoded summary.
fn each_summary(store: &GraphStore, mut each: impl FnMut(String, ArticleSummary)) -> Result<(), QueryError> {
    let mut error = None;
    scan(store, SUMMARY_SCAN, |row| {
        let [article, text] = <[String; 2]>::try_from(row).ok()?;
        match summary::decode(&text) {
            Ok(summary) => each(article, summary),
            Err(err) => {
                error.get_or_insert_with(|| format!("bad event summary of {article}: {err}"));
            }
        }
        Some(())
    })?;
    error.map_or(Ok(()), |message| Err(QueryError::Evaluation(message)))
}

/// Reads every event node (those with an `nkg:actor` in an article graph) and
/// its actor, target, verb, CAMEO code, article (from its graph), modality
/// (absent means asserted) and date. The model writes events only into article
/// graphs; an event in the default graph would not be read.
fn read_event_nodes(store: &GraphStore) -> Result<EventTable, QueryError> {
    let mut table = EventTable::default();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut graphs = Strings::default();
    scan(store, ACTOR_SCAN, |row| {
        let [event, actor, graph] = <[String; 3]>::try_from(row).ok()?;
        if !index.contains_key(&event) {
            index.insert(event.clone(), table.events.len() as u32);
            table.events.push(event);
            table.actor.push(table.entities.intern(&actor));
            table.article.push(graphs.intern(&graph));
        }
        Some(())
    })?;
    for graph in graphs.values {
        table.articles.intern(&graph.replacen(base::ARTICLE_GRAPH, base::ARTICLE, 1));
    }
    let n = table.events.len();
    let properties = [
        ("target", Scan::Pairs),
        ("predicate", Scan::ByValue),
        ("eventType", Scan::ByValue),
        ("modality", Scan::Except("asserted")),
        ("eventDate", Scan::Pairs),
    ];
    let columns: Vec<Result<(Vec<u32>, Strings), QueryError>> =
        properties.par_iter().map(|&(property, how)| column(store, property, how, &index, n)).collect();
    let mut columns = columns.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter();
    let mut next = || columns.next().expect("one column per property");
    let (target, target_names) = next();
    // Targets share the entity table with actors.
    let remap: Vec<u32> = target_names.values.into_iter().map(|iri| table.entities.intern(&iri)).collect();
    table.target = target.into_iter().map(|id| remap.get(id as usize).copied().unwrap_or(NONE)).collect();
    (table.relation, table.relations) = next();
    let (cameo, types) = next();
    table.cameo = cameo;
    for iri in types.values {
        table.cameos.intern(iri.strip_prefix(CAMEO_NS).unwrap_or(&iri));
    }
    (table.modality, table.modalities) = next();
    let (date, dates) = next();
    let parsed: Vec<Option<NaiveDate>> = dates.values.iter().map(|d| parse_date(d)).collect();
    table.date = date.into_iter().map(|id| parsed.get(id as usize).copied().flatten()).collect();
    Ok(table)
}

/// Reads the evidence, place and article URL of the events in `table`, and the
/// label and coordinates of each place. What the table's summaries hold is
/// borrowed from it, not read again.
pub fn read_details<'a>(store: &GraphStore, table: &'a EventTable) -> Result<EventDetails<'a>, QueryError> {
    let mut details = EventDetails::default();
    let (evidence_and_place, rest) = rayon::join(
        || -> Result<_, QueryError> {
            if table.from_summaries {
                Ok((
                    Cow::Borrowed(&table.evidence[..]),
                    Cow::Borrowed(&table.place[..]),
                    Cow::Borrowed(&table.places),
                ))
            } else {
                let (evidence, place, places) = scanned_details(store, table)?;
                Ok((Cow::Owned(evidence), Cow::Owned(place), Cow::Owned(places)))
            }
        },
        || -> Result<_, QueryError> {
            let urls = if table.from_summaries && table.urls_known {
                Cow::Borrowed(&table.urls[..])
            } else {
                Cow::Owned(scanned_urls(store, table)?)
            };
            let mut info: HashMap<String, PlaceInfo> = HashMap::new();
            for (property, slot) in [("rdfs:label", 0), ("schema:latitude", 1), ("schema:longitude", 2)] {
                let query = format!("SELECT ?p ?v WHERE {{ ?p {property} ?v ; a nkg:Place }}");
                scan(store, &query, |row| {
                    let [place, value] = <[String; 2]>::try_from(row).ok()?;
                    let entry = info.entry(place).or_default();
                    let field = match slot {
                        0 => &mut entry.label,
                        1 => &mut entry.lat,
                        _ => &mut entry.lon,
                    };
                    field.get_or_insert(value);
                    Some(())
                })?;
            }
            Ok((urls, info))
        },
    );
    (details.evidence, details.place, details.places) = evidence_and_place?;
    (details.urls, details.place_info) = rest?;
    Ok(details)
}

/// Each article's URL, by article number of `table`, from `schema:url`.
fn scanned_urls(store: &GraphStore, table: &EventTable) -> Result<Vec<Option<String>>, QueryError> {
    let mut urls = vec![None; table.articles.values.len()];
    scan(store, "SELECT ?a ?v WHERE { ?a a nkg:Article ; schema:url ?v }", |row| {
        let [article, url] = <[String; 2]>::try_from(row).ok()?;
        urls[table.articles.find(&article)? as usize] = Some(url);
        Some(())
    })?;
    Ok(urls)
}

/// Evidence and place by row, with the place table.
type EvidenceAndPlace = (Vec<Option<String>>, Vec<u32>, Strings);

/// Evidence and place of each event from the event nodes.
fn scanned_details(store: &GraphStore, table: &EventTable) -> Result<EvidenceAndPlace, QueryError> {
    let index: HashMap<&str, u32> =
        table.events.iter().enumerate().map(|(i, e)| (e.as_str(), i as u32)).collect();
    let n = table.len();
    let (mut evidence, mut place, mut places) = (vec![None; n], vec![NONE; n], Strings::default());
    scan(store, "SELECT ?e ?v WHERE { ?e nkg:evidence ?v }", |row| {
        let [event, value] = <[String; 2]>::try_from(row).ok()?;
        evidence[*index.get(event.as_str())? as usize] = Some(value);
        Some(())
    })?;
    scan(store, "SELECT ?e ?v WHERE { ?e nkg:place ?v }", |row| {
        let [event, value] = <[String; 2]>::try_from(row).ok()?;
        place[*index.get(event.as_str())? as usize] = places.intern(&value);
        Some(())
    })?;
    Ok((evidence, place, places))
}

/// One column: the value of `nkg:<property>` for each event row.
fn column(
    store: &GraphStore,
    property: &str,
    how: Scan,
    index: &HashMap<String, u32>,
    n: usize,
) -> Result<(Vec<u32>, Strings), QueryError> {
    let mut values = vec![NONE; n];
    let mut strings = Strings::default();
    let mut set = |event: &str, value: u32| {
        if let Some(&row) = index.get(event)
            && values[row as usize] == NONE
        {
            values[row as usize] = value;
        }
    };
    match how {
        Scan::Pairs | Scan::Except(_) => {
            let query = match how {
                Scan::Except(skip) => {
                    format!("SELECT ?e ?v WHERE {{ ?e nkg:{property} ?v FILTER(?v != \"{skip}\") }}")
                }
                _ => format!("SELECT ?e ?v WHERE {{ ?e nkg:{property} ?v }}"),
            };
            scan(store, &query, |row| {
                let [event, value] = <[String; 2]>::try_from(row).ok()?;
                set(&event, strings.intern(&value));
                Some(())
            })?;
        }
        Scan::ByValue => {
            let mut objects = Vec::new();
            scan(store, &format!("SELECT DISTINCT ?v WHERE {{ ?e nkg:{property} ?v }}"), |row| {
                objects.extend(row.into_iter().next());
                Some(())
            })?;
            for object in objects {
                let id = strings.intern(&object);
                let query = format!("SELECT ?e WHERE {{ ?e nkg:{property} <{object}> }}");
                scan(store, &query, |row| {
                    set(row.first()?, id);
                    Some(())
                })?;
            }
        }
    }
    Ok((values, strings))
}

/// Runs a SELECT and calls `each` with the plain text of every row whose values are all bound.
fn scan(
    store: &GraphStore,
    sparql: &str,
    mut each: impl FnMut(Vec<String>) -> Option<()>,
) -> Result<(), QueryError> {
    let QueryResults::Solutions(solutions) = store.query(sparql)? else {
        return Err(QueryError::Evaluation("expected a SELECT query".to_string()));
    };
    for solution in solutions {
        let solution = solution.map_err(|e| QueryError::Evaluation(e.to_string()))?;
        let row: Option<Vec<String>> = solution.values().iter().map(|v| v.as_ref().map(plain)).collect();
        if let Some(row) = row {
            each(row);
        }
    }
    Ok(())
}

fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_string(),
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}
