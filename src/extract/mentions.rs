//! Finds the entities an article mentions and resolves each mention to one entity.
//!
//! Three sources of mentions, in order of trust: gazetteer forms (countries,
//! their demonyms and seats of government, organisations, places), runs of
//! capitalised words (names of people, organisations and places the gazetteer
//! does not know), and pronouns. Within an article, a surname or short form
//! resolves to the full name used elsewhere in it ("Rubio" → "Marco Rubio"),
//! and "he" or "she" to the latest person named before it. Capital cities
//! stand for their country ("Washington said") unless they are where something
//! happens ("arrived in Washington"). Roles are left to `roles.rs`.

use std::collections::HashMap;

use super::gazetteer::{FormKind, Gazetteer, slug};
use super::time::weekday_of;
use super::{Entity, EntityClass};
use crate::nlp::pipeline::Pipeline;
use crate::nlp::segment::{self, Sentence, Token};

/// One article, tokenized, with the words every later stage reads.
pub struct Text<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Each token's text.
    pub words: Vec<&'a str>,
    /// Each token's text in lowercase.
    pub lower: Vec<String>,
    /// The sentence index of each token.
    pub sentence_of: Vec<usize>,
    /// Each token's Penn Treebank tag ("NN", "VBD"), or "" without a tagger.
    pub xpos: Vec<&'static str>,
    /// Each token's lemma, or its lowercase form without a tagger.
    pub lemma: Vec<String>,
    /// Each token's syntactic head (global token index), `None` for a sentence root or without a parser.
    pub head: Vec<Option<usize>>,
    /// Each token's Universal Dependencies relation to its head, or "" without a parser.
    pub deprel: Vec<&'static str>,
    /// The grammar model, whose lexicon tells common words from names.
    pub grammar: Option<&'static Pipeline>,
}

impl<'a> Text<'a> {
    /// Tokenizes and splits `text`; tags and lemmatizes it when a grammar model is given.
    pub fn new(text: &'a str, grammar: Option<&'static Pipeline>) -> Text<'a> {
        let (tokens, sentences) = segment::segment(text);
        Text::from_segments(text, tokens, sentences, grammar)
    }

    /// The same for text already split into tokens and sentences (gold tokenisation).
    pub fn from_segments(
        text: &'a str,
        tokens: Vec<Token>,
        sentences: Vec<Sentence>,
        grammar: Option<&'static Pipeline>,
    ) -> Text<'a> {
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut sentence_of = vec![0; tokens.len()];
        let mut xpos = vec![""; tokens.len()];
        // Tokens the grammar model does not see keep their lowercase form as lemma.
        let mut lemma: Vec<Option<String>> = vec![None; tokens.len()];
        let mut head = vec![None; tokens.len()];
        let mut deprel = vec![""; tokens.len()];
        for (idx, sentence) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens.clone()] {
                *slot = idx;
            }
            if let Some(grammar) = grammar {
                let analyses = grammar.annotate(&words[sentence.tokens.clone()]);
                for (offset, analysis) in analyses.into_iter().enumerate() {
                    let i = sentence.tokens.start + offset;
                    xpos[i] = analysis.xpos;
                    lemma[i] = Some(into_lowercase(analysis.lemma));
                    head[i] = (analysis.head > 0).then(|| sentence.tokens.start + analysis.head - 1);
                    deprel[i] = analysis.deprel;
                }
            }
        }
        let lemma =
            lemma.into_iter().zip(&lower).map(|(lemma, low)| lemma.unwrap_or_else(|| low.clone())).collect();
        Text { text, tokens, sentences, words, lower, sentence_of, xpos, lemma, head, deprel, grammar }
    }

    /// The Penn tag of token `i`, or "" past either end or without a tagger.
    pub fn tag(&self, i: usize) -> &'static str {
        self.xpos.get(i).copied().unwrap_or("")
    }

    /// The dependents of token `i` with a relation starting with `relation` ("nsubj" matches "nsubj:pass").
    pub fn children(&self, i: usize, relation: &str) -> Vec<usize> {
        let sentence = &self.sentences[self.sentence_of[i]];
        sentence
            .tokens
            .clone()
            .filter(|&k| {
                self.head[k] == Some(i) && self.deprel[k].split(':').next() == relation.split(':').next()
            })
            .filter(|&k| !relation.contains(':') || self.deprel[k] == relation)
            .collect()
    }

    /// Whether token `i` is tagged as a common noun (NN, NNS).
    pub fn is_common_noun(&self, i: usize) -> bool {
        matches!(self.tag(i), "NN" | "NNS")
    }

    /// The lowercase word at `i`, or "" past either end.
    pub fn low(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.words.get(i).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
    }

    /// Whether a lowercase word is a common English word by the grammar model's lexicon
    /// (false without a model).
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.grammar.is_some_and(|grammar| grammar.is_common_word(lower))
    }

    /// Whether token `i` is the first of its sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.sentences[self.sentence_of[i]].tokens.start == i
    }
}

/// `word` in lowercase, reusing its buffer when it has nothing to lower.
fn into_lowercase(word: String) -> String {
    if word.chars().all(|c| c.to_lowercase().eq([c])) { word } else { word.to_lowercase() }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name or alias ("Marco Rubio", "Rubio", "Russia").
    Name,
    /// A demonym standing for a country ("Russian", "Ukrainians").
    Demonym,
    /// A seat of government standing for a country ("the Kremlin", "Moscow").
    Metonym,
    /// A personal pronoun ("he", "she").
    Pronoun,
    /// A description standing for a named person or place ("the Kremlin chief", "the French capital").
    Description,
}

/// A span of tokens that names an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token (global index).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into [`Mentions::entities`].
    pub entity: usize,
    pub kind: MentionKind,
    /// Set by role finding: the mention only qualifies a title ("U.S." in
    /// "U.S. Secretary of State Marco Rubio") and is not an actor of its own.
    pub modifier: bool,
}

impl Mention {
    /// A pronoun at token `i` standing for `entity`.
    pub(super) fn pronoun(i: usize, entity: usize) -> Mention {
        Mention { start: i, end: i + 1, entity, kind: MentionKind::Pronoun, modifier: false }
    }

    /// A name mention of `entity` over tokens `start..end`.
    fn name(start: usize, end: usize, entity: usize) -> Mention {
        Mention { start, end, entity, kind: MentionKind::Name, modifier: false }
    }
}

/// All mentions of one article and the entities they resolve to.
#[derive(Debug, Default)]
pub struct Mentions {
    pub entities: Vec<Entity>,
    /// Sorted by start token.
    pub mentions: Vec<Mention>,
    by_id: HashMap<String, usize>,
}

impl Mentions {
    /// The mention that covers token `i`, if any.
    pub fn at(&self, i: usize) -> Option<usize> {
        let pos = self.mentions.partition_point(|m| m.end <= i);
        (pos < self.mentions.len() && self.mentions[pos].start <= i).then_some(pos)
    }

    /// The mention that ends just before token `i`.
    pub fn ending_at(&self, i: usize) -> Option<usize> {
        self.mentions.iter().position(|m| m.end == i)
    }

    /// The entity of the country with this ISO alpha-3 code, if the article names it.
    pub fn country_entity(&self, alpha3: &str) -> Option<usize> {
        self.entities
            .iter()
            .position(|e| e.class == EntityClass::Country && e.country.as_deref() == Some(alpha3))
    }

    /// The class of the entity a mention names.
    pub fn class(&self, mention: usize) -> EntityClass {
        self.entities[self.mentions[mention].entity].class
    }

    /// The entity of the country with this ISO alpha-3 code, added from the gazetteer when
    /// the article does not name it ("demonstrators in Baghdad" make Iraq an entity).
    pub(super) fn country_entity_or_add(&mut self, gazetteer: &Gazetteer, alpha3: &str) -> Option<usize> {
        if let Some(e) = self.country_entity(alpha3) {
            return Some(e);
        }
        let entry = gazetteer.country(alpha3)?;
        Some(self.entity_for(gazetteer.entries[entry].to_entity()))
    }

    pub(super) fn entity_for(&mut self, entity: Entity) -> usize {
        if let Some(&idx) = self.by_id.get(&entity.id) {
            return idx;
        }
        let idx = self.entities.len();
        self.by_id.insert(entity.id.clone(), idx);
        self.entities.push(entity);
        idx
    }

    pub(super) fn add_alias(&mut self, entity: usize, alias: &str) {
        let aliases = &mut self.entities[entity].aliases;
        if !alias.is_empty() && !aliases.iter().any(|a| a == alias) {
            aliases.push(alias.to_string());
        }
    }
}

/// Words that qualify a title head ("Foreign" Minister, "special" envoy); with the heads
/// below they make the title words that open a title before a name.
#[rustfmt::skip]
pub const TITLE_MODIFIERS: &[&str] = &[
    "acting", "affairs", "agriculture", "army", "assistant", "attorney", "cabinet", "capt", "col",
    "commerce", "communications", "crown", "culture", "defence", "defense", "democratic", "deputy",
    "dr.", "economy", "education", "energy", "environment", "executive", "federal", "finance", "first",
    "foreign", "former", "gen", "health", "home", "homeland", "house", "intelligence", "interim",
    "interior", "justice", "labor", "labour", "lady", "lieutenant", "lt", "maj", "major", "majority",
    "military", "ministry", "minority", "mr.", "mrs.", "ms.", "national", "navy", "opposition",
    "parliament", "parliamentary", "press", "prime", "republican", "security", "senate", "senior",
    "special", "staff", "state", "supreme", "top", "trade", "transitional",
    "transport", "treasury", "vice", "war",
];

/// Title words that can head a title: at least one must be present.
#[rustfmt::skip]
pub const TITLE_HEADS: &[&str] = &[
    "adm.", "admiral", "adviser", "advisor", "ambassador", "archbishop", "capt.", "captain",
    "cardinal", "chair", "chairman", "chairwoman", "chancellor", "chief", "col.", "colonel",
    "commander", "commissioner", "congressman", "congresswoman", "counsel", "counterpart",
    "delegate", "diplomat", "director", "director-general", "emir", "emperor", "envoy", "gen.", "general", "governor",
    "governor-general", "gov.", "head", "judge", "king", "lawmaker", "leader", "lt.", "maj.", "mayor", "minister",
    "negotiator", "official", "pope", "premier", "president", "prince", "princess", "prosecutor",
    "queen", "rep.", "representative", "sen.", "senator", "secretary", "secretary-general", "sheikh", "speaker",
    "spokesman", "spokesperson", "spokeswoman", "sultan",
];

/// Nouns after a country or group that make it an acting group ("Russian forces").
#[rustfmt::skip]
pub const GROUP_NOUNS: &[&str] = &[
    "administration", "advisers", "advisors", "agents", "air", "aircraft", "airstrike", "airstrikes", "army", "artillery",
    "attack", "attacks", "authorities", "authority", "bombers", "cabinet", "coalition",
    "commanders", "commandos", "delegation", "delegations", "diplomats", "drone", "drones",
    "envoys", "fighter", "fighters", "forces", "government", "governments", "guards", "gunboats",
    "gunmen", "gunships", "helicopters", "inspectors", "jets", "junta", "lawmakers", "leader", "leaders",
    "leadership", "marines", "militants", "military", "militia", "militias", "minister",
    "ministers", "ministry", "missile", "missiles", "monitors", "navy", "negotiators", "observers",
    "officers", "officials", "paratroopers", "parliament", "peacekeepers", "personnel", "pilots", "planes", "police",
    "policemen", "prosecutors", "rebels", "regime", "representatives", "rocket", "rockets",
    "sailors", "security", "servicemen", "shelling", "side", "sides", "soldiers", "spies", "strike", "strikes", "tanks",
    "team", "troops", "warplanes", "warships",
];

/// Group nouns for fighters who do not act for the country named before them ("Sudanese
/// rebels"), though they do for a named group ("Houthi rebels"): GUIDELINES section 2.
pub const NON_STATE_GROUPS: &[&str] = &["fighters", "gunmen", "militants", "militia", "militias", "rebels"];

/// Nouns after a demonym that make it a place description, not an actor ("the Ukrainian city").
#[rustfmt::skip]
const PLACE_NOUNS: &[&str] = &[
    "border", "capital", "cities", "city", "coast", "district", "frontier", "port", "province",
    "region", "soil", "territory", "town", "village", "villages", "waters",
];

/// Words that signal an organisation inside a run of capitalised words.
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "agency", "airlines", "airways", "alliance", "army", "assembly", "association", "authority",
    "bank", "books", "bureau", "cabinet", "club", "coalition", "command", "commission", "committee",
    "company", "congress", "corp", "corp.", "corporation", "council", "court", "department",
    "directorate", "federation", "forces", "foundation", "front", "fund", "group", "guard",
    "holdings", "inc", "inc.", "industries", "institute", "league", "llc", "ltd", "media",
    "ministry", "motors", "movement", "network", "office", "orchestra", "organisation",
    "organization", "parliament", "partners", "party", "police", "post", "press", "pvt", "pvt.",
    "senate", "service", "services", "systems", "technologies", "times", "tribunal", "union",
    "university",
];

/// Last words of a capitalised run that make it a place ("Tahrir Square", "U.S. Embassy").
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "airport", "avenue", "base", "bay", "bridge", "camp", "canal", "capitol", "cathedral", "church",
    "city", "embassy", "gulf", "hall", "hotel", "island", "islands", "lake", "mosque", "mountains",
    "museum", "ocean", "palace", "park", "peninsula", "river", "road", "sea", "square", "stadium",
    "station", "strait", "street", "temple", "tower", "valley",
];

/// Last words of a capitalised run that name a law, war or agreement, not an actor.
const NOT_ACTOR_WORDS: &[&str] =
    &["accord", "accords", "act", "assistance", "bill", "convention", "law", "ordinance", "treaty", "war"];

/// Capitalised abbreviations that are not organisations.
const NOT_ACRONYMS: &[&str] = &["AM", "CEO", "GMT", "ID", "OK", "PM", "TV", "UTC"];

/// First words of a region named by its people ("East African", "Latin American").
const REGION_OPENERS: &[&str] = &["central", "east", "latin", "north", "south", "southeast", "west"];

/// The most words a person's name has ("Mohammed bin Salman Al Saud").
const MAX_PERSON_WORDS: usize = 5;

/// The longest run of capitalised words read as one name; longer runs are title-case
/// headlines or lists, in which only gazetteer names are looked for.
const MAX_NAME_RUN: usize = 8;

/// Capitalised words that are not names on their own.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "a", "about", "according", "after", "again", "all", "also", "although", "an", "and", "another",
    "any", "april", "as", "at", "august", "aunt", "because", "before", "both", "but", "by", "dear",
    "december", "despite", "dr", "during", "each", "earlier", "early", "even", "every", "february",
    "for", "four", "friday", "from", "he", "hello", "her", "here", "hey", "hi", "his", "however",
    "i", "if", "in", "it", "its", "january", "july", "june", "last", "late", "later", "march",
    "meanwhile", "monday", "more", "most", "mr", "mrs", "mrs.", "ms", "my", "new", "next", "no",
    "not", "november", "now", "october", "of", "on", "one", "only", "or", "other", "our", "over",
    "saturday", "september", "several", "she", "since", "so", "some", "still", "sunday", "thanks",
    "that", "the", "their", "there", "these", "they", "this", "those", "three", "thursday", "to",
    "today", "tuesday", "two", "uncle", "under", "unfortunately", "until", "we", "wednesday",
    "when", "where", "which", "while", "who", "why", "with", "yet", "you",
];

/// Lowercase words that may sit inside a name ("Bashar al-Assad", "Ursula von der Leyen").
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le", "van", "von",
];

/// Lowercase nouns after a name that make it a geographical name.
#[rustfmt::skip]
pub const GEO_NOUNS: &[&str] = &[
    "archipelago", "basin", "corridor", "county", "desert", "district", "enclave", "governorate",
    "island", "islands", "mountains", "oblast", "peninsula", "plateau", "province", "region",
    "river", "strait", "valley",
];

/// Words before a place name that say it is where something happens.
const PLACE_PREPOSITIONS: &[&str] = &[
    "across", "at", "from", "in", "inside", "into", "near", "outside", "to", "toward", "towards", "through",
    "via", "visit", "visited", "visiting", "visits",
];

fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether a lowercase word can be part of a title.
pub fn is_title_word(word: &str) -> bool {
    let word = strip_title_prefix(word);
    contains(TITLE_MODIFIERS, word) || contains(TITLE_HEADS, word)
}

/// Whether a lowercase word can head a title.
pub fn is_title_head(word: &str) -> bool {
    contains(TITLE_HEADS, strip_title_prefix(word))
}

/// "ex-president", "then-president", "vice-president": the title word after the prefix.
fn strip_title_prefix(word: &str) -> &str {
    ["ex-", "then-", "vice-", "former-"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(word)
}

/// Whether a lowercase noun makes the word before it an acting group.
pub fn is_group_noun(word: &str) -> bool {
    contains(GROUP_NOUNS, word)
}

/// Whether a lowercase noun makes the word before it a place description.
pub fn is_place_noun(word: &str) -> bool {
    contains(PLACE_NOUNS, word)
}

/// Finds and resolves every mention in `text`.
pub fn find_mentions(text: &Text<'_>, gazetteer: &Gazetteer) -> Mentions {
    let mut out = Mentions::default();
    let mut singles: Vec<(usize, usize)> = Vec::new();
    let mut pronouns: Vec<usize> = Vec::new();
    for sentence in &text.sentences {
        let mut i = sentence.tokens.start;
        let end = sentence.tokens.end;
        // Inside an over-long capitalised run only the gazetteer is asked.
        let mut names_from = i;
        if let Some(next) = dateline_mention(text, gazetteer, i, end, &mut out) {
            i = next;
        }
        while i < end {
            if matches!(text.low(i), "he" | "she" | "him") {
                pronouns.push(i);
                i += 1;
                continue;
            }
            if let Some(next) = gazetteer_mention(text, gazetteer, i, end, &mut out) {
                i = next;
                continue;
            }
            if text.is_capitalised(i) && i >= names_from {
                let run_end = capitalised_run_end(text, i, end);
                if run_end - i > MAX_NAME_RUN {
                    names_from = run_end;
                    i += 1;
                } else {
                    i = name_mention(text, gazetteer, i, end, &mut out, &mut singles);
                }
                continue;
            }
            i += 1;
        }
    }
    for i in 0..text.words.len() {
        if text.words[i].ends_with("-led") && !out.mentions.iter().any(|m| m.start <= i && i < m.end) {
            led_by_mention(text, gazetteer, i, &mut out);
        } else if text.words[i] == "led" && i >= 2 && text.words[i - 1] == "-" {
            // "U.S.-led", tokenised as "U.S." "-" "led": the country is already a mention.
            let country = out.mentions.iter().position(|m| m.end == i - 1);
            if let Some(m) = country.filter(|&m| out.class(m) == EntityClass::Country) {
                led_coalition(text, i, m, &mut out);
            }
        }
    }
    resolve_singles(text, gazetteer, &singles, &mut out);
    resolve_pronouns(text, &pronouns, &mut out);
    resolve_it(text, &mut out);
    resolve_subject_pronouns(text, &mut out);
    resolve_the_country(text, &mut out);
    resolve_former_and_latter(text, &mut out);
    resolve_quoted_we(text, &mut out);
    out.mentions.sort_by_key(|m| (m.start, m.end));
    resolve_capitals(text, gazetteer, &mut out);
    locate_places(text, &mut out);
    merge_variants(&mut out, gazetteer);
    drop_unmentioned(&mut out);
    add_short_forms(&mut out);
    out
}

/// Words of a state office's name ("Foreign Ministry", "State Department"): such an office
/// keeps acting for the country named with it, and keeps its bare name.
const OFFICE_WORDS: &[&str] = &["department", "embassy", "ministry", "office"];

/// Nouns for a kind of place, in "the Bosnian town of Gorazde" (with [`PLACE_NOUNS`]).
const SETTLEMENT_NOUNS: &[&str] = &[
    "area",
    "county",
    "enclave",
    "governorate",
    "island",
    "municipality",
    "neighbourhood",
    "neighborhood",
    "oblast",
    "state",
    "suburb",
    "township",
];

/// Gives a place the gazetteer does not know the country the text puts it in: "the
/// besieged Bosnian town of Gorazde", "the northern Nigerian town of Gwoza", "the West
/// Bank city of Jericho" (a description before it), "Bam, Iran" (a country after it) or
/// "Jericho in the West Bank". An organisation a country owns ("Ivory Coast's Supreme
/// Court") gets that country too.
fn locate_places(text: &Text<'_>, out: &mut Mentions) {
    let country_of = |out: &Mentions, m: usize| {
        let entity = &out.entities[out.mentions[m].entity];
        matches!(entity.class, EntityClass::Country | EntityClass::Place)
            .then(|| entity.country.clone())
            .flatten()
    };
    for m in 0..out.mentions.len() {
        let (start, end, entity) = (out.mentions[m].start, out.mentions[m].end, out.mentions[m].entity);
        if out.entities[entity].country.is_some() {
            continue;
        }
        // "the Ivory Coast's Supreme Court": an organisation that a country owns is that
        // country's. Ministries and offices are left as they are: their country's mention
        // already acts for them ("Russia's Defence Ministry said").
        if out.entities[entity].class == EntityClass::Org {
            let label = out.entities[entity].label.to_lowercase();
            if OFFICE_WORDS.iter().any(|w| label.contains(w)) {
                continue;
            }
            let owner = start
                .checked_sub(1)
                .filter(|&k| matches!(text.low(k), "'s" | "’s"))
                .and_then(|k| out.ending_at(k))
                .filter(|&d| out.entities[out.mentions[d].entity].class == EntityClass::Country);
            if let Some(d) = owner
                && let Some(country) = country_of(out, d)
            {
                // Its own name in the graph, so that one country's "Supreme Court" is not
                // merged with another's across articles.
                let label =
                    format!("{} {}", out.entities[out.mentions[d].entity].label, out.entities[entity].label);
                let id = format!("ent:{}", slug(&label));
                if !out.by_id.contains_key(&id) {
                    out.by_id.remove(&out.entities[entity].id);
                    out.by_id.insert(id.clone(), entity);
                    (out.entities[entity].id, out.entities[entity].label) = (id, label);
                }
                out.entities[entity].country = Some(country);
            }
            continue;
        }
        if out.entities[entity].class != EntityClass::Place {
            continue;
        }
        let mut found = None;
        // "the [besieged] Bosnian town of Gorazde"
        let kind = start.checked_sub(2).filter(|&k| {
            text.low(k + 1) == "of"
                && (PLACE_NOUNS.contains(&text.low(k)) || SETTLEMENT_NOUNS.contains(&text.low(k)))
        });
        if let Some(kind) = kind {
            let mut k = kind;
            // Words such as "northern" or "besieged" may stand between.
            while k > 0 && kind - k < 3 && !text.is_capitalised(k - 1) && text.tag(k - 1).starts_with("JJ") {
                k -= 1;
            }
            found = out.ending_at(k).and_then(|d| country_of(out, d));
        }
        // "Bam, Iran": a country right after a comma, ending the phrase.
        if found.is_none() && text.low(end) == "," {
            let after = out.mentions.iter().position(|d| d.start == end + 1);
            let country =
                after.filter(|&d| out.entities[out.mentions[d].entity].class == EntityClass::Country);
            let closes = country.is_some_and(|d| {
                let next = out.mentions[d].end;
                next >= text.words.len()
                    || !text.is_capitalised(next) && !matches!(text.low(next), "and" | "or")
            });
            if closes {
                found = country.and_then(|d| country_of(out, d));
            }
        }
        // "Jericho in the West Bank", "the Esfahan facilities in central Iran": a country
        // or a located place right after "in".
        if found.is_none() && text.low(end) == "in" {
            let mut k = end + 1;
            while k < text.words.len()
                && k < end + 4
                && (text.low(k) == "the" || !text.is_capitalised(k) && text.tag(k) == "JJ")
            {
                k += 1;
            }
            found = out.mentions.iter().position(|d| d.start == k).and_then(|d| country_of(out, d));
        }
        if let Some(country) = found {
            out.entities[entity].country = Some(country);
        }
    }
}

/// Drops the entities that lost their only mention to a longer name ("U.S." in "the
/// U.S.-led coalition"), and renumbers the mentions' entities.
fn drop_unmentioned(out: &mut Mentions) {
    let mut mentioned = vec![false; out.entities.len()];
    for mention in &out.mentions {
        mentioned[mention.entity] = true;
    }
    if mentioned.iter().all(|&m| m) {
        return;
    }
    let same: Vec<usize> = (0..mentioned.len()).collect();
    keep_entities(out, &mentioned, &same);
}

/// Whether `acronym` starts like the capitalised words of `name` ("CCG" for "Chinese Coast
/// Guard", "IGAD" for "Intergovernmental Authority on Development").
fn abbreviates(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let initials: Vec<char> =
        name.split([' ', '-']).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    letters.len() >= 2 && initials.len() >= 2 && letters.first() == initials.first() && {
        // Every initial appears in the acronym, in order.
        let mut rest = letters.iter();
        initials.iter().all(|i| rest.any(|l| l == i))
    }
}

/// Merges two names of one actor: spelling variants and middle initials of a person
/// ("Alexei"/"Alexey Navalny", "Donald J. Trump"/"Donald Trump"), and an
/// organisation named again without its qualifier ("Coast Guard" after "China Coast Guard").
fn merge_variants(out: &mut Mentions, gazetteer: &Gazetteer) {
    let n = out.entities.len();
    let mut target: Vec<usize> = (0..n).collect();
    // "Chinese Coast Guard" and "China Coast Guard": the same country's organisation.
    let country_keys: Vec<Option<(usize, &str)>> = out
        .entities
        .iter()
        .map(|e| {
            (e.class == EntityClass::Org && e.wikidata.is_none()).then(|| country_key(gazetteer, &e.label))
        })
        .map(Option::flatten)
        .collect();
    for b in 0..n {
        let later = &out.entities[b];
        let same = (0..n).filter(|&a| a != b && target[a] == a).find(|&a| {
            let earlier = &out.entities[a];
            earlier.class == later.class
                && match later.class {
                    // "Suu Kyi" for "Aung San Suu Kyi": the end of a full name, two words or more.
                    EntityClass::Person => {
                        a < b && person_variants(&earlier.label, &later.label)
                            || later.label.contains(' ')
                                && earlier.label.ends_with(&format!(" {}", later.label))
                    }
                    EntityClass::Org => {
                        later.wikidata.is_none() && earlier.label.ends_with(&format!(" {}", later.label))
                            || a < b && country_keys[b].is_some() && country_keys[a] == country_keys[b]
                    }
                    _ => false,
                }
        });
        if let Some(a) = same {
            target[b] = a;
        }
    }
    if target.iter().enumerate().all(|(i, &t)| i == t) {
        return;
    }
    for (b, &a) in target.iter().enumerate().filter(|(b, a)| b != *a) {
        let aliases = out.entities[b].aliases.clone();
        for alias in aliases {
            out.add_alias(a, &alias);
        }
    }
    let keep: Vec<bool> = target.iter().enumerate().map(|(i, &t)| i == t).collect();
    keep_entities(out, &keep, &target);
}

/// Keeps the entities marked in `keep`, renumbered, and points each mention of entity `e`
/// at the new number of `target[e]` (a kept entity).
fn keep_entities(out: &mut Mentions, keep: &[bool], target: &[usize]) {
    let mut new_index = vec![0; keep.len()];
    let mut kept = Vec::new();
    for (i, entity) in std::mem::take(&mut out.entities).into_iter().enumerate() {
        if keep[i] {
            new_index[i] = kept.len();
            kept.push(entity);
        }
    }
    for mention in &mut out.mentions {
        mention.entity = new_index[target[mention.entity]];
    }
    out.by_id = kept.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    out.entities = kept;
}

/// An organisation's name split into the country it opens with, by name or demonym, and
/// the rest: "Chinese Coast Guard" and "China Coast Guard" both give (China, "Coast Guard").
fn country_key<'l>(gazetteer: &Gazetteer, label: &'l str) -> Option<(usize, &'l str)> {
    let spaces: Vec<usize> = label.match_indices(' ').map(|(at, _)| at).collect();
    spaces.iter().take(3).rev().find_map(|&at| {
        let (prefix, rest) = (&label[..at], label[at + 1..].trim());
        let hits = gazetteer.lookup(prefix)?;
        let country = hits.iter().find(|(idx, kind)| {
            gazetteer.entries[*idx].class == EntityClass::Country && *kind != FormKind::Metonym
        })?;
        (!rest.is_empty()).then_some((country.0, rest))
    })
}

/// "the French capital", "the Ukrainian capital": the capital city of the country the
/// demonym names, from the gazetteer, as a place.
fn resolve_capitals(text: &Text<'_>, gazetteer: &Gazetteer, out: &mut Mentions) {
    for m in 0..out.mentions.len() {
        let mention = &out.mentions[m];
        let described = mention.kind == MentionKind::Demonym
            && text.low(mention.end) == "capital"
            && mention.start > 0
            && text.low(mention.start - 1) == "the";
        if !described {
            continue;
        }
        let country_id = &out.entities[mention.entity].id;
        let Some(capital) = gazetteer.capital_of(country_id) else { continue };
        let (start, end) = (mention.start, mention.end + 1);
        let entity = out.entity_for(gazetteer.entries[capital].to_entity());
        let surface = text.text[text.tokens[start].start..text.tokens[end - 1].end].to_string();
        out.add_alias(entity, &surface);
        out.mentions[m] = Mention { start, end, entity, kind: MentionKind::Description, modifier: false };
    }
}

/// Whether two person names differ only by initials or one letter (transliteration).
fn person_variants(a: &str, b: &str) -> bool {
    let key = |name: &str| -> Vec<String> {
        name.split(' ').filter(|w| !(w.ends_with('.') && w.len() <= 2)).map(str::to_lowercase).collect()
    };
    let (ka, kb) = (key(a), key(b));
    if ka.len() < 2 || ka.len() != kb.len() {
        return false;
    }
    let n_diff: usize = ka.iter().zip(&kb).map(|(x, y)| edit_distance(x, y)).sum();
    n_diff <= 1 && ka.concat().len() >= 8
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Tries a gazetteer form at token `i`; returns the token after it when one matched.
fn gazetteer_mention(
    text: &Text<'_>,
    gazetteer: &Gazetteer,
    i: usize,
    end: usize,
    out: &mut Mentions,
) -> Option<usize> {
    let found = gazetteer.match_at(&text.words[..end], i)?;
    let stop = i + found.len;
    // A country or place name glued to an unknown capitalised word is part of a
    // person's name ("Jordan Bardella"), unless the word is a title ("Ukraine President")
    // or a weekday ("in Serbia Friday").
    let glued = stop < end
        && text.is_capitalised(stop)
        && !is_title_word(text.low(stop))
        && weekday_of(text.low(stop)).is_none()
        && gazetteer.match_at(&text.words[..end], stop).is_none()
        && found.len == 1
        && !text.words[stop].chars().all(|c| c.is_uppercase() || c == '.');
    let (entry_idx, kind) = choose_entry(text, gazetteer, i, stop, &found.hits)?;
    let entry = &gazetteer.entries[entry_idx];
    // "Bush" after "George W. Bush" is his surname, not the Egyptian city.
    let surname = found.len == 1
        && entry.class == EntityClass::Place
        && entry.capital_of.is_none()
        && out.entities.iter().any(|e| {
            e.class == EntityClass::Person
                && e.label.split(' ').next_back() == Some(text.words[i])
                && e.label.contains(' ')
        });
    if surname {
        return None;
    }
    if glued && entry.class != EntityClass::Org && kind == FormKind::Name {
        return None;
    }
    // "the Bush administration": a place name that is also a common word or a surname,
    // qualifying a noun, is more likely the person's name.
    let qualifies =
        stop < end && text.is_common_noun(stop) && text.words[stop].starts_with(char::is_lowercase);
    if entry.ambiguous && (text.starts_sentence(i) || glued || entry.class == EntityClass::Place && qualifies)
    {
        return None;
    }
    // "President Bush", "Gen. Jordan": after a person's title a lone place name is a surname.
    if entry.class == EntityClass::Place && found.len == 1 && i > 0 && is_title_word(text.low(i - 1)) {
        return None;
    }
    // "Ethnic Albanians", "ethnic Armenian forces": a people, not the state of that name.
    if kind == FormKind::Demonym && i > 0 && text.low(i - 1) == "ethnic" {
        return Some(stop);
    }
    // All-caps words at the very start are datelines ("PARIS"); they are places, handled here.
    let entity = out.entity_for(entry.to_entity());
    let surface = text.text[text.tokens[i].start..text.tokens[stop - 1].end].to_string();
    out.add_alias(entity, &surface);
    // "The International Labor Office (ILO)": a known acronym in brackets names the
    // organisation the words before it spell out, however the article spells them.
    let bracketed = i >= 2 && text.words[i - 1] == "(" && text.words.get(stop).is_some_and(|w| *w == ")");
    if bracketed && entry.class == EntityClass::Org {
        let spelled = out.mentions.last().map(|m| (m.end, m.entity)).filter(|&(end, e)| {
            let named = &out.entities[e];
            end == i - 1
                && e != entity
                && named.class == EntityClass::Org
                && named.wikidata.is_none()
                && named.cameo.is_none()
                && abbreviates(&surface, &named.label)
        });
        if let Some((_, spelled)) = spelled {
            let label = out.entities[spelled].label.clone();
            out.add_alias(entity, &label);
            for m in out.mentions.iter_mut().filter(|m| m.entity == spelled) {
                m.entity = entity;
            }
        }
    }
    let kind = match kind {
        FormKind::Name => MentionKind::Name,
        FormKind::Demonym => MentionKind::Demonym,
        FormKind::Metonym => MentionKind::Metonym,
    };
    out.mentions.push(Mention { start: i, end: stop, entity, kind, modifier: false });
    Some(stop)
}

/// "U.S.-led forces": the country that leads a force acts through it, so the hyphenated
/// word is a demonym mention of that country. ("Iranian-backed" and "Russian-held" are
/// not: a backer does not act, a holder is only a place's owner.) A led coalition or
/// alliance is an organisation of its own: "the Saudi-led coalition" is a new ORG of
/// Saudi Arabia's country, and "the coalition" later in the article is that ORG.
fn led_by_mention(text: &Text<'_>, gazetteer: &Gazetteer, i: usize, out: &mut Mentions) {
    let Some(stem) = text.words[i].strip_suffix("-led") else { return };
    let Some(&(entry_idx, _)) = gazetteer
        .lookup(stem)
        .and_then(|hits| hits.iter().find(|(e, _)| gazetteer.entries[*e].class == EntityClass::Country))
    else {
        return;
    };
    let entity = out.entity_for(gazetteer.entries[entry_idx].to_entity());
    out.mentions.push(Mention { start: i, end: i + 1, entity, kind: MentionKind::Demonym, modifier: false });
    led_coalition(text, i, out.mentions.len() - 1, out);
}

/// When the word "-led" at token `led` (which ends the country mention `m`) is followed by
/// "coalition" or "alliance", replaces the mention by one of a new organisation, "the
/// Saudi Arabia-led coalition", that has the country's code, and makes "the coalition"
/// later in the text a mention of it, up to the next led coalition.
fn led_coalition(text: &Text<'_>, led: usize, m: usize, out: &mut Mentions) {
    let noun = text.low(led + 1);
    if !matches!(noun, "coalition" | "alliance") {
        return;
    }
    let start = out.mentions[m].start;
    let country = out.entities[out.mentions[m].entity].clone();
    let mut coalition = new_entity(&format!("{}-led {noun}", country.label), EntityClass::Org);
    coalition.country = country.country.clone();
    coalition.cameo = country.cameo.clone();
    let entity = out.entity_for(coalition);
    out.add_alias(entity, &text.text[text.tokens[start].start..text.tokens[led + 1].end]);
    out.mentions[m] = Mention { start, end: led + 2, entity, kind: MentionKind::Name, modifier: false };
    let next_led = (led + 2..text.words.len())
        .find(|&k| text.words[k].ends_with("led") && text.low(k + 1) == noun)
        .unwrap_or(text.words.len());
    for k in led + 2..next_led {
        let free = !out.mentions.iter().any(|m| m.start <= k && k < m.end);
        let named_next = text.is_capitalised(k + 1);
        if text.low(k) == noun && text.low(k - 1) == "the" && free && !named_next && text.low(k + 1) != "of" {
            out.mentions.push(Mention {
                start: k,
                end: k + 1,
                entity,
                kind: MentionKind::Name,
                modifier: false,
            });
        }
    }
}

/// Reads a dateline that opens a paragraph ("KYIV, Ukraine (AP) —", "NEW YORK —") as
/// the place the story was filed from: the city of that name in the gazetteer, else a
/// new place. Returns the token after the city's name.
fn dateline_mention(
    text: &Text<'_>,
    gazetteer: &Gazetteer,
    i: usize,
    end: usize,
    out: &mut Mentions,
) -> Option<usize> {
    let opens_paragraph =
        i == 0 || text.text[..text.tokens[i].start].trim_end_matches([' ', '\t']).ends_with('\n');
    if !opens_paragraph {
        return None;
    }
    let stop = (i..end.min(i + 4)).take_while(|&k| is_all_caps(text.words[k])).last()? + 1;
    let dash = |k: usize| matches!(text.words.get(k).copied(), Some("—" | "–" | "-" | "--" | "("));
    // "KYIV, Ukraine (AP) —", "WASHINGTON, Oct. 6 (Xinhua) —": the dateline ends at the dash.
    let tail_end = match text.low(stop) {
        "," => (stop + 1..end.min(stop + 8)).find(|&k| dash(k))?,
        ":" => stop,
        _ if dash(stop) => stop,
        _ => return None,
    };
    // "NATO, the alliance…" and "U.S. officials" are names as written, not datelines.
    if gazetteer.match_at(&text.words[..end], i).is_some() {
        return None;
    }
    let label = title_case(&text.text[text.tokens[i].start..text.tokens[stop - 1].end]);
    let entry = gazetteer.lookup(&label).and_then(|hits| {
        hits.iter().find(|(idx, _)| gazetteer.entries[*idx].class == EntityClass::Place).or(hits.first())
    });
    // "BREAKING NEWS: …" is a kicker, not a dateline: after a colon only known places count.
    if text.low(stop) == ":" && entry.is_none() {
        return None;
    }
    let entity = match entry {
        Some(&(idx, _)) => out.entity_for(gazetteer.entries[idx].to_entity()),
        None => out.entity_for(new_entity(&label, EntityClass::Place)),
    };
    let surface = text.text[text.tokens[i].start..text.tokens[stop - 1].end].to_string();
    out.add_alias(entity, &surface);
    out.mentions.push(Mention::name(i, stop, entity));
    // Between the city and the dash only known names count ("Ukraine", not "Oct." or "Calif.").
    let mut k = stop;
    while k < tail_end {
        k = gazetteer_mention(text, gazetteer, k, end, out).unwrap_or(k + 1);
    }
    Some(k)
}

/// "NEW YORK" → "New York", "PORT-AU-PRINCE" → "Port-Au-Prince".
fn title_case(caps: &str) -> String {
    let mut out = String::with_capacity(caps.len());
    let mut word_start = true;
    for ch in caps.chars() {
        if word_start {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
        word_start = !ch.is_alphanumeric() && ch != '\'' && ch != '’';
    }
    out
}

/// Picks between entries sharing a form: a capital is the place where things happen
/// after "in", "to", "at"; otherwise it stands for its country.
fn choose_entry(
    text: &Text<'_>,
    gazetteer: &Gazetteer,
    i: usize,
    stop: usize,
    hits: &[(usize, FormKind)],
) -> Option<(usize, FormKind)> {
    if hits.len() == 1 {
        let (idx, kind) = hits[0];
        if kind == FormKind::Metonym && is_place_context(text, i, stop) {
            // "arrived in Moscow": the capital as a place, if the gazetteer knows it.
            let label = &text.text[text.tokens[i].start..text.tokens[stop - 1].end];
            if let Some(place) = gazetteer
                .lookup(label)
                .and_then(|hits| hits.iter().find(|(p, _)| gazetteer.entries[*p].class == EntityClass::Place))
            {
                return Some(*place);
            }
        }
        return Some((idx, kind));
    }
    let place = hits.iter().find(|(idx, _)| gazetteer.entries[*idx].class == EntityClass::Place);
    let country = hits.iter().find(|(idx, _)| gazetteer.entries[*idx].class != EntityClass::Place);
    match (place, country) {
        (Some(place), Some(country)) => {
            if country.1 == FormKind::Metonym {
                Some(if is_place_context(text, i, stop) { *place } else { *country })
            } else {
                Some(*country)
            }
        }
        _ => hits.first().copied(),
    }
}

/// Whether the words around a name make it a location: "in Paris", "to Washington", "Paris,".
fn is_place_context(text: &Text<'_>, i: usize, stop: usize) -> bool {
    // "the Paris talks": a city after an article is the place, not its government.
    if i > 0 && matches!(text.low(i - 1), "the" | "a" | "an") {
        return true;
    }
    let mut j = i;
    while j > 0 && matches!(text.low(j - 1), "the" | "a") {
        j -= 1;
    }
    if j > 0 && PLACE_PREPOSITIONS.contains(&text.low(j - 1)) {
        return true;
    }
    // "Russia struck Kyiv", "shelled Donetsk": a city right after a verb of attack is hit.
    if j > 0 && ATTACK_VERBS.contains(&text.low(j - 1)) && !matches!(text.low(stop), "'s" | "’s") {
        return true;
    }
    // "airstrikes on Beirut", "an attack against Kyiv": the city is what was hit.
    j > 1 && matches!(text.low(j - 1), "on" | "against" | "at") && ATTACK_NOUNS.contains(&text.low(j - 2))
}

/// Past forms of verbs of attack whose object is the place hit.
#[rustfmt::skip]
const ATTACK_VERBS: &[&str] = &[
    "attacked", "bombarded", "bombed", "hit", "pounded", "raided", "shelled", "stormed", "struck",
    "targeted",
];

/// Nouns of attack after which "on X" names the place hit.
#[rustfmt::skip]
const ATTACK_NOUNS: &[&str] = &[
    "airstrike", "airstrikes", "assault", "attack", "attacks", "barrage", "bombardment", "bombing",
    "drones", "fire", "missiles", "offensive", "raid", "raids", "rockets", "shelling", "strike",
    "strikes",
];

/// Reads a run of capitalised words starting at `i` as a name; returns the token after it.
fn name_mention(
    text: &Text<'_>,
    gazetteer: &Gazetteer,
    i: usize,
    end: usize,
    out: &mut Mentions,
    singles: &mut Vec<(usize, usize)>,
) -> usize {
    let mut stop = capitalised_run_end(text, i, end);
    let run_end = stop.max(i + 1);
    // "Supreme Court", "Interior Ministry": title words are part of an organisation's name.
    let org_run = stop > i + 1 && contains(ORG_WORDS, text.low(stop - 1));
    // Leading titles and sentence-opening words are not part of the name.
    let mut first = i;
    while first < stop {
        let low = text.low(first);
        let title = is_title_word(low) && !org_run;
        let qualifier = ["-led", "-backed", "-run", "-held", "-member"].iter().any(|s| low.ends_with(s));
        // "Fresh Israeli airstrikes", "Recent US attacks": a common word opening the sentence
        // before a known name is not part of it.
        let opener = first == i
            && (is_sentence_opener(text, first)
                || text.starts_sentence(first)
                    && text.is_common_word(low)
                    && gazetteer.match_at(&text.words, first + 1).is_some());
        let initial = low.ends_with('.') && low.len() <= 3 && !is_place_prefix(low);
        // "Eighty UN peacekeepers": a number opening a sentence is not part of a name.
        let number = first == i && text.tag(first) == "CD";
        if title || qualifier || opener || initial || number || contains(NOT_NAMES, low) {
            first += 1;
        } else {
            break;
        }
    }
    // Trailing title words ("Macron's office") never end a name; trim them.
    while stop > first && contains(NOT_NAMES, text.low(stop - 1)) {
        stop -= 1;
    }
    if first >= stop {
        return run_end;
    }
    // Titles or sentence openers came first ("Top Ukrainian officials", "President
    // Volodymyr Zelensky"): read again from the first name word, so that the
    // gazetteer gets its chance at it.
    if first > i {
        return first;
    }
    let n_words = stop - first;
    let label = text.text[text.tokens[first].start..text.tokens[stop - 1].end].to_string();
    let last = text.low(stop - 1);
    // "in May", "since May 2023": the month, not a place or Theresa May.
    let month = n_words == 1
        && text.low(first) == "may"
        && (first > 0
            && matches!(
                text.low(first - 1),
                "in" | "since" | "until" | "by" | "early" | "late" | "mid" | "last" | "next" | "this"
            )
            || text.tag(first + 1) == "CD");
    if month {
        return run_end;
    }
    // A lone "Court" or "Police", a law or a war, a time zone: not an actor.
    let generic = n_words == 1 && contains(ORG_WORDS, last) || NOT_ACRONYMS.contains(&label.as_str());
    if generic || NOT_ACTOR_WORDS.iter().any(|w| last == *w || last.starts_with(&format!("{w}-"))) {
        return run_end;
    }
    let has_org_word = (first..stop).any(|k| contains(ORG_WORDS, text.low(k)));
    // Words in capitals only: an acronym when alone ("NATO"), a headline or shouting
    // otherwise ("WILL SOMEONE HELP"), never a person's name.
    let all_caps = (first..stop).all(|k| is_all_caps(text.words[k]));
    let acronym = n_words == 1
        && all_caps
        && !text.starts_sentence(first)
        && !(label.len() >= 4 && text.is_common_word(last));
    let region = n_words == 2 && contains(REGION_OPENERS, text.low(first)) && last.ends_with("an");
    // "South Lebanon", "Northern Iraq", "East Jerusalem": a compass word before a known
    // country or place names a region (the countries so named, "South Korea", are in the
    // gazetteer and matched before).
    let compass_region = n_words == 2
        && matches!(
            text.low(first),
            "north" | "south" | "east" | "west" | "northern" | "southern" | "eastern" | "western" | "central"
        )
        && gazetteer.lookup(text.words[first + 1]).is_some();
    // "in Yasser Arafat's legacy", "in Marco Rubio's view": a possessor is not a location,
    // nor is a name the dictionaries know as a person's or that opens with a given name.
    let possessor = matches!(text.low(stop), "'s" | "’s");
    let personal =
        n_words >= 2 && (gazetteer.is_given_name(text.words[first]) || gazetteer.is_known_person(&label));
    let place_cue = (place_cue_before(text, first) || coordinated_with_place(text, first, out))
        && !title_before(text, first)
        && !possessor
        && !personal;
    let class = if has_org_word || acronym {
        Some(EntityClass::Org)
    } else if GEO_NOUNS.contains(&text.low(stop)) && !title_before(text, first) {
        // "the Bekaa valley", "the Lachin corridor", "Saada province"
        Some(EntityClass::Place)
    } else if contains(PLACE_WORDS, last)
        || region
        || compass_region
        || place_cue
        || n_words >= 2 && is_place_prefix(text.low(first))
    {
        Some(EntityClass::Place)
    } else if (2..=MAX_PERSON_WORDS).contains(&n_words)
        && !all_caps
        && !is_common_phrase(text, gazetteer, first..stop)
    {
        Some(EntityClass::Person)
    } else {
        None
    };
    // "the Chinese Coast Guard (CCG)": an acronym in brackets after a name is that name.
    // "the China Coast Guard's (CCG)" too; and the acronym alone later ("PCG said") is the
    // organisation named before it that it abbreviates.
    if acronym {
        let mut before = first.saturating_sub(1);
        if before >= 1 && text.words[before] == "(" && matches!(text.low(before - 1), "'s" | "’s") {
            before -= 1;
        }
        let bracketed = first >= 2 && text.words[first - 1] == "(";
        let named = out.mentions.last().filter(|m| bracketed && m.end == before).map(|m| m.entity);
        // An organisation's acronym in its own language need not abbreviate the English
        // name: "the Serbian Workers' Union (SSS)", "Forces for the Defence of Democracy (FDD)".
        let closed = text.words.get(stop).is_some_and(|w| *w == ")");
        let named = named
            .filter(|&e| {
                abbreviates(&label, &out.entities[e].label)
                    || closed
                        && out.entities[e].class == EntityClass::Org
                        && out.entities[e].label.contains(' ')
            })
            .or_else(|| {
                // The latest organisation named that it abbreviates ("China Coast Guard" and
                // "Chinese Coast Guard" are still apart here; they merge later).
                out.mentions.iter().rev().map(|m| m.entity).find(|&e| {
                    out.entities[e].class == EntityClass::Org && abbreviates(&label, &out.entities[e].label)
                })
            });
        if let Some(entity) = named {
            out.add_alias(entity, &label);
            out.mentions.push(Mention::name(first, stop, entity));
            return run_end;
        }
    }
    // "Philippine Coast Guard", "Iranian Foreign Ministry": a demonym right before an
    // organisation's name is part of the name, so two countries' coast guards stay apart.
    let mut label = label;
    // Ministries and offices keep acting for their country ("Polish Foreign Ministry
    // spokesman" is Poland's), so they are left as they are.
    let ministry = (first..stop).any(|k| OFFICE_WORDS.contains(&text.low(k)));
    if class == Some(EntityClass::Org) && !ministry {
        let demonym_before =
            out.mentions.last().is_some_and(|m| m.end == first && m.kind == MentionKind::Demonym);
        if demonym_before {
            if let Some(demonym) = out.mentions.pop() {
                first = demonym.start;
                label = text.text[text.tokens[first].start..text.tokens[stop - 1].end].to_string();
            }
        }
    }
    match class {
        Some(class) => {
            let mut new = new_entity(&label, class);
            // "the Liberian Peace Council", "Baghdad University": an organisation whose name
            // carries a country, its people or a city belongs to that country.
            if class == EntityClass::Org {
                new.country = country_in_name(text, gazetteer, first..stop);
            }
            // The region of a country lies in it ("South Lebanon").
            if compass_region && class == EntityClass::Place {
                new.country = gazetteer
                    .lookup(text.words[first + 1])
                    .and_then(|hits| hits.iter().find_map(|&(e, _)| gazetteer.entries[e].country.clone()));
            }
            let entity = out.entity_for(new);
            out.add_alias(entity, &label);
            out.mentions.push(Mention::name(first, stop, entity));
        }
        None if n_words == 1 => singles.push((first, stop)),
        None => {}
    }
    run_end
}

/// The least population of a city whose name in an organisation's name gives the
/// organisation its country ("Kharkiv Regional Administration").
const NAME_CITY_POPULATION: u64 = 250_000;

/// The country (ISO alpha-3) that a word of a name names: a country, its demonym, or a
/// well-known place of it (a capital, a region, or a city of at least
/// [`NAME_CITY_POPULATION`] people) that is not also a common word or a person's name.
/// A small city's name is too often something else: "Moro" is a Pakistani town, but the
/// Moro Islamic Liberation Front is Philippine.
fn country_in_name(text: &Text<'_>, gazetteer: &Gazetteer, range: std::ops::Range<usize>) -> Option<String> {
    let end = range.end;
    range.filter(|&k| text.is_capitalised(k)).find_map(|k| {
        // The longest form first: "Supreme Court of Ivory Coast".
        let longest = gazetteer.match_at(&text.words[..end], k);
        let hits = match &longest {
            Some(found) => found.hits.as_slice(),
            None => gazetteer.lookup(text.words[k])?,
        };
        hits.iter().find_map(|&(e, kind)| {
            let entry = &gazetteer.entries[e];
            let usable = match entry.class {
                EntityClass::Country => true,
                EntityClass::Place => {
                    let well_known = entry.capital_of.is_some()
                        || entry.population == 0
                        || entry.population >= NAME_CITY_POPULATION;
                    kind == FormKind::Name && !entry.ambiguous && well_known
                }
                _ => false,
            };
            usable.then(|| entry.country.clone()).flatten()
        })
    })
}

/// The end of the run of capitalised words (with name particles and an organisation's
/// "of") that starts at token `i`.
fn capitalised_run_end(text: &Text<'_>, i: usize, end: usize) -> usize {
    let mut stop = i;
    while stop < end {
        let word = text.words[stop];
        let capitalised = text.is_capitalised(stop) && word.chars().any(char::is_alphabetic)
            || stop > i && is_prefixed_name(word);
        let particle =
            NAME_PARTICLES.contains(&word) && stop > i && stop + 1 < end && text.is_capitalised(stop + 1);
        let joins_org = word == "of"
            && stop > i
            && stop + 1 < end
            && text.is_capitalised(stop + 1)
            && (i..stop).any(|k| contains(ORG_WORDS, text.low(k)));
        // "in southeastern Serbia Friday": a weekday ending the run is the date, not part of
        // the name ("Good Friday Agreement", "Bloody Sunday" are names).
        let weekday = stop > i
            && weekday_of(text.low(stop)).is_some()
            && !(stop + 1 < end && text.is_capitalised(stop + 1))
            && !matches!(
                text.low(stop - 1),
                "good" | "black" | "bloody" | "holy" | "ash" | "super" | "cyber"
            );
        if weekday {
            break;
        }
        if capitalised || particle || joins_org {
            stop += 1;
        } else {
            break;
        }
    }
    stop
}

/// Whether a word is written in capitals only ("KYIV", "U.S.", "PORT-AU-PRINCE"), with at
/// least two letters.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// Whether token `k` opens its sentence with a common word the tagger does not read as
/// a name ("Unless President Mahmoud Abbas", "Thanks Josh", "Visit Paris").
fn is_sentence_opener(text: &Text<'_>, k: usize) -> bool {
    text.starts_sentence(k)
        && !matches!(text.tag(k), "" | "NNP" | "NNPS" | "JJ" | "NN")
        && text.is_common_word(text.low(k))
}

/// Whether every word of a run is a common English word and none is a given name
/// ("River Garden", "Breaking News Alert"): such a run is not a person's name.
fn is_common_phrase(text: &Text<'_>, gazetteer: &Gazetteer, range: std::ops::Range<usize>) -> bool {
    text.grammar.is_some()
        && !gazetteer.is_given_name(text.words[range.start])
        && range.clone().all(|k| text.is_common_word(text.low(k)))
}

/// "St. Thomas", "Mount Sinai": words that open the name of a place.
fn is_place_prefix(low: &str) -> bool {
    matches!(low, "st." | "st" | "ste." | "saint" | "mount" | "mt." | "lake" | "fort" | "ft." | "port")
}

/// "al-Bashir", "bin-Salman": a lowercase particle glued to a capitalised name.
fn is_prefixed_name(word: &str) -> bool {
    ["al-", "el-", "bin-", "ibn-", "abu-", "ben-"].iter().any(|prefix| {
        word.strip_prefix(prefix).and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase)
    })
}

fn new_entity(label: &str, class: EntityClass) -> Entity {
    Entity {
        id: format!("ent:{}", slug(label)),
        class,
        label: label.to_string(),
        aliases: vec![label.to_string()],
        wikidata: None,
        cameo: None,
        country: None,
        lat: None,
        lon: None,
    }
}

/// "the city of X", "the town of X", "in X" (for unknown names) before token `i`.
fn place_cue_before(text: &Text<'_>, i: usize) -> bool {
    if i >= 2 && text.low(i - 1) == "of" && is_place_noun(text.low(i - 2)) {
        return true;
    }
    i >= 1 && matches!(text.low(i - 1), "in" | "near" | "outside")
}

/// "Sumy and Kryvyi Rig": an unknown name listed right after a known place is a place.
fn coordinated_with_place(text: &Text<'_>, i: usize, out: &Mentions) -> bool {
    if i < 2 || !matches!(text.low(i - 1), "and" | "," | "or") {
        return false;
    }
    out.mentions
        .iter()
        .rev()
        .find(|m| m.end == i - 1)
        .is_some_and(|m| out.entities[m.entity].class == EntityClass::Place)
}

/// Whether a title ends just before token `i` ("President X", "Gen. X").
fn title_before(text: &Text<'_>, i: usize) -> bool {
    i > 0 && is_title_word(text.low(i - 1))
}

/// Nouns after a leader's name that stand for the leader's state: "the Biden
/// administration", "the Assad regime", "the Netanyahu government".
pub const GOVERNMENT_NOUNS: &[&str] = &["administration", "cabinet", "government", "regime"];

/// "the Biden administration": a lone name before a government noun, after "the", is the
/// leader's (the noun itself is resolved to the state in `roles.rs`).
fn government_after(text: &Text<'_>, start: usize, stop: usize) -> bool {
    start > 0 && text.low(start - 1) == "the" && GOVERNMENT_NOUNS.contains(&text.low(stop))
}

/// Resolves single capitalised words: a surname or given name of a person named in
/// full elsewhere in the article, else a person when a title precedes it.
fn resolve_singles(text: &Text<'_>, gazetteer: &Gazetteer, singles: &[(usize, usize)], out: &mut Mentions) {
    for &(start, stop) in singles {
        let word = text.words[start];
        let full_names = || {
            out.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.class == EntityClass::Person && e.label.contains(' '))
        };
        let by_surname = full_names()
            .filter(|(_, e)| e.label.split(' ').next_back().is_some_and(|last| surname_matches(last, word)))
            .map(|(idx, _)| idx)
            .next_back();
        // "Olena" after "Olena Kovalenko": a given name used alone.
        let given = gazetteer.is_given_name(word)
            && (text.grammar.is_none() || text.tag(start) == "NNP" && !text.is_common_word(text.low(start)));
        let by_given_name = || {
            full_names()
                .filter(|(_, e)| e.label.split(' ').next() == Some(word))
                .map(|(idx, _)| idx)
                .next_back()
        };
        let entity = match by_surname.or_else(|| by_given_name().filter(|_| given)) {
            Some(idx) => idx,
            // "President Obama": a well-known surname after a title is that person.
            None if title_before(text, start) || given || government_after(text, start, stop) => {
                let name = famous_person(text, gazetteer, start).unwrap_or(word);
                out.entity_for(new_entity(name, EntityClass::Person))
            }
            None => match famous_person(text, gazetteer, start) {
                Some(name) => out.entity_for(new_entity(name, EntityClass::Person)),
                None => continue,
            },
        };
        out.add_alias(entity, word);
        out.mentions.push(Mention::name(start, stop, entity));
    }
}

/// A lone surname of a well-known person ("Putin said", "talks with Macron") names that
/// person, when the tagger reads it as a proper noun and the article never uses it as a
/// common word.
fn famous_person<'g>(text: &Text<'_>, gazetteer: &'g Gazetteer, i: usize) -> Option<&'g str> {
    let name = gazetteer.person_by_surname(text.words[i])?;
    let proper = text.tag(i) == "NNP" || text.tag(i).is_empty();
    let common_elsewhere =
        text.lower.iter().enumerate().any(|(k, w)| *w == text.lower[i] && !text.is_capitalised(k));
    (proper && !common_elsewhere).then_some(name)
}

/// "Abadi" names "Haidar al-Abadi": a surname with or without its Arabic article.
fn surname_matches(last: &str, word: &str) -> bool {
    let bare = |name: &str| -> String {
        let lower = name.to_lowercase();
        for prefix in ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-", "an-"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return rest.to_string();
            }
        }
        lower
    };
    last == word || bare(last) == bare(word)
}

/// Resolves "he" and "she" to the latest person named in the same or the previous sentence.
fn resolve_pronouns(text: &Text<'_>, pronouns: &[usize], out: &mut Mentions) {
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut added = Vec::new();
    for &i in pronouns {
        let sentence = text.sentence_of[i];
        let antecedent = out
            .mentions
            .iter()
            .filter(|m| m.end <= i && m.kind == MentionKind::Name)
            .filter(|m| out.entities[m.entity].class == EntityClass::Person)
            .rfind(|m| sentence - text.sentence_of[m.start] <= 1);
        if let Some(m) = antecedent {
            added.push(Mention::pronoun(i, m.entity));
        }
    }
    out.mentions.extend(added);
}

/// Verbs of saying after which "it" is usually the speaker ("Israel says it carried out").
const SAYING: &[&str] =
    &["announced", "claimed", "confirmed", "declared", "insisted", "said", "says", "stated", "warned"];

/// Resolves "it" and "its" to a country or organisation, where news uses them for one:
/// "Israel says it struck …", "Nigeria announced that it will withdraw" (the speaker), and
/// "Russia said its forces …" (the nearest country or organisation before a group noun).
fn resolve_it(text: &Text<'_>, out: &mut Mentions) {
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut added = Vec::new();
    for sentence in &text.sentences {
        for i in sentence.tokens.clone() {
            let word = text.low(i);
            if word == "they"
                && let Some(entity) = group_speaker_of_clause(text, out, i)
            {
                added.push(Mention::pronoun(i, entity));
                continue;
            }
            if word != "it" && word != "its" {
                continue;
            }
            if word == "it"
                && let Some(entity) = speaker_of_clause(text, out, i)
            {
                added.push(Mention::pronoun(i, entity));
                continue;
            }
            let mut verb = i;
            if verb > sentence.tokens.start && text.low(verb - 1) == "that" {
                verb -= 1;
            }
            let after_saying = verb > sentence.tokens.start && SAYING.contains(&text.low(verb - 1));
            let before_group = word == "its" && is_group_noun(text.low(i + 1));
            if !(word == "it" && after_saying || before_group) {
                continue;
            }
            let limit = if word == "it" { verb - 1 } else { i };
            let actor = out
                .mentions
                .iter()
                .filter(|m| m.start >= sentence.tokens.start && m.end <= limit && !m.modifier)
                .rfind(|m| matches!(out.entities[m.entity].class, EntityClass::Country | EntityClass::Org));
            // The speaker ends near the verb: "Israel on Tuesday said it …".
            let close = |m: &&Mention| word == "its" || limit - m.end <= 4;
            if let Some(m) = actor.filter(close) {
                added.push(Mention::pronoun(i, m.entity));
            }
        }
    }
    out.mentions.extend(added);
}

/// Resolves "it" and "they" that open a sentence as its subject to the subject of the
/// sentence before, the way news continues a story: "Russia launched a new offensive.
/// It struck Sumy on Thursday." "It" takes a country or organisation; "they" takes the
/// country of its soldiers or officials ("Ukrainian officials said … They accused
/// Moscow"), never rebels or crowds. Only the first subject of a sentence is read so, and
/// only when no name stands before it in its sentence.
fn resolve_subject_pronouns(text: &Text<'_>, out: &mut Mentions) {
    if text.head.is_empty() {
        return;
    }
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut added = Vec::new();
    for (s, sentence) in text.sentences.iter().enumerate().skip(1) {
        let Some(i) = sentence.tokens.clone().find(|&k| text.deprel[k].starts_with("nsubj")) else {
            continue;
        };
        let plural = match text.low(i) {
            "it" => false,
            "they" => true,
            _ => continue,
        };
        let named_before = out.mentions.iter().any(|m| m.start >= sentence.tokens.start && m.start < i);
        if named_before || out.at(i).is_some() {
            continue;
        }
        let previous = &text.sentences[s - 1];
        let Some(root) = previous.tokens.clone().find(|&k| text.head[k].is_none()) else { continue };
        let subject = text.children(root, "nsubj").into_iter().next();
        if let Some(entity) = subject.and_then(|k| acting_subject(text, out, k, plural)) {
            added.push(Mention::pronoun(i, entity));
        }
    }
    out.mentions.extend(added);
}

/// The country or organisation that the subject at token `k` names: the name itself
/// when `plural` is false, or the country of a plural group noun ("Russian forces",
/// "Ukrainian officials") when it is true. Rebel, opposition and militant groups are not
/// their country.
fn acting_subject(text: &Text<'_>, out: &Mentions, k: usize, plural: bool) -> Option<usize> {
    let acting = |m: usize| {
        let entity = out.mentions[m].entity;
        matches!(out.entities[entity].class, EntityClass::Country | EntityClass::Org).then_some(entity)
    };
    if !plural {
        let m = out
            .at(k)
            .filter(|&m| !out.mentions[m].modifier && out.mentions[m].kind != MentionKind::Pronoun)?;
        return acting(m);
    }
    let word = text.low(k);
    let plural_group = is_group_noun(word) && word.ends_with('s') && !NON_STATE_GROUPS.contains(&word);
    if !plural_group || !text.children(k, "conj").is_empty() {
        return None;
    }
    state_of_group(text, out, k)
}

/// Lemmas of verbs of saying whose clause's "it" is the speaker, read from the parse.
pub(super) const SAYING_LEMMAS: &[&str] =
    &["add", "announce", "claim", "confirm", "declare", "insist", "report", "say", "state", "warn"];

/// The verb of saying whose reported clause has token `i` for its subject ("Iraq said
/// it would allow …": the "said" of "it"). Needs the parse.
pub(super) fn saying_verb_over(text: &Text<'_>, i: usize) -> Option<usize> {
    let clause = text.head[i]?;
    let verb = text.head[clause].filter(|_| text.deprel[clause] == "ccomp")?;
    SAYING_LEMMAS.contains(&text.lemma[verb].as_str()).then_some(verb)
}

/// The country or organisation that says the clause whose subject is "it" at `i`:
/// "Switzerland said today it had expelled …", "Iraq said in a letter that it would allow …".
fn speaker_of_clause(text: &Text<'_>, out: &Mentions, i: usize) -> Option<usize> {
    // "Syria says it is willing to withdraw": the parser may call that "it" expletive.
    if text.head.is_empty() || !(text.deprel[i].starts_with("nsubj") || text.deprel[i] == "expl") {
        return None;
    }
    let verb = saying_verb_over(text, i)?;
    text.children(verb, "nsubj").into_iter().find_map(|k| {
        let m = out.at(k)?;
        let entity = out.mentions[m].entity;
        (!out.mentions[m].modifier
            && matches!(out.entities[entity].class, EntityClass::Country | EntityClass::Org))
        .then_some(entity)
    })
}

/// The country whose officials say the clause whose subject is "they": "Palestinian
/// leaders said they would boycott …", "Iranian officials said they had met …". Rebels,
/// crowds and the like do not act for a country, so they are left alone.
fn group_speaker_of_clause(text: &Text<'_>, out: &Mentions, i: usize) -> Option<usize> {
    if text.head.is_empty() || !text.deprel[i].starts_with("nsubj") {
        return None;
    }
    let verb = saying_verb_over(text, i)?;
    let subject = text.children(verb, "nsubj").into_iter().next()?;
    let speakers = matches!(
        text.low(subject),
        "officials" | "leaders" | "ministers" | "diplomats" | "negotiators" | "authorities" | "envoys"
    );
    if !speakers || !text.children(subject, "conj").is_empty() {
        return None;
    }
    state_of_group(text, out, subject)
}

/// The country that qualifies the group noun at `k` ("Iranian officials", "Russia's
/// forces"), unless the group is not the state's: "rebel leaders", "opposition leaders".
fn state_of_group(text: &Text<'_>, out: &Mentions, k: usize) -> Option<usize> {
    let qualifiers: Vec<usize> =
        ["amod", "compound", "nmod:poss"].iter().flat_map(|r| text.children(k, r)).collect();
    let unofficial = qualifiers.iter().any(|&c| {
        matches!(text.low(c), "rebel" | "opposition" | "militant" | "separatist" | "tribal" | "religious")
    });
    if unofficial {
        return None;
    }
    qualifiers.into_iter().find_map(|c| {
        let entity = out.mentions[out.at(c)?].entity;
        (out.entities[entity].class == EntityClass::Country).then_some(entity)
    })
}

/// Resolves "the country" (and "the kingdom", "the nation") to the country named last
/// before it, within the same sentence or the two before: "Taliban militants seized most
/// of the country", "rebels loyal to the country's former vice president". News uses the
/// phrase for the country it has just named, though not for the subject of its own clause.
/// "The country of X" names X and is left alone.
fn resolve_the_country(text: &Text<'_>, out: &mut Mentions) {
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut added = Vec::new();
    for (s, sentence) in text.sentences.iter().enumerate() {
        let window_start = text.sentences[s.saturating_sub(2)].tokens.start;
        for i in sentence.tokens.clone().skip(1) {
            if !matches!(text.low(i), "country" | "kingdom" | "nation")
                || text.low(i - 1) != "the"
                || text.is_capitalised(i)
                || text.low(i + 1) == "of"
                || out.at(i).is_some()
            {
                continue;
            }
            // "France withdraws its troops from the country": not the clause's own subject.
            // The verb of the clause, past nouns the parser may hang "the country" on ("its
            // troops from the country").
            let mut verb = text.head.get(i).copied().flatten();
            for _ in 0..3 {
                match verb {
                    Some(h) if !text.tag(h).starts_with("VB") => verb = text.head[h],
                    _ => break,
                }
            }
            let own_subject = |m: &Mention| {
                (m.start..m.end).any(|k| {
                    text.head.get(k).copied().flatten() == verb
                        && text.deprel.get(k).is_some_and(|d| *d == "nsubj")
                })
            };
            // The subject's country under any name ("the French ambassador … France
            // withdraws … from the country") is not the country meant either.
            let subjects: Vec<usize> =
                out.mentions.iter().filter(|m| verb.is_some() && own_subject(m)).map(|m| m.entity).collect();
            let referent = out
                .mentions
                .iter()
                .filter(|m| m.start >= window_start && m.end < i && m.kind != MentionKind::Pronoun)
                .filter(|m| !subjects.contains(&m.entity))
                .rfind(|m| out.entities[m.entity].class == EntityClass::Country)
                .map(|m| m.entity)
                // Nothing named lately: the country the article is mostly about.
                .or_else(|| most_mentioned_country(out, &subjects));
            if let Some(entity) = referent {
                added.push(Mention {
                    start: i - 1,
                    end: i + 1,
                    entity,
                    kind: MentionKind::Description,
                    modifier: false,
                });
            }
        }
    }
    out.mentions.extend(added);
}

/// "the latter" and "the former": the second and the first of the last two actors named
/// before them, in this sentence or the one before ("Armenia and Azerbaijan fought a war
/// in which the latter's forces reclaimed territory": Azerbaijan). Places do not count.
fn resolve_former_and_latter(text: &Text<'_>, out: &mut Mentions) {
    for k in 1..text.words.len() {
        let pick_second = match text.low(k) {
            "latter" => true,
            "former" => false,
            _ => continue,
        };
        // "the former president" is a title, not a reference.
        let next_tag = text.tag(k + 1);
        let qualifies = next_tag.starts_with("NN") || next_tag.starts_with("JJ") || next_tag == "CD";
        let stands_alone = matches!(text.low(k + 1), "'s" | "’s") || !qualifies;
        if text.low(k - 1) != "the" || !stands_alone || out.at(k).is_some() {
            continue;
        }
        let first_sentence = text.sentence_of[k].saturating_sub(1);
        let mut actors: Vec<usize> = Vec::new();
        for m in out.mentions.iter().filter(|m| m.end < k && text.sentence_of[m.start] >= first_sentence) {
            let place = out.entities[m.entity].class == EntityClass::Place;
            if !place && !m.modifier && actors.last() != Some(&m.entity) {
                actors.retain(|&e| e != m.entity);
                actors.push(m.entity);
            }
        }
        let [.., first, second] = actors[..] else { continue };
        let entity = if pick_second { second } else { first };
        out.mentions.push(Mention {
            start: k - 1,
            end: k + 1,
            entity,
            kind: MentionKind::Description,
            modifier: false,
        });
    }
}

/// The country the article names most often, other than those in `except`; the first
/// named wins a tie.
fn most_mentioned_country(out: &Mentions, except: &[usize]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for m in out.mentions.iter().filter(|m| m.kind != MentionKind::Pronoun) {
        if out.entities[m.entity].class != EntityClass::Country || except.contains(&m.entity) {
            continue;
        }
        match counts.iter_mut().find(|(e, _)| *e == m.entity) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.entity, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(e, _)| *e)
}

/// Resolves "we", "our" and "us" inside a quotation to its speaker, named as the subject
/// of a verb of saying outside the quotation in the same sentence: "\"Our visit is part of
/// our broader trip to Asia,\" Pelosi said" makes both "our" Pelosi. Needs the parse.
fn resolve_quoted_we(text: &Text<'_>, out: &mut Mentions) {
    if text.head.is_empty() {
        return;
    }
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut added = Vec::new();
    for sentence in &text.sentences {
        let mut quoted = Vec::with_capacity(sentence.tokens.len());
        let mut inside = false;
        for i in sentence.tokens.clone() {
            match text.words[i] {
                "\"" => inside = !inside,
                "“" => inside = true,
                "”" => inside = false,
                _ => {}
            }
            quoted.push(inside);
        }
        let is_quoted = |i: usize| quoted[i - sentence.tokens.start];
        let we: Vec<usize> = sentence
            .tokens
            .clone()
            .filter(|&i| is_quoted(i) && matches!(text.low(i), "we" | "our" | "us"))
            .collect();
        if we.is_empty() {
            continue;
        }
        let speaker = sentence.tokens.clone().find_map(|v| {
            if is_quoted(v) || !SAYING.contains(&text.low(v)) {
                return None;
            }
            sentence
                .tokens
                .clone()
                .filter(|&k| text.head[k] == Some(v) && text.deprel[k] == "nsubj")
                .find_map(|k| {
                    let m = out.at(k)?;
                    let entity = out.mentions[m].entity;
                    let class = out.entities[entity].class;
                    matches!(class, EntityClass::Person | EntityClass::Org | EntityClass::Country)
                        .then_some(entity)
                })
        });
        if let Some(entity) = speaker {
            added
                .extend(we.into_iter().filter(|&i| out.at(i).is_none()).map(|i| Mention::pronoun(i, entity)));
        }
    }
    out.mentions.extend(added);
}

/// Adds a person's surname as an alias, since readers use it.
fn add_short_forms(out: &mut Mentions) {
    for entity in &mut out.entities {
        if entity.class == EntityClass::Person {
            if let Some(surname) = entity.label.split(' ').next_back() {
                if surname != entity.label && !entity.aliases.iter().any(|a| a == surname) {
                    entity.aliases.push(surname.to_string());
                }
            }
        }
    }
}
