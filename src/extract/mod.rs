//! What extraction produces, and the [`Extractor`] interface every extractor implements.
//!
//! An extractor turns one [`Document`] into an [`Extraction`]: the entities the
//! article names, the events between them and the roles people hold. Extraction
//! never fails; what it cannot read it leaves out. [`extract_all`] runs an
//! extractor over a batch in parallel and returns results in input order.
//! The rule-based first extractor lives in [`rules`].

pub mod cameo;
pub mod casualties;
pub mod events;
pub mod frames;
pub mod gazetteer;
pub mod groups;
pub mod jsonl;
pub mod lexicon;
pub mod mentions;
pub mod ner_eval;
pub mod roles;
pub mod rules;
pub mod syntax;
pub mod time;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

pub use self::casualties::Casualties;
use crate::ingest::Document;

/// The kinds of actor: the four named kinds, and unnamed groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityClass {
    Person,
    Country,
    Org,
    Place,
    /// An unnamed group known by its country and sector ("Afghan rebels", "students in
    /// Jakarta"), as event data codes it (AFGREB, IDNEDU). Found only when the extractor
    /// is asked for groups (`--actors groups`, [`groups`]).
    Group,
}

impl EntityClass {
    /// The class name used in JSON Lines and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityClass::Person => "PERSON",
            EntityClass::Country => "COUNTRY",
            EntityClass::Org => "ORG",
            EntityClass::Place => "PLACE",
            EntityClass::Group => "GROUP",
        }
    }

    /// Parses a class name, ignoring case.
    pub fn parse(name: &str) -> Option<EntityClass> {
        match name.to_ascii_uppercase().as_str() {
            "PERSON" => Some(EntityClass::Person),
            "COUNTRY" => Some(EntityClass::Country),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityClass::Org),
            "PLACE" | "LOCATION" => Some(EntityClass::Place),
            "GROUP" => Some(EntityClass::Group),
            _ => None,
        }
    }
}

/// A named actor or place as one article mentions it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// A stable id shared across articles, such as `ent:marco-rubio`.
    pub id: String,
    pub class: EntityClass,
    /// The canonical name.
    pub label: String,
    /// Every name the article used for it, the label included.
    pub aliases: Vec<String>,
    /// The Wikidata Q-id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// The CAMEO actor code (`USA`, `USAGOV`, `IGOUNO`), when known.
    #[serde(rename = "code", skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The ISO 3166 alpha-3 country the actor belongs to, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Coordinates of a place, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// Whether an event is said to have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Stated as not having happened ("did not meet").
    Negated,
    /// Scheduled or expected ("was set to meet", "would discuss").
    Planned,
    /// Possible only ("might strike").
    Hypothetical,
}

impl Modality {
    /// The lowercase name used in JSON Lines and RDF.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// One actor–event–actor triple with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The acting entity's id.
    pub subject: String,
    /// The entity acted upon, met or visited.
    pub object: String,
    /// The lemma of the trigger word ("meet", "strike", "talks").
    pub predicate: String,
    /// The controlled verb of the direct triple (`meets`, `strikes`).
    pub relation: String,
    /// The CAMEO event code, 2 to 4 digits.
    pub cameo: String,
    /// The PLOVER event type, when the CAMEO code maps to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Meetings and talks go both ways.
    pub symmetric: bool,
    /// The day the event happened, when the text fixes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The first and last day of a period ("last month", "this week"), when the text
    /// fixes a period but not a day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_start: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_end: Option<NaiveDate>,
    /// The place entity's id, when the text says where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The 0-based index of the sentence in the article body.
    pub sentence: usize,
    /// Character offsets (Unicode code points) of the evidence in the body.
    pub start: usize,
    pub end: usize,
    /// The sentence the event was read from.
    pub text: String,
    pub modality: Modality,
    /// Dead and injured stated for a violent event ("killed at least 35 people").
    #[serde(flatten)]
    pub casualties: Casualties,
    /// How likely the event is right, in `[0, 1]`; see README "Confidence".
    pub confidence: f64,
}

/// A person's position in a country or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    pub person: String,
    pub org: String,
    pub title: String,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub roles: Vec<Role>,
}

/// Turns an article into entities, events and roles.
pub trait Extractor: Send + Sync {
    /// A short name and version, stored with each article so a changed extractor re-extracts.
    fn version(&self) -> &str;

    /// Extracts from one article. Never fails: unreadable parts are left out.
    fn extract(&self, doc: &Document) -> Extraction;
}

/// Runs `extractor` over `docs` in parallel; the results are in the order of `docs`.
pub fn extract_all(extractor: &dyn Extractor, docs: &[Document]) -> Vec<Extraction> {
    docs.par_iter().map(|doc| extractor.extract(doc)).collect()
}
