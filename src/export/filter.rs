//! Which part of the actor network to export or analyse: [`NetworkFilter`].
//!
//! The filter is declared once with clap and flattened into `export` and
//! `analyze`. Event-level tests (dates, CAMEO codes, quad classes, entity
//! classes) are applied while `network.rs` reads the events, and so is the
//! folding of persons and organisations into their country; the minimum edge
//! weight and the ego network are applied to the folded edges. This file also
//! resolves an ego name against labels and aliases, with "did you mean"
//! suggestions for unknown names.

use chrono::NaiveDate;

use crate::error::NetworkError;

/// Which events and actors to keep.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct NetworkFilter {
    /// Keep only the network around this actor, matched case-insensitively
    /// against names and aliases.
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,
    /// With --ego: how many steps away from the actor to keep (either edge direction).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "ego")]
    pub depth: usize,
    /// Keep events on or after this date (YYYY-MM-DD); undated events are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Keep events on or before this date (YYYY-MM-DD); undated events are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Keep events whose CAMEO code starts with one of these codes (comma list:
    /// `19` keeps 190 and 195).
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_cameo)]
    pub cameo: Vec<String>,
    /// Keep events of these quad classes (comma list).
    #[arg(long, value_name = "QUADS", value_enum, value_delimiter = ',')]
    pub quad: Vec<QuadClass>,
    /// Keep events whose two actors are both of these classes (comma list).
    #[arg(long, value_name = "CLASSES", value_enum, value_delimiter = ',', ignore_case = true)]
    pub class: Vec<EntityKind>,
    /// Drop edges with fewer events than this.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: usize,
    /// Fold persons and organisations into their country, giving country dyads
    /// as in event data (self-loops are dropped).
    #[arg(long)]
    pub collapse_to_country: bool,
}

/// The four CAMEO quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuadClass {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl QuadClass {
    /// The number CAMEO gives the class, 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }
}

/// The entity classes of the network's nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EntityKind {
    Person,
    Country,
    Org,
    Place,
    Group,
}

impl EntityKind {
    /// The class name used in [`super::network::Node::class`].
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Country => "COUNTRY",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
            EntityKind::Group => "GROUP",
        }
    }
}

impl Default for NetworkFilter {
    fn default() -> Self {
        NetworkFilter {
            ego: None,
            depth: 1,
            since: None,
            until: None,
            cameo: Vec::new(),
            quad: Vec::new(),
            class: Vec::new(),
            min_weight: 1,
            collapse_to_country: false,
        }
    }
}

impl NetworkFilter {
    /// Whether any option narrows the network.
    pub fn is_active(&self) -> bool {
        *self != NetworkFilter::default()
    }

    /// Whether an event with this date (`YYYY-MM-DD…`), CAMEO code and quad class is kept.
    pub fn keeps_event(&self, date: Option<&str>, cameo: &str, quad_class: Option<u8>) -> bool {
        let date = date.and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        self.keeps_event_on(date, cameo, quad_class)
    }

    /// [`NetworkFilter::keeps_event`] with the date already parsed.
    pub fn keeps_event_on(&self, date: Option<NaiveDate>, cameo: &str, quad_class: Option<u8>) -> bool {
        self.keeps_day(date)
            && (self.cameo.is_empty() || self.cameo.iter().any(|prefix| cameo.starts_with(prefix.as_str())))
            && (self.quad.is_empty() || quad_class.is_some_and(|q| self.quad.iter().any(|c| c.number() == q)))
    }

    /// Whether an entity of this class (`PERSON`, `COUNTRY`, `ORG`, `PLACE`) is kept.
    pub fn keeps_class(&self, class: &str) -> bool {
        self.class.is_empty() || self.class.iter().any(|kind| kind.name() == class)
    }

    fn keeps_day(&self, date: Option<NaiveDate>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(date) = date else { return false };
        self.since.is_none_or(|since| date >= since) && self.until.is_none_or(|until| date <= until)
    }
}

/// An entity the ego name can match: its IRI, its label and its aliases.
pub struct Candidate<'a> {
    pub iri: &'a str,
    pub label: &'a str,
    pub aliases: &'a [String],
}

/// Finds the entity called `name` (label first, then aliases, ignoring case),
/// or fails with the closest labels and aliases by edit distance.
pub fn resolve_ego<'a>(name: &str, candidates: &[Candidate<'a>]) -> Result<&'a str, NetworkError> {
    let wanted = name.trim().to_lowercase();
    let by_label = candidates.iter().filter(|c| c.label.to_lowercase() == wanted).map(|c| c.iri).min();
    let by_alias = || {
        candidates
            .iter()
            .filter(|c| c.aliases.iter().any(|a| a.to_lowercase() == wanted))
            .map(|c| c.iri)
            .min()
    };
    if let Some(iri) = by_label.or_else(by_alias) {
        return Ok(iri);
    }
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .flat_map(|c| std::iter::once(c.label).chain(c.aliases.iter().map(String::as_str)))
        .map(|known| (edit_distance(&wanted, &known.to_lowercase()), known))
        .collect();
    scored.sort();
    let mut suggestions: Vec<String> = Vec::new();
    for (_, known) in scored {
        if suggestions.len() == 5 {
            break;
        }
        if !suggestions.iter().any(|s| s == known) {
            suggestions.push(known.to_string());
        }
    }
    Err(NetworkError::UnknownActor { name: name.to_string(), suggestions })
}

/// The Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| format!("expected YYYY-MM-DD, got {raw:?}"))
}

fn parse_cameo(raw: &str) -> Result<String, String> {
    let code = raw.trim();
    if code.is_empty() || code.len() > 4 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("expected CAMEO event codes of 1 to 4 digits such as 04 or 190, got {raw:?}"));
    }
    Ok(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("rubio", "rubio"), 0);
        assert_eq!(edit_distance("rubo", "rubio"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn cameo_codes_match_by_prefix() {
        let filter = NetworkFilter { cameo: vec!["19".into()], ..NetworkFilter::default() };
        assert!(filter.keeps_event(None, "190", Some(4)));
        assert!(filter.keeps_event(None, "195", Some(4)));
        assert!(!filter.keeps_event(None, "040", Some(1)));
    }

    #[test]
    fn dates_bound_events_and_drop_undated_ones() {
        let since = NaiveDate::from_ymd_opt(2025, 4, 1);
        let filter = NetworkFilter { since, ..NetworkFilter::default() };
        assert!(filter.keeps_event(Some("2025-04-17"), "040", None));
        assert!(!filter.keeps_event(Some("2025-03-31"), "040", None));
        assert!(!filter.keeps_event(None, "040", None));
    }

    #[test]
    fn ego_matches_aliases_and_suggests_close_names() {
        let aliases = vec!["Rubio".to_string()];
        let candidates = [
            Candidate { iri: "ent:marco-rubio", label: "Marco Rubio", aliases: &aliases },
            Candidate { iri: "ent:russia", label: "Russia", aliases: &[] },
        ];
        assert_eq!(resolve_ego("rubio", &candidates).unwrap(), "ent:marco-rubio");
        assert_eq!(resolve_ego("MARCO RUBIO", &candidates).unwrap(), "ent:marco-rubio");
        let err = resolve_ego("Rubbio", &candidates).unwrap_err().to_string();
        assert!(err.contains("did you mean") && err.contains("Rubio"), "{err}");
    }
}
