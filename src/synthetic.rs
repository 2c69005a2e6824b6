//! Synthetic stores for benchmarks and tests: many articles, actors and events, written with the real RDF model.
//!
//! [`generate`] invents `events` events among `actors` actors, groups them into
//! articles and writes each article's quads exactly as `newskg build` does
//! (`graph::model::article_quads`: one named graph per article, entity
//! descriptions and direct triples in the merged graph), through Oxigraph's bulk
//! loader. Actors are the gazetteer's countries, places (with coordinates) and
//! organisations, topped up with generated organisations and person names; each
//! has a home country, most events stay inside one, and a few actors take most
//! events, so the network has communities and hubs as news networks do. Triggers,
//! controlled verbs and CAMEO codes come from the trigger lexicon. Everything
//! follows from a fixed seed: the same options give the same store.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::error::StoreError;
use crate::extract::gazetteer::{Gazetteer, slug};
use crate::extract::lexicon::Lexicon;
use crate::extract::{Casualties, Entity, EntityClass, Event, Extraction, Modality, Role, cameo};
use crate::graph::model::article_quads;
use crate::graph::store::GraphStore;
use crate::ingest::Document;

/// The extractor name stored with every synthetic article.
pub const EXTRACTOR: &str = "newskg-synthetic/1";

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticOptions {
    pub events: usize,
    /// How many actors the network should have (every one takes part in an
    /// event when there are at least as many events as actors).
    pub actors: usize,
    pub events_per_article: usize,
    pub seed: u64,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        SyntheticOptions { events: 10_000, actors: 1_000, events_per_article: 10, seed: 42 }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntheticSummary {
    pub articles: usize,
    pub events: usize,
    /// Actors that take part in at least one event.
    pub actors: usize,
    pub quads_written: usize,
}

/// Writes a synthetic corpus into `store` (which should be empty) with the bulk loader.
pub fn generate(store: &GraphStore, options: &SyntheticOptions) -> Result<SyntheticSummary, StoreError> {
    store.load_ontology()?;
    let world = World::new(options);
    let per_article = options.events_per_article.max(1);
    let n_articles = options.events.div_ceil(per_article);
    let mut summary = SyntheticSummary { articles: n_articles, events: options.events, ..Default::default() };
    let mut used = vec![false; world.actors.len()];
    let mut quads_written = 0;
    let quads = (0..n_articles).flat_map(|article| {
        let first = article * per_article;
        let events = first..(first + per_article).min(options.events);
        let (doc, extraction) = world.article(article, n_articles, events, &mut used);
        let quads = article_quads(&doc, &extraction, EXTRACTOR);
        quads_written += quads.len();
        quads.own.into_iter().chain(quads.merged)
    });
    store.bulk_load(quads)?;
    summary.quads_written = quads_written;
    summary.actors = used.iter().filter(|u| **u).count();
    Ok(summary)
}

/// An actor and the index of its home country in [`World::countries`].
struct Actor {
    entity: Entity,
    home: usize,
}

/// Everything the articles are drawn from.
struct World {
    actors: Vec<Actor>,
    /// Actor indexes of the countries, most newsworthy first.
    countries: Vec<usize>,
    /// Per country, its actors (the country itself first), most newsworthy first.
    members: Vec<Vec<usize>>,
    /// Per country, its places.
    places: Vec<Vec<usize>>,
    triggers: Vec<TriggerInfo>,
    seed: u64,
}

struct TriggerInfo {
    lemma: String,
    relation: String,
    cameo: String,
    plover: Option<String>,
    symmetric: bool,
}

const FIRST_NAMES: &[&str] = &[
    "Amina",
    "Anders",
    "Beatriz",
    "Boris",
    "Chen",
    "Dalia",
    "Daniel",
    "Elena",
    "Emeka",
    "Fatima",
    "Felipe",
    "Gustav",
    "Hana",
    "Hassan",
    "Ingrid",
    "Ivan",
    "Jamal",
    "Julia",
    "Kenji",
    "Kofi",
    "Lara",
    "Leila",
    "Lucas",
    "Maria",
    "Mehmet",
    "Mei",
    "Nadia",
    "Nikolai",
    "Olga",
    "Omar",
    "Pablo",
    "Priya",
    "Rafael",
    "Rania",
    "Sami",
    "Sara",
    "Sergei",
    "Sofia",
    "Tariq",
    "Tomas",
    "Ursula",
    "Viktor",
    "Wei",
    "Yara",
    "Yusuf",
    "Zainab",
    "Zofia",
    "Aleksander",
    "Bianca",
    "Carlos",
    "Dmitri",
    "Esra",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Karim",
    "Lena",
    "Marek",
    "Noor",
    "Oskar",
    "Petra",
    "Rashid",
];
const SURNAME_HEADS: &[&str] = &[
    "Ander", "Bala", "Castel", "Dorn", "Esper", "Falk", "Gran", "Hald", "Ibar", "Jarv", "Kova", "Lind",
    "Mar", "Nord", "Oste", "Pere", "Quar", "Ros", "Sand", "Tor", "Ulm", "Vall", "Wester", "Yild", "Zar",
    "Berg", "Cor", "Dal", "Ek", "Fer", "Gol", "Hol",
];
const SURNAME_TAILS: &[&str] = &[
    "sen", "ova", "ez", "berg", "ić", "ski", "ani", "oglu", "son", "ström", "elli", "ado", "ev", "enko",
    "ier", "stad", "holm", "ay", "ura", "man", "ino", "ard", "wick", "dottir", "ber", "nes", "off", "quist",
    "aro", "ek", "as", "lund",
];
const ORG_KINDS: &[(&str, &str)] = &[
    ("Armed Forces", "MIL"),
    ("Foreign Ministry", "GOV"),
    ("Parliament", "LEG"),
    ("Police", "COP"),
    ("Supreme Court", "JUD"),
    ("Central Bank", "BUS"),
    ("Coast Guard", "MIL"),
    ("Interior Ministry", "GOV"),
    ("Opposition Party", "OPP"),
    ("Red Crescent Society", "NGO"),
];
const TITLES: &[&str] =
    &["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Ambassador"];
const SOURCES: &[&str] = &["AFP", "Reuters", "AP", "BBC", "Al Jazeera", "DW", "Kyodo", "EFE"];

impl World {
    fn new(options: &SyntheticOptions) -> World {
        let gazetteer = Gazetteer::builtin();
        let mut rng = Rng::new(options.seed, u64::MAX);
        let mut world = World {
            actors: Vec::new(),
            countries: Vec::new(),
            members: Vec::new(),
            places: Vec::new(),
            triggers: triggers(),
            seed: options.seed,
        };
        let mut ids: HashSet<String> = HashSet::new();
        let wanted = options.actors.max(2);
        // Countries: about one actor in twenty, at least two, at most every country there is.
        let mut countries: Vec<&_> =
            gazetteer.entries.iter().filter(|e| e.class == EntityClass::Country).collect();
        rng.shuffle(&mut countries);
        countries.truncate((wanted / 20).clamp(2, countries.len()));
        for entry in &countries {
            let home = world.countries.len();
            world.countries.push(world.actors.len());
            world.members.push(Vec::new());
            world.places.push(Vec::new());
            world.push(&mut ids, entry.to_entity(), home);
        }
        let home_of =
            |code: &Option<String>| countries.iter().position(|c| c.country.is_some() && c.country == *code);
        // Places (a tenth) and the gazetteer's organisations (a fiftieth) of those countries.
        let (mut n_places, mut n_orgs) = (wanted / 10, wanted / 50);
        for entry in &gazetteer.entries {
            let budget = match entry.class {
                EntityClass::Place => &mut n_places,
                EntityClass::Org => &mut n_orgs,
                _ => continue,
            };
            let Some(home) = home_of(&entry.country).filter(|_| *budget > 0) else { continue };
            if world.push(&mut ids, entry.to_entity(), home) {
                *budget -= 1;
            }
        }
        // Generated organisations (a twentieth), then persons up to the number wanted.
        for i in 0..wanted / 20 {
            let home = rng.skewed(world.countries.len());
            let (kind, code) = ORG_KINDS[i % ORG_KINDS.len()];
            let country = &world.actors[world.countries[home]].entity;
            let label = format!("{} {kind}", country.label);
            let code = country.cameo.as_ref().map(|c| format!("{c}{code}"));
            world.push(&mut ids, new_entity(EntityClass::Org, label, code, country.country.clone()), home);
        }
        let mut i = 0usize;
        while world.actors.len() < wanted {
            let home = rng.skewed(world.countries.len());
            let country = &world.actors[world.countries[home]].entity;
            let code = country.cameo.as_ref().map(|c| format!("{c}GOV"));
            let entity = new_entity(EntityClass::Person, person_name(i), code, country.country.clone());
            world.push(&mut ids, entity, home);
            i += 1;
        }
        world
    }

    /// Adds an actor unless its id is taken; returns whether it was added.
    fn push(&mut self, ids: &mut HashSet<String>, entity: Entity, home: usize) -> bool {
        if !ids.insert(entity.id.clone()) {
            return false;
        }
        let idx = self.actors.len();
        if entity.class == EntityClass::Place {
            self.places[home].push(idx);
        } else {
            self.members[home].push(idx);
        }
        self.actors.push(Actor { entity, home });
        true
    }

    /// Article number `article` of `n_articles`, holding the events numbered `events`.
    fn article(
        &self,
        article: usize,
        n_articles: usize,
        events: std::ops::Range<usize>,
        used: &mut [bool],
    ) -> (Document, Extraction) {
        let mut rng = Rng::new(self.seed, article as u64);
        let start = NaiveDate::from_ymd_opt(2023, 1, 1).expect("a valid date");
        let day = (article * 1_095 / n_articles.max(1)) as u64 + rng.below(5) as u64;
        let date = start + Days::new(day);
        let story = self.countries[rng.skewed(self.countries.len())];
        let mut extraction = Extraction::default();
        let mut mentioned: Vec<usize> = Vec::new();
        let mut text = String::new();
        for (sentence, n) in events.enumerate() {
            let (source, target) = match self.actors.get(n) {
                // The first events give every actor one event, so the network has them all.
                Some(actor) if actor.entity.class == EntityClass::Place => {
                    (self.member(actor.home, &mut rng), n)
                }
                Some(_) => (n, self.target(n, &mut rng)),
                None => {
                    let home = if rng.chance(0.6) {
                        self.actors[story].home
                    } else {
                        rng.skewed(self.countries.len())
                    };
                    let source = self.member(home, &mut rng);
                    (source, self.target(source, &mut rng))
                }
            };
            let trigger = &self.triggers[rng.below(self.triggers.len())];
            let places = &self.places[self.actors[source].home];
            let place = (!places.is_empty() && rng.chance(0.5)).then(|| places[rng.below(places.len())]);
            let event_date = (!rng.chance(0.15)).then(|| date - Days::new(rng.below(3) as u64));
            let (s, o) = (&self.actors[source].entity, &self.actors[target].entity);
            let mut evidence = format!("{} {} {}", s.label, trigger.lemma, o.label);
            if let Some(place) = place {
                evidence.push_str(&format!(" in {}", self.actors[place].entity.label));
            }
            if let Some(d) = event_date {
                evidence.push_str(&format!(" on {}", d.format("%A, %-d %B")));
            }
            evidence.push('.');
            let offset = text.chars().count();
            let length = evidence.chars().count();
            text.push_str(&evidence);
            text.push(' ');
            extraction.events.push(Event {
                subject: s.id.clone(),
                object: o.id.clone(),
                predicate: trigger.lemma.clone(),
                relation: trigger.relation.clone(),
                cameo: trigger.cameo.clone(),
                plover: trigger.plover.clone(),
                symmetric: trigger.symmetric,
                date: event_date,
                date_start: None,
                date_end: None,
                place: place.map(|p| self.actors[p].entity.id.clone()),
                sentence,
                start: offset,
                end: offset + length,
                text: evidence,
                modality: modality(&mut rng),
                casualties: Casualties::default(),
                confidence: [0.75, 0.7, 0.65, 0.6, 0.5][rng.below(5)],
            });
            mentioned.extend([source, target]);
            mentioned.extend(place);
            used[source] = true;
            used[target] = true;
        }
        mentioned.sort_unstable();
        mentioned.dedup();
        for &idx in &mentioned {
            let actor = &self.actors[idx];
            if actor.entity.class == EntityClass::Person && rng.chance(0.3) {
                let country = &self.actors[self.countries[actor.home]].entity;
                extraction.roles.push(Role {
                    person: actor.entity.id.clone(),
                    org: country.id.clone(),
                    title: TITLES[rng.below(TITLES.len())].to_string(),
                });
            }
            extraction.entities.push(actor.entity.clone());
        }
        let id = format!("syn-{article:07}");
        let mut doc = Document::new(id.clone(), text.trim_end().to_string());
        doc.title = Some(format!("Synthetic report {article} from {}", self.actors[story].entity.label));
        doc.date = Some(date);
        doc.url = Some(format!("https://news.example.org/{}/{id}", date.format("%Y/%m/%d")));
        doc.source = Some(SOURCES[rng.below(SOURCES.len())].to_string());
        doc.path = format!("synthetic/{id}.txt").into();
        doc.rehash();
        (doc, extraction)
    }

    /// A newsworthy non-place actor of the country with index `home`.
    fn member(&self, home: usize, rng: &mut Rng) -> usize {
        let members = &self.members[home];
        members[rng.skewed(members.len())]
    }

    /// A target for `source`: most often from its own country, otherwise from anywhere.
    fn target(&self, source: usize, rng: &mut Rng) -> usize {
        for _ in 0..8 {
            let home =
                if rng.chance(0.8) { self.actors[source].home } else { rng.skewed(self.countries.len()) };
            let candidates = if rng.chance(0.15) && !self.places[home].is_empty() {
                &self.places[home]
            } else {
                &self.members[home]
            };
            let target = candidates[rng.skewed(candidates.len())];
            if target != source {
                return target;
            }
        }
        self.countries[(self.actors[source].home + 1) % self.countries.len()]
    }
}

fn triggers() -> Vec<TriggerInfo> {
    Lexicon::builtin()
        .triggers
        .into_iter()
        .map(|t| TriggerInfo {
            plover: cameo::lookup(&t.cameo).and_then(|c| c.plover.clone()),
            lemma: t.lemma,
            relation: t.relation,
            cameo: t.cameo,
            symmetric: t.symmetric,
        })
        .collect()
}

fn new_entity(class: EntityClass, label: String, cameo: Option<String>, country: Option<String>) -> Entity {
    Entity {
        id: format!("ent:{}", slug(&label)),
        class,
        aliases: vec![label.clone()],
        label,
        wikidata: None,
        cameo,
        country,
        lat: None,
        lon: None,
    }
}

/// The `i`-th generated person name: first name, middle initial and a two-part surname.
fn person_name(i: usize) -> String {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let rest = i / FIRST_NAMES.len();
    let initial = (b'A' + (rest % 26) as u8) as char;
    let rest = rest / 26;
    let head = SURNAME_HEADS[rest % SURNAME_HEADS.len()];
    let rest = rest / SURNAME_HEADS.len();
    let tail = SURNAME_TAILS[rest % SURNAME_TAILS.len()];
    let rest = rest / SURNAME_TAILS.len();
    if rest == 0 {
        format!("{first} {initial}. {head}{tail}")
    } else {
        format!("{first} {initial}. {head}{tail} {rest}")
    }
}

fn modality(rng: &mut Rng) -> Modality {
    match rng.below(100) {
        0..90 => Modality::Asserted,
        90..94 => Modality::Planned,
        94..98 => Modality::Negated,
        _ => Modality::Hypothetical,
    }
}

/// A small xorshift64* generator: enough for test data, and the same on every platform.
struct Rng(u64);

impl Rng {
    /// A generator for one stream (such as one article) of a seed.
    fn new(seed: u64, stream: u64) -> Rng {
        let mut z = seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An index in `0..n` (`n` > 0), uniformly.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An index in `0..n` (`n` > 0) skewed towards 0, like news attention: the first
    /// 1 % of the indexes get about a sixth of the draws.
    fn skewed(&mut self, n: usize) -> usize {
        ((n as f64 * self.unit().powf(2.5)) as usize).min(n - 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_names_are_distinct() {
        let names: HashSet<String> = (0..200_000).map(person_name).collect();
        assert_eq!(names.len(), 200_000);
    }

    #[test]
    fn the_world_has_the_actors_asked_for_and_is_deterministic() {
        let options = SyntheticOptions { actors: 500, ..SyntheticOptions::default() };
        let world = World::new(&options);
        assert_eq!(world.actors.len(), 500);
        let again = World::new(&options);
        let mut used = vec![false; 500];
        let (doc, extraction) = world.article(3, 10, 30..40, &mut used);
        let (doc2, extraction2) = again.article(3, 10, 30..40, &mut used);
        assert_eq!((doc.hash, extraction), (doc2.hash, extraction2));
    }
}
