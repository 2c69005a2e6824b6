//! Known actors and places, read from the gazetteers in `ontology/gazetteers/`.
//!
//! Countries come with their names, abbreviations, demonyms ("Russian") and
//! metonyms ("the Kremlin", "Washington"); places with coordinates; and
//! organisations with their CAMEO actor codes. Every surface form is indexed by
//! its tokens, case-sensitively, so "US" matches but "us" does not. Each entry
//! gets a stable id (`ent:russia`) that is the same in every article.
//! People (`people.tsv`, from the Phoenix dictionaries) are not matched in text:
//! they give a person already found by name their CAMEO code at a date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Entity, EntityClass};
use crate::nlp::segment;

pub const COUNTRIES_TSV: &str = include_str!("../../ontology/gazetteers/countries.tsv");
pub const PLACES_TSV: &str = include_str!("../../ontology/gazetteers/places.tsv");
pub const ORGS_TSV: &str = include_str!("../../ontology/gazetteers/orgs.tsv");
pub const PEOPLE_TSV: &str = include_str!("../../ontology/gazetteers/people.tsv");

/// A CAMEO actor code that holds between two dates (either end open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A known actor or place.
#[derive(Debug, Clone, PartialEq)]
pub struct GazEntry {
    /// The stable entity id, such as `ent:russia`.
    pub id: String,
    pub class: EntityClass,
    pub label: String,
    pub wikidata: Option<String>,
    /// The CAMEO actor code.
    pub cameo: Option<String>,
    /// ISO alpha-3 of the country it belongs to (its own code for a country).
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// For places, the country entry whose capital it is.
    pub capital_of: Option<usize>,
    /// For places, the population (used to pick between places of the same name).
    pub population: u64,
    /// The name is also a common word or person name ("Nice", "Jackson").
    pub ambiguous: bool,
}

/// How a surface form names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// The name or an alias ("Russia", "Russian Federation").
    Name,
    /// An adjective or people form ("Russian", "Russians").
    Demonym,
    /// A seat of government standing for the country ("Kremlin", "Moscow").
    Metonym,
}

/// The gazetteer: entries and an index from token sequences to entries.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    forms: HashMap<String, Vec<(usize, FormKind)>>,
    /// The longest form, in tokens.
    pub max_tokens: usize,
    /// For the first space-separated part of every form key, the most parts of a key
    /// starting with it: `match_at` skips a word that opens no form without building keys.
    first_parts: HashMap<String, usize>,
    /// People's dated codes by the slug of each full name.
    people: HashMap<String, Vec<DatedCode>>,
    /// Ids of the countries and organisations, which places must not reuse.
    actor_ids: HashSet<String>,
    /// Well-known people by surname ("Putin" → "Vladimir Putin"), where only one
    /// person in the table has that surname; `None` marks a shared surname.
    surnames: HashMap<String, Option<String>>,
    /// Every person in the table by the last word of their name, for "President Mugabe".
    by_last_name: HashMap<String, Vec<String>>,
    /// Given names: first words of at least two people's names in `people.tsv`.
    given_names: HashSet<String>,
    /// People by given name and surname alone ("Omar Bashir" for "Omar Hassan Ahmad Al
    /// Bashir"), where only one person in the table shortens so; `None` marks a clash.
    short_names: HashMap<String, Option<String>>,
}

/// A gazetteer hit in a token sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazMatch {
    /// Number of tokens matched.
    pub len: usize,
    /// Every entry the form can name, with how it names it.
    pub hits: Vec<(usize, FormKind)>,
}

impl GazEntry {
    /// The entity this entry names, with its label as the first alias.
    pub fn to_entity(&self) -> Entity {
        Entity {
            id: self.id.clone(),
            class: self.class,
            label: self.label.clone(),
            aliases: vec![self.label.clone()],
            wikidata: self.wikidata.clone(),
            cameo: self.cameo.clone(),
            country: self.country.clone(),
            lat: self.lat,
            lon: self.lon,
        }
    }
}

impl Gazetteer {
    /// The gazetteers built into the binary.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        gazetteer.load_countries(COUNTRIES_TSV);
        gazetteer.load_orgs(ORGS_TSV);
        gazetteer.load_places(PLACES_TSV);
        gazetteer.load_people(PEOPLE_TSV);
        gazetteer
    }

    /// The full name of the one well-known person with this surname, if exactly one.
    pub fn person_by_surname(&self, surname: &str) -> Option<&str> {
        self.surnames.get(surname)?.as_deref()
    }

    /// The full name of the one person in the table with this surname who held a dated
    /// position on `date` ("President Mugabe" in 2000 is Robert Mugabe). A title before a
    /// lone surname says the person holds office, so the office holders of the day are
    /// the candidates; two or more, or none, give `None`.
    pub fn office_holder_by_surname(&self, surname: &str, date: NaiveDate) -> Option<&str> {
        let mut holders = self.by_last_name.get(surname)?.iter().filter(|name| {
            self.people.get(&slug(name)).is_some_and(|codes| {
                codes.iter().any(|c| c.from.is_some_and(|f| f <= date) && c.to.is_none_or(|t| date < t))
            })
        });
        let first = holders.next()?;
        holders.next().is_none().then_some(first.as_str())
    }

    /// The CAMEO code of the person with this full name on `date`: the dated code
    /// that covers the date, else the undated one, else the latest open-ended one.
    pub fn person_code(&self, name: &str, date: Option<NaiveDate>) -> Option<&str> {
        let exact = self.people.get(&slug(name)).and_then(|codes| code_on(codes, date));
        exact.or_else(|| {
            // "Omar El Bashir", "Omar al-Bashir": news drops middle names and spells the
            // particles its own way.
            let full = self.short_names.get(&short_name(name)?)?.as_deref()?;
            code_on(self.people.get(&slug(full))?, date)
        })
    }

    /// The country entry with this CAMEO country code (the first three letters of an actor code).
    pub fn country_by_cameo(&self, cameo: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.class == EntityClass::Country && e.cameo.as_deref() == Some(cameo))
    }

    /// Looks up the longest form starting at token `i` of `words`.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<GazMatch> {
        // A key made of `len` words has at least `len` space-separated parts, and its
        // first part is the first part of `words[i]`.
        let first_part = words.get(i)?.split(' ').next().unwrap_or_default();
        let max_parts = *self.first_parts.get(first_part)?;
        let longest = self.max_tokens.min(max_parts).min(words.len() - i);
        // The key of every shorter length is a prefix of the longest one.
        let mut key = words[i..i + longest].join(" ");
        for len in (1..=longest).rev() {
            if let Some(hits) = self.forms.get(&key) {
                return Some(GazMatch { len, hits: hits.clone() });
            }
            let shorter = key.len() - words[i + len - 1].len();
            key.truncate(shorter.saturating_sub(1));
        }
        None
    }

    /// Looks up an exact surface form.
    pub fn lookup(&self, form: &str) -> Option<&[(usize, FormKind)]> {
        self.forms.get(&form_key(form)).map(Vec::as_slice)
    }

    /// The country entry with this ISO alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.class == EntityClass::Country && e.country.as_deref() == Some(alpha3))
    }

    fn add_form(&mut self, form: &str, idx: usize, kind: FormKind) {
        let key = form_key(form);
        if key.is_empty() {
            return;
        }
        let n_parts = key.split(' ').count();
        self.max_tokens = self.max_tokens.max(n_parts);
        let first_part = key.split(' ').next().unwrap_or_default();
        let most_parts = self.first_parts.entry(first_part.to_string()).or_default();
        *most_parts = (*most_parts).max(n_parts);
        let hits = self.forms.entry(key).or_default();
        if !hits.iter().any(|(i, _)| *i == idx) {
            hits.push((idx, kind));
        }
    }

    fn load_countries(&mut self, tsv: &str) {
        for cols in rows(tsv) {
            let [alpha3, _alpha2, wikidata, name, aliases, demonyms, _capital, metonyms, cameo, ..] =
                cols[..]
            else {
                continue;
            };
            let idx = self.entries.len();
            let id = format!("ent:{}", slug(name));
            self.actor_ids.insert(id.clone());
            self.entries.push(GazEntry {
                id,
                class: EntityClass::Country,
                label: name.to_string(),
                wikidata: non_empty(wikidata),
                cameo: non_empty(cameo).or_else(|| non_empty(alpha3)),
                country: non_empty(alpha3),
                lat: None,
                lon: None,
                capital_of: None,
                population: 0,
                ambiguous: false,
            });
            self.add_form(name, idx, FormKind::Name);
            for alias in list(aliases) {
                self.add_form(alias, idx, FormKind::Name);
            }
            for demonym in list(demonyms) {
                self.add_form(demonym, idx, FormKind::Demonym);
            }
            for metonym in list(metonyms) {
                self.add_form(metonym, idx, FormKind::Metonym);
            }
        }
    }

    fn load_orgs(&mut self, tsv: &str) {
        for cols in rows(tsv) {
            let [name, aliases, _kind, country, cameo, wikidata, ..] = pad(&cols, 6)[..] else {
                continue;
            };
            let id = format!("ent:{}", slug(name));
            if !self.actor_ids.insert(id.clone()) {
                continue;
            }
            let idx = self.entries.len();
            self.entries.push(GazEntry {
                id,
                class: EntityClass::Org,
                label: name.to_string(),
                wikidata: non_empty(wikidata),
                cameo: non_empty(cameo),
                country: non_empty(country),
                lat: None,
                lon: None,
                capital_of: None,
                population: 0,
                ambiguous: false,
            });
            self.add_form(name, idx, FormKind::Name);
            for alias in list(aliases) {
                self.add_form(alias, idx, FormKind::Name);
            }
        }
    }

    /// The capital city (a place entry) of the country with this entity id.
    pub fn capital_of(&self, country_id: &str) -> Option<usize> {
        let country =
            self.entries.iter().position(|e| e.class == EntityClass::Country && e.id == country_id)?;
        self.entries.iter().position(|e| e.class == EntityClass::Place && e.capital_of == Some(country))
    }

    /// Whether the Phoenix dictionaries know this full name as a person ("Yasser Arafat").
    pub fn is_known_person(&self, name: &str) -> bool {
        name.contains(' ') && self.people.contains_key(&slug(name))
    }

    /// Whether a capitalised word is a given name ("Keith", "Olena").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    fn load_people(&mut self, tsv: &str) {
        let mut first_words: HashMap<&str, usize> = HashMap::new();
        for cols in rows(tsv) {
            let [name, aliases, codes, ..] = pad(&cols, 3)[..] else { continue };
            let words: Vec<&str> = name.split(' ').collect();
            let personal = (2..=4).contains(&words.len())
                && !words.iter().any(|w| NOT_PERSONAL.contains(&w.to_lowercase().as_str()));
            if personal {
                *first_words.entry(words[0]).or_default() += 1;
                let last = self.by_last_name.entry(words[words.len() - 1].to_string()).or_default();
                if !last.iter().any(|n| n == name) {
                    last.push(name.to_string());
                }
            }
            let named = !words.iter().any(|w| NOT_PERSONAL.contains(&w.to_lowercase().as_str()));
            if named && words.len() >= 3 {
                if let Some(short) = short_name(name) {
                    let entry = self.short_names.entry(short).or_insert_with(|| Some(name.to_string()));
                    if entry.as_deref() != Some(name) {
                        *entry = None;
                    }
                }
            }
            let codes: Vec<DatedCode> = list(codes).filter_map(dated_code).collect();
            // Only full names: a lone surname would give strangers a code.
            for form in std::iter::once(name).chain(list(aliases)).filter(|f| f.contains(' ')) {
                self.people.entry(slug(form)).or_default().extend(codes.iter().cloned());
            }
            // A surname the table lists on its own is how the news names that person.
            let surname = name.rsplit(' ').next().filter(|s| *s != name && list(aliases).any(|a| a == *s));
            if let Some(surname) = surname {
                let entry =
                    self.surnames.entry(surname.to_string()).or_insert_with(|| Some(name.to_string()));
                if entry.as_deref() != Some(name) {
                    *entry = None;
                }
            }
        }
        // Honorifics and name particles open many names but are not given names.
        const NOT_GIVEN: &[&str] =
            &["Abd", "Abdel", "Abu", "Al", "Bin", "Dr", "El", "Ibn", "Mr", "Sheikh", "Sir"];
        self.given_names = first_words
            .into_iter()
            .filter(|(word, n)| {
                *n >= 2
                    && word.chars().count() >= 2
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().all(char::is_alphabetic)
                    && !NOT_GIVEN.contains(word)
            })
            .map(|(word, _)| word.to_string())
            .collect();
    }

    fn load_places(&mut self, tsv: &str) {
        // The most populous place of a name, and capitals, win the name.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for cols in rows(tsv) {
            let [name, aliases, country, wikidata, lat, lon, population, kind, ambiguous, ..] =
                pad(&cols, 9)[..]
            else {
                continue;
            };
            let population: u64 = population.parse().unwrap_or(0);
            let is_capital = kind == "capital";
            let rank = population + if is_capital { 1 << 40 } else { 0 };
            if let Some(&existing) = by_name.get(name) {
                let old = &self.entries[existing];
                let old_rank = old.population + if old.capital_of.is_some() { 1 << 40 } else { 0 };
                if old_rank >= rank {
                    continue;
                }
            }
            let mut id = format!("ent:{}", slug(name));
            if self.actor_ids.contains(&id) {
                id = format!("{id}-city");
            }
            let capital_of = if is_capital { self.country(country) } else { None };
            let entry = GazEntry {
                id,
                class: EntityClass::Place,
                label: name.to_string(),
                wikidata: non_empty(wikidata),
                cameo: None,
                country: non_empty(country),
                lat: lat.parse().ok(),
                lon: lon.parse().ok(),
                capital_of,
                population,
                ambiguous: ambiguous == "1",
            };
            let idx = match by_name.get(name) {
                Some(&existing) => {
                    self.entries[existing] = entry;
                    existing
                }
                None => {
                    self.entries.push(entry);
                    self.entries.len() - 1
                }
            };
            by_name.insert(name.to_string(), idx);
            for form in std::iter::once(name).chain(list(aliases)) {
                self.add_form(form, idx, FormKind::Name);
                if let Some(plain) = without_transliteration_marks(form) {
                    self.add_form(&plain, idx, FormKind::Name);
                }
            }
        }
    }
}

/// Words that mark a row of `people.tsv` as a group or a title, not a personal name
/// ("Communist Party Of China", "Communist Leader Leonid Brezhnev").
#[rustfmt::skip]
const NOT_PERSONAL: &[&str] = &[
    "and", "army", "assembly", "council", "committee", "court", "forces", "front", "government",
    "group", "king", "leader", "minister", "ministry", "movement", "of", "party", "president",
    "prince", "revolutionary", "state", "the", "union",
];

/// The index key of a surface form: its tokens joined by single spaces.
pub fn form_key(form: &str) -> String {
    let tokens = segment::tokenize(form);
    let parts: Vec<&str> = tokens.iter().map(|t| t.text(form)).collect();
    parts.join(" ")
}

/// A romanised name without its apostrophes for ayin, hamza or the soft sign, as English
/// news writes it: "Samarra’" → "Samarra", "Ta’if" → "Taif", "Arkhangel’sk" →
/// "Arkhangelsk". A possessive "’s" stays ("Cox’s Bazar"). `None` when nothing changes.
fn without_transliteration_marks(form: &str) -> Option<String> {
    let is_mark = |c: char| matches!(c, '’' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ');
    if !form.contains(is_mark) {
        return None;
    }
    let chars: Vec<char> = form.chars().collect();
    let possessive =
        |i: usize| chars.get(i + 1) == Some(&'s') && chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
    let plain: String =
        chars.iter().enumerate().filter(|&(i, &c)| !is_mark(c) || possessive(i)).map(|(_, &c)| c).collect();
    (plain != form).then_some(plain)
}

/// The code among a person's dated codes for `date`: the dated code that covers the
/// date, else the undated one, else the latest open-ended one.
fn code_on(codes: &[DatedCode], date: Option<NaiveDate>) -> Option<&str> {
    let covering = |c: &&DatedCode| {
        (c.from.is_some() || c.to.is_some())
            && date.is_some_and(|d| c.from.is_none_or(|f| f <= d) && c.to.is_none_or(|t| d < t))
    };
    let undated = |c: &&DatedCode| c.from.is_none() && c.to.is_none();
    let open_ended = codes.iter().filter(|c| c.from.is_some() && c.to.is_none()).max_by_key(|c| c.from);
    codes.iter().find(covering).or_else(|| codes.iter().find(undated)).or(open_ended).map(|c| c.code.as_str())
}

/// The slug of a person's given name and surname, without the particles between or
/// before them ("Omar Hassan Ahmad Al Bashir", "Omar El Bashir" and "Omar al-Bashir" all
/// give `omar-bashir`); `None` for a name of fewer than two words.
fn short_name(name: &str) -> Option<String> {
    const PARTICLES: &[&str] = &["al", "el", "ad", "as", "ash", "at", "bin", "ibn", "abu"];
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let last = words.iter().rposition(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))?;
    (last > 0).then(|| slug(&format!("{} {}", words[0], words[last])))
}

/// A stable, readable id from a name: lowercase ASCII letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for ch in name.chars().flat_map(fold_accent) {
        if ch.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else if ch != '\'' && ch != '’' && ch != '.' {
            dash = true;
        }
    }
    out
}

/// A letter without its accents or other marks ("ḩ" → "h", "ş" → "s", "ł" → "l"): the
/// canonical decomposition without its combining marks, and the Latin letters that do
/// not decompose spelt out.
fn fold_accent(ch: char) -> impl Iterator<Item = char> {
    let spelt: Option<&'static str> = match ch {
        'ł' => Some("l"),
        'Ł' => Some("L"),
        'đ' | 'ð' => Some("d"),
        'Đ' | 'Ð' => Some("D"),
        'ı' => Some("i"),
        'ø' => Some("o"),
        'Ø' => Some("O"),
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'Æ' => Some("AE"),
        'œ' => Some("oe"),
        'þ' => Some("th"),
        _ => None,
    };
    // Either the spelling, or the letter decomposed without its marks; no allocation.
    let marked = spelt.is_none().then(|| std::iter::once(ch).nfd().filter(|&c| !is_combining_mark(c)));
    spelt.map(str::chars).into_iter().flatten().chain(marked.into_iter().flatten())
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn pad<'a>(cols: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut out = cols.to_vec();
    while out.len() < n {
        out.push("");
    }
    out
}

fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Reads `CODE FROM TO`, dates as YYYY-MM-DD or `-`.
fn dated_code(cell: &str) -> Option<DatedCode> {
    let mut parts = cell.split(' ');
    let code = parts.next()?.to_string();
    let date = |part: Option<&str>| part.and_then(iso_date);
    let from = date(parts.next());
    let to = date(parts.next());
    Some(DatedCode { code, from, to })
}

/// Reads a date written YYYY-MM-DD. The usual ten-character shape is read directly,
/// which is much faster than chrono's format parser and gives the same date; chrono
/// reads any other shape.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let is_plain = bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(at, b)| if at == 4 || at == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !is_plain {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

fn non_empty(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        for text in [
            "2003-01-01",
            "1999-12-31",
            "2008-02-29",
            "2007-02-29",
            "2003-13-01",
            "-",
            "2003-1-5",
            "+2003-01-01",
        ] {
            assert_eq!(iso_date(text), NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text}");
        }
    }

    #[test]
    fn transliteration_marks() {
        assert_eq!(without_transliteration_marks("Samarra’").as_deref(), Some("Samarra"));
        assert_eq!(without_transliteration_marks("Ta’if").as_deref(), Some("Taif"));
        assert_eq!(without_transliteration_marks("Cox’s Bazar"), None);
        assert_eq!(without_transliteration_marks("Sana’a").as_deref(), Some("Sanaa"));
        assert_eq!(without_transliteration_marks("Kyiv"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Marco Rubio"), "marco-rubio");
        assert_eq!(slug("Jean-Noël Barrot"), "jean-noel-barrot");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("Washington, D.C."), "washington-dc");
        // Any mark comes off, and letters that do not decompose are spelt out.
        assert_eq!(slug("Rafaḩ"), "rafah");
        assert_eq!(slug("Đà Nẵng"), "da-nang");
        assert_eq!(slug("Łódź"), "lodz");
        assert_eq!(slug("Straße"), "strasse");
    }

    #[test]
    fn builtin_knows_the_basics() {
        let gazetteer = Gazetteer::builtin();
        let hit = |form: &str| {
            let hits = gazetteer.lookup(form).unwrap_or_else(|| panic!("{form} not found"));
            gazetteer.entries[hits[0].0].id.clone()
        };
        assert_eq!(hit("Russia"), "ent:russia");
        assert_eq!(hit("Kremlin"), "ent:russia");
        assert_eq!(hit("U.S."), "ent:united-states");
        assert_eq!(hit("Ukrainian"), "ent:ukraine");
        assert!(gazetteer.lookup("us").is_none());
    }

    #[test]
    fn people_codes_follow_the_date() {
        let gazetteer = Gazetteer::builtin();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(gazetteer.person_code("Nicolas Maduro", day(2017, 1, 1)), Some("VENGOV"));
        assert_eq!(gazetteer.person_code("Shinzo Abe", day(2007, 1, 1)), Some("JPNGOV"));
        assert_eq!(gazetteer.person_code("Shinzo Abe", day(2022, 7, 8)), Some("JPNELI"));
        assert_eq!(gazetteer.person_code("Maduro", None), None);
    }

    #[test]
    fn people_are_found_without_their_middle_names() {
        let gazetteer = Gazetteer::builtin();
        let day = NaiveDate::from_ymd_opt(2000, 1, 1);
        // The table has "Omar Hassan Ahmad Al Bashir".
        assert_eq!(gazetteer.person_code("Omar El Bashir", day), Some("SDNGOV"));
        assert_eq!(gazetteer.person_code("Omar al-Bashir", day), Some("SDNGOV"));
        assert_eq!(short_name("Omar Hassan Ahmad Al Bashir").as_deref(), Some("omar-bashir"));
        assert_eq!(short_name("Bashir"), None);
    }
}
