//! The first extractor: gazetteers, capitalised names, titles, a trigger lexicon and clause patterns.
//!
//! [`RuleExtractor`] runs the stages of this folder in order on one article:
//! mentions (`mentions.rs`), roles (`roles.rs`), events (`events.rs`) and
//! dates (`time.rs`), then turns what it found into the [`Extraction`]
//! records. It holds the gazetteer and lexicon, loaded once and shared by
//! every thread.

use std::sync::OnceLock;

use super::casualties::find_casualties;
use super::events::{Found, Pattern, find_events};
use super::frames::{Framed, THREATENING, framed_event, infinitive_of};
use super::gazetteer::Gazetteer;
use super::groups::{GroupNouns, find_groups};
use super::lexicon::{Lexicon, Trigger, TriggerKind};
use super::mentions::Mentions;
use super::mentions::{Text, find_mentions, is_title_word};
use super::roles::{find_roles, resolve_descriptions, resolve_leaders_governments, resolve_titles};
use super::syntax::find_events_by_syntax;
use super::time::{DateMention, find_dates};
use super::{Casualties, Entity, EntityClass, Event, Extraction, Extractor, Modality, cameo};
use crate::ingest::Document;
use crate::nlp::pipeline::Pipeline;

/// The rule-based extractor. Cheap to clone a reference to; build it once.
pub struct RuleExtractor {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    grammar: Option<&'static Pipeline>,
    /// Whether unnamed groups ("Afghan rebels") are actors too, as event data codes them.
    groups: bool,
}

impl RuleExtractor {
    /// An extractor with the gazetteers, lexicon and grammar model built into the binary.
    pub fn new() -> RuleExtractor {
        RuleExtractor {
            gazetteer: Gazetteer::builtin(),
            lexicon: Lexicon::builtin(),
            grammar: builtin_grammar(),
            groups: false,
        }
    }

    /// The same, also coding unnamed groups known by country and sector as actors
    /// ("Afghan rebels" → AFGREB): event data's actors, beyond the named ones. See [`groups`](super::groups).
    pub fn with_groups() -> RuleExtractor {
        RuleExtractor { groups: true, ..RuleExtractor::new() }
    }

    /// The same without the tagger: capitalisation and word lists only.
    pub fn without_grammar() -> RuleExtractor {
        RuleExtractor { grammar: None, ..RuleExtractor::new() }
    }

    /// A shared instance, built on first use.
    pub fn shared() -> &'static RuleExtractor {
        static SHARED: OnceLock<RuleExtractor> = OnceLock::new();
        SHARED.get_or_init(RuleExtractor::new)
    }

    /// A shared instance of [`RuleExtractor::with_groups`], built on first use.
    pub fn shared_with_groups() -> &'static RuleExtractor {
        static SHARED: OnceLock<RuleExtractor> = OnceLock::new();
        SHARED.get_or_init(RuleExtractor::with_groups)
    }
}

impl Default for RuleExtractor {
    fn default() -> Self {
        RuleExtractor::new()
    }
}

impl Extractor for RuleExtractor {
    fn version(&self) -> &str {
        if self.groups {
            concat!("newskg-rules/", env!("CARGO_PKG_VERSION"), "+15+groups")
        } else {
            concat!("newskg-rules/", env!("CARGO_PKG_VERSION"), "+15")
        }
    }

    fn extract(&self, doc: &Document) -> Extraction {
        let text = Text::new(&doc.text, self.grammar);
        let mut mentions = find_mentions(&text, &self.gazetteer);
        let roles = find_roles(&text, &mut mentions, &self.gazetteer, doc.date);
        resolve_leaders_governments(&text, &mut mentions, &self.gazetteer);
        resolve_descriptions(&text, &mut mentions, &roles.roles);
        resolve_titles(&text, &mut mentions, &roles.roles);
        if self.groups {
            find_groups(&text, &mut mentions, &self.gazetteer, GroupNouns::builtin());
        }
        let mut found = find_events(&text, &mentions, &self.lexicon, &roles.appositions);
        // The parse finds events the word-order patterns miss entirely; where both read
        // the same trigger, the patterns win (they are more precise on news prose so far).
        // Where both agree on the subjects, the parse may still see more targets through
        // coordination the patterns stop at ("struck targets in the Bekaa valley and the
        // town of Bhamdoun"): those are added.
        for event in
            find_events_by_syntax(&text, &mentions, &self.lexicon, &roles.appositions, roles.main_country)
        {
            let known = found
                .iter_mut()
                .find(|f| f.sentence == event.sentence && f.tokens.start == event.tokens.start);
            match known {
                Some(known) if known.subjects == event.subjects => {
                    let extra: Vec<usize> =
                        event.objects.iter().copied().filter(|o| !known.objects.contains(o)).collect();
                    known.objects.extend(extra);
                    // The parse read a phrase through its object ("expelled two Russian
                    // diplomats" as "expel diplomats"): the phrase is the more specific type.
                    let words = |trigger: usize| self.lexicon.triggers[trigger].lemma.split(' ').count();
                    if words(event.trigger) > words(known.trigger) {
                        known.trigger = event.trigger;
                        known.tokens = event.tokens;
                    }
                }
                // A mediation told in the passive: the parse found the agent and the parties.
                Some(known) if event.pattern == Pattern::Passive => *known = event,
                // A noun whose actor the patterns only guessed from the words before it
                // ("X demanded the withdrawal of Serbian forces"): the parse names it.
                Some(known) if known.pattern == Pattern::NominalLoose => *known = event,
                // "Iran rejected the right of Israel to attack Lebanon": the patterns lent the
                // infinitive the clause's subject, the parse found the noun's own agent.
                Some(known)
                    if known.pattern == Pattern::Control && is_noun_infinitive(&text, event.tokens.start) =>
                {
                    *known = event
                }
                Some(_) => {}
                None => {
                    // "attempted to assassinate": a verb inside a longer verb phrase is that phrase.
                    let inside = |f: &Found| {
                        self.lexicon.triggers[f.trigger].kind == TriggerKind::Verb
                            && f.sentence == event.sentence
                            && f.tokens.start < event.tokens.start
                            && event.tokens.end <= f.tokens.end
                    };
                    if !found.iter().any(inside) {
                        found.push(event);
                    }
                }
            }
        }
        // "called Putin a dictator", "called them sympathizers": naming, not a phone call;
        // "called a general strike", "called a meeting": the noun is the event.
        found.retain(|f| {
            let i = f.tokens.start;
            !(self.lexicon.triggers[f.trigger].lemma == "call"
                && (names_as(&text, i) || calls_an_event(&text, &self.lexicon, i)))
        });
        // "rebels loyal to ousted vice president Riek Machar", "the jailed opposition leader":
        // a participle before a title describes the person; it is no event of this sentence.
        found.retain(|f| !is_attributive(&text, &self.lexicon.triggers[f.trigger], f.tokens.start));
        // "the decision to send tanks", "an operation to capture Kyiv": what an infinitive
        // on a noun says is intended, not done. A perfect infinitive ("claims to have
        // killed") tells of something done.
        for event in &mut found {
            let i = event.tokens.start;
            let perfect = text.children(i, "aux").iter().any(|&c| text.lemma[c] == "have");
            if event.modality == Modality::Asserted && is_noun_infinitive(&text, i) && !perfect {
                event.modality = Modality::Planned;
            }
        }
        let dateline = dateline_place(&text, &mentions);
        let mut events = Vec::new();
        for event in &found {
            events.extend(self.records(doc, &text, &mentions.entities, event, dateline));
        }
        propagate_dates(&mut events);
        dedup_events(&mut events);
        // An entity left with no mention, event or role ("the Albanians of southern Serbia"
        // name a group, not Albania) is not in the article.
        let mut mentioned = vec![false; mentions.entities.len()];
        for m in &mentions.mentions {
            mentioned[m.entity] = true;
        }
        let entities = mentions
            .entities
            .into_iter()
            .zip(mentioned)
            .filter(|(e, mentioned)| {
                *mentioned
                    || events.iter().any(|ev| ev.subject == e.id || ev.object == e.id)
                    || roles.roles.iter().any(|r| r.person == e.id || r.org == e.id)
            })
            .map(|(e, _)| e)
            .collect();
        Extraction { entities, events, roles: roles.roles }
    }
}

/// Whether the one-word verb trigger at `i` is a participle describing the person whose
/// title follows it, after a preposition, determiner or possessive: "loyal to ousted vice
/// president Riek Machar", "supporters of jailed opposition leader Alexei Navalny".
fn is_attributive(text: &Text<'_>, trigger: &Trigger, i: usize) -> bool {
    const BEFORE: &[&str] = &[
        "to", "of", "for", "with", "by", "the", "a", "an", "his", "her", "their", "its", "'s", "’s", "former",
    ];
    trigger.kind == TriggerKind::Verb
        && !trigger.lemma.contains(' ')
        && i > 0
        && BEFORE.contains(&text.low(i - 1))
        && text.low(i).ends_with("ed")
        && is_title_word(text.low(i + 1))
}

/// Whether the verb at `i` names its object as something: a second object or a predicate
/// after the first ("called Putin a dictator", "called them North Korean sympathizers").
fn names_as(text: &Text<'_>, i: usize) -> bool {
    if text.head.is_empty() {
        return false;
    }
    let objects = text.children(i, "obj");
    // The parser may read the pair as a small clause: "dictator" with "Xi" as its subject.
    let small_clause = objects.iter().any(|&o| !text.children(o, "nsubj").is_empty());
    objects.len() >= 2 || !objects.is_empty() && (small_clause || !text.children(i, "xcomp").is_empty())
}

/// Whether the verb at `i` has a noun trigger as its object ("called a general strike").
fn calls_an_event(text: &Text<'_>, lexicon: &Lexicon, i: usize) -> bool {
    !text.head.is_empty()
        && text
            .children(i, "obj")
            .into_iter()
            .any(|o| lexicon.find(&text.lemma[o], TriggerKind::Noun).is_some())
}

/// Whether the verb at `i` is an infinitive attached to a noun ("the right to attack").
fn is_noun_infinitive(text: &Text<'_>, i: usize) -> bool {
    text.deprel.get(i).is_some_and(|d| *d == "acl") && !text.children(i, "mark").is_empty()
}

impl RuleExtractor {
    /// One output event per (subject, object) pair of a found event.
    fn records(
        &self,
        doc: &Document,
        text: &Text<'_>,
        entities: &[Entity],
        found: &Found,
        dateline: Option<usize>,
    ) -> Vec<Event> {
        let trigger = &self.lexicon.triggers[found.trigger];
        let sentence = &text.sentences[found.sentence];
        let sentence_text = &text.text[sentence.start..sentence.end];
        // The day nearest the trigger; failing a day, the period nearest it ("last month").
        let planned = found.modality == Modality::Planned;
        let trigger_offset = text.tokens[found.tokens.start].start - sentence.start;
        let dates = doc.date.map(|d| find_dates(sentence_text, d, planned)).unwrap_or_default();
        // "pledged on Tuesday to send aid": a day before the planned event is the pledge's.
        let committed = planned && committed_before(sentence_text.get(..trigger_offset).unwrap_or(""));
        let own = |m: &&DateMention| !(committed && m.end <= trigger_offset);
        let nearest = |day: bool| {
            dates
                .iter()
                .filter(own)
                .filter(|m| m.is_day() == day)
                .min_by_key(|m| m.start.abs_diff(trigger_offset))
        };
        let date = nearest(true).map(|m| m.date);
        let period = if date.is_none() { nearest(false).map(|m| (m.date, m.until)) } else { None };
        let violent = cameo::is_violent(&trigger.cameo);
        let casualties = if violent { find_casualties(sentence_text) } else { Casualties::default() };
        let place = found.place.or(dateline).map(|p| entities[p].id.clone());
        // "refused to meet", "suspended aid", "lifted the blockade": what the verb over
        // the trigger makes of it (frames.rs).
        let Framed { predicate, relation, code, mut modality, carrier } =
            framed_event(text, trigger, found.tokens.clone(), sentence.tokens.start, found.modality);
        // "threatened to strike X", "will withdraw its troops unless Habre agrees to a
        // ceasefire": the event is the threat, not the strike or the withdrawal.
        // "threatened to institute a curfew": a noun through the verb it is the object of.
        let noun = found.tokens.end - 1;
        let verb_over = text.head.get(noun).copied().flatten().filter(|&v| {
            trigger.kind == TriggerKind::Noun && text.deprel[noun] == "obj" && text.tag(v).starts_with("VB")
        });
        let threat = infinitive_of(text, carrier, sentence.tokens.start, 5, THREATENING)
            || verb_over.is_some_and(|v| infinitive_of(text, v, sentence.tokens.start, 5, THREATENING))
            || conditional_threat(text, found, &code, sentence.tokens.end);
        let (predicate, relation, code_str) = if threat {
            (format!("threaten to {predicate}"), "threatens".to_string(), cameo::threat_of(&code).to_string())
        } else {
            (predicate, relation, code)
        };
        if threat && modality == Modality::Planned {
            modality = Modality::Asserted;
        }
        let code = cameo::lookup(&code_str);
        // PLOVER types an announced intention by where it leads (AGREE, THREATEN); the
        // CAMEO code stays that of the act intended.
        let plover = match modality {
            Modality::Planned => cameo::intent_plover(&code_str).map(str::to_string),
            _ => None,
        }
        .or_else(|| code.and_then(|c| c.plover.clone()));
        let (start, end) = char_span(&doc.text, sentence.start, sentence.end);
        let mut out = Vec::new();
        let mut pairs: Vec<(usize, usize)> =
            found.subjects.iter().flat_map(|&s| found.objects.iter().map(move |&o| (s, o))).collect();
        if found.among {
            // Each pair of participants once, in list order; both ways when reciprocal.
            let position = |e: usize| found.subjects.iter().position(|&x| x == e);
            pairs.retain(|&(s, o)| position(s) < position(o));
        }
        if found.reciprocal {
            let swapped: Vec<(usize, usize)> = pairs.iter().map(|&(s, o)| (o, s)).collect();
            pairs.extend(swapped);
        }
        for (s, o) in pairs {
            if s == o {
                continue;
            }
            out.push(Event {
                subject: entities[s].id.clone(),
                object: entities[o].id.clone(),
                predicate: predicate.clone(),
                relation: relation.clone(),
                cameo: code_str.clone(),
                plover: plover.clone(),
                symmetric: trigger.symmetric,
                date,
                date_start: period.map(|(start, _)| start),
                date_end: period.map(|(_, end)| end),
                place: place.clone(),
                sentence: found.sentence,
                start,
                end,
                text: sentence_text.trim().to_string(),
                modality,
                casualties,
                confidence: confidence(found, found.subjects.len() * found.objects.len()),
            });
        }
        out
    }
}

/// The grammar model shipped in `models/`, loaded once; `None` (with a warning) if it does not load.
fn builtin_grammar() -> Option<&'static Pipeline> {
    match crate::nlp::model::shipped() {
        Ok(pipeline) => Some(pipeline),
        Err(err) => {
            eprintln!("warning: {err}; extracting without the tagger");
            None
        }
    }
}

/// The place of a dateline ("PARIS —", "KYIV, Oct 13 (Reuters) -"): the city the article
/// was filed from, which is where its events happened unless a sentence says otherwise.
fn dateline_place(text: &Text<'_>, mentions: &Mentions) -> Option<usize> {
    let first = text.sentences.first()?.tokens.clone();
    let caps = |i: usize| {
        let word = text.words[i];
        word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
    };
    let end = first.clone().take_while(|&i| caps(i)).last()? + 1;
    let mark = text.words.get(end).copied()?;
    if !matches!(mark, "—" | "–" | "-" | "," | "(") || end - first.start > 4 {
        return None;
    }
    let m = mentions.at(first.start)?;
    let entity = mentions.mentions[m].entity;
    (mentions.entities[entity].class == EntityClass::Place).then_some(entity)
}

/// The pattern's base confidence, lowered for hedged events and for wide coordinations.
fn confidence(found: &Found, n_pairs: usize) -> f64 {
    let mut value = found.pattern.confidence();
    if found.modality != Modality::Asserted {
        value -= 0.1;
    }
    if n_pairs > 4 {
        value -= 0.05;
    }
    (value.clamp(0.05, 0.99) * 100.0).round() / 100.0
}

/// Byte offsets to character offsets, so that spans index the body as Python strings do.
fn char_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start_chars = text[..start].chars().count();
    let end_chars = start_chars + text[start..end].chars().count();
    (start_chars, end_chars)
}

/// An undated event repeats a dated one with the same verb and target ("arrived in Paris on
/// Thursday" … "Kellogg arrived in Paris mid-morning"): it is the same occasion, so it takes
/// that date.
fn propagate_dates(events: &mut [Event]) {
    let dated: Vec<(String, String, chrono::NaiveDate)> =
        events.iter().filter_map(|e| e.date.map(|d| (e.relation.clone(), e.object.clone(), d))).collect();
    for event in events.iter_mut().filter(|e| e.date.is_none()) {
        let mut dates =
            dated.iter().filter(|(r, o, _)| *r == event.relation && *o == event.object).map(|(_, _, d)| *d);
        let first = dates.next();
        // Only when every dated mention agrees: two different dates are two occasions.
        if let Some(date) = first.filter(|d| dates.all(|other| other == *d)) {
            event.date = Some(date);
        }
    }
}

/// Words that are events of their own and put the verb after them in the future: a
/// promise, an agreement, a readiness, a statement ("agreed on Monday to withdraw", "said
/// on Tuesday it was ready to send").
#[rustfmt::skip]
const COMMITTING: &[&str] = &[
    "agreed", "announced", "offered", "pledged", "prepared", "promised", "ready", "said", "says",
    "vowed", "willing",
];

/// Whether a committing word stands in `text`, the words before a trigger.
fn committed_before(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| COMMITTING.iter().any(|c| c.eq_ignore_ascii_case(word)))
}

/// Whether a planned act is an ultimatum: done "unless" someone acts ("will withdraw its
/// force unless Habre arranges a ceasefire"), or, for coercion and force, "if" someone
/// does ("will strike Iran if Tehran enriches uranium"). "Will visit Kyiv if security
/// allows" stays a plan.
fn conditional_threat(text: &Text<'_>, found: &Found, code: &str, end: usize) -> bool {
    if found.modality != Modality::Planned {
        return false;
    }
    let coercive = ["13", "14", "15", "16", "17", "18", "19", "20"].iter().any(|r| code.starts_with(r));
    (found.tokens.end..end).any(|k| match text.low(k) {
        "unless" => true,
        "if" => coercive,
        _ => false,
    })
}

/// Keeps one event per (subject, object, code, sentence), and drops a bare threat (130)
/// or rejection (120) where the same sentence says what was threatened or turned down
/// between the same actors ("declined to meet" is 125; "decline" alone 120).
fn dedup_events(events: &mut Vec<Event>) {
    const BARE: [&str; 2] = ["120", "130"];
    let mut seen = std::collections::HashSet::new();
    events.retain(|e| seen.insert((e.subject.clone(), e.object.clone(), e.cameo.clone(), e.sentence)));
    let specific: std::collections::HashSet<(String, String, usize, String)> = events
        .iter()
        .filter(|e| BARE.iter().any(|b| e.cameo.starts_with(&b[..2]) && e.cameo != *b))
        .map(|e| (e.subject.clone(), e.object.clone(), e.sentence, e.cameo[..2].to_string()))
        .collect();
    events.retain(|e| {
        !BARE.contains(&e.cameo.as_str())
            || !specific.contains(&(
                e.subject.clone(),
                e.object.clone(),
                e.sentence,
                e.cameo[..2].to_string(),
            ))
    });
}
