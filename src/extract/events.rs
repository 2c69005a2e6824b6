//! Finds event triggers in each sentence and attaches their source and target actors.
//!
//! This is the first, parse-free reading of "who did what to whom". Triggers
//! come from the lexicon: verbs ("met", "struck"), nouns ("talks", "a drone
//! attack on") and light-verb phrases ("held talks"). Sources are read to the
//! left of a verb (or from a possessive or demonym inside a noun phrase,
//! "Russia's strikes", "a Russian drone attack"), targets to the right, after
//! the prepositions the lexicon allows. Passives ("was attacked by X"),
//! purpose clauses ("arrived in Paris to meet Macron") and coordination ("A and
//! B met C, D and E") are handled; appositions and title qualifiers are
//! skipped. Negation and modal verbs set the event's modality.

use std::ops::Range;

use super::lexicon::{Lexicon, Trigger, TriggerKind, TriggerMatch};
use super::mentions::{
    GEO_NOUNS, Mention, MentionKind, Mentions, NON_STATE_GROUPS, SAYING_LEMMAS, Text, is_group_noun,
    is_place_noun, is_title_word,
};
use super::{EntityClass, Modality, cameo};

/// How an event's arguments were found, which sets its base confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Subject, verb and object in one clause.
    Clause,
    /// Passive with a "by" agent.
    Passive,
    /// A purpose or control clause borrowing the main clause's subject.
    Control,
    /// A noun trigger with its arguments inside or around its noun phrase.
    Nominal,
    /// A noun trigger whose source is the nearest actor before it.
    NominalLoose,
    /// Arguments read from the dependency parse.
    Syntax,
}

impl Pattern {
    /// The base confidence of events found this way.
    pub fn confidence(self) -> f64 {
        match self {
            Pattern::Clause => 0.75,
            Pattern::Passive => 0.7,
            Pattern::Control => 0.7,
            Pattern::Nominal => 0.65,
            Pattern::NominalLoose => 0.5,
            Pattern::Syntax => 0.6,
        }
    }
}

/// An event before it is turned into output records.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Entity indexes into [`Mentions::entities`].
    pub subjects: Vec<usize>,
    pub objects: Vec<usize>,
    /// Index into [`Lexicon::triggers`].
    pub trigger: usize,
    /// The trigger's tokens.
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub modality: Modality,
    pub pattern: Pattern,
    /// A place entity where it happened, when not the target itself.
    pub place: Option<usize>,
    /// Token span from the first argument to the last, for the evidence offsets.
    pub span: Range<usize>,
    /// The event also holds with subject and object swapped ("A and B fought").
    pub reciprocal: bool,
    /// An event among the subjects themselves, each pair once ("the US, Russia and
    /// Switzerland met"): the objects are the subjects, and only pairs in list order count.
    pub among: bool,
}

/// Words that end a clause when searching for arguments.
#[rustfmt::skip]
const CLAUSE_BOUNDARIES: &[&str] = &[
    ";", ":", "\"", "“", "”", "after", "although", "because", "before", "but", "despite", "since",
    "so", "that", "though", "unless", "until", "when", "whereas", "which", "while", "who", "whom",
    "whose", "according",
];

/// Verbs of saying: what follows them is another clause.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "added", "announced", "claimed", "declared", "explained", "insisted", "noted", "reported",
    "said", "says", "stated", "told", "tweeted", "wrote",
];

/// Nouns after which "armed" is an adjective naming a kind, not an act of arming.
#[rustfmt::skip]
const ARMED_KINDS: &[&str] = &[
    "assault", "attack", "clashes", "conflict", "forces", "gang", "gangs", "group", "groups", "guards",
    "men", "opposition", "personnel", "police", "resistance", "robbery", "services", "struggle",
    "violence", "wing",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "another", "any", "both", "each", "her", "his", "its", "new", "our", "several", "some",
    "that", "the", "their", "these", "this", "those", "two", "three", "your",
];

/// Words that cannot be the noun a name qualifies.
const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "against", "and", "as", "at", "before", "but", "by", "during", "for", "from", "in",
    "into", "last", "near", "of", "on", "or", "over", "since", "this", "through", "to", "under", "until",
    "was", "were", "which", "who", "with",
];

const BE_FORMS: &[&str] = &["am", "are", "be", "been", "being", "got", "is", "was", "were"];

const NEGATIONS: &[&str] = &["n't", "never", "no", "not"];

/// Verbs whose object is an event that ends or does not take place ("lifted the curfew",
/// "cancelled a planned visit", "halted aid"): the noun is not an event of its own.
#[rustfmt::skip]
const UNDOING: &[&str] = &[
    "abandon", "abandoned", "abandoning", "abandons", "call", "called", "calling", "calls",
    "cancel", "canceled", "cancelled", "cancelling", "cancels", "end", "ended", "ending", "ends",
    "halt", "halted", "halting", "halts", "lift", "lifted", "lifting", "lifts", "postpone",
    "postponed", "postpones", "postponing", "scrap", "scrapped", "scrapping", "scraps", "stop",
    "stopped", "stopping", "stops", "suspend", "suspended", "suspending", "suspends",
];

/// Whether the noun trigger at `i` is the object of a verb that undoes it, within the three
/// words before it ("lifted a night curfew", "called off the talks").
pub fn undone(text: &Text<'_>, i: usize, start: usize) -> bool {
    (i.saturating_sub(3).max(start)..i).any(|k| {
        let word = text.low(k);
        UNDOING.contains(&word) && (!word.starts_with("call") || text.low(k + 1) == "off")
    })
}

/// Nouns of being held. After "in", "into" or "under" ("died in Russian custody", "in the
/// custody of Iran's police") the noun's possessor, demonym or "of" phrase is who holds,
/// and the one held is whom the clause is about: the roles the other way round from "the
/// detention of Navalny".
pub const HOLDING_NOUNS: &[&str] = &["custody", "detention"];

/// Nouns after an event noun that still name the event: "a mediation effort", "an aid
/// convoy", "the military aid program".
#[rustfmt::skip]
const EVENT_HEADS: &[&str] = &[
    "bid", "campaign", "convoy", "deliveries", "delivery", "drive", "effort", "efforts",
    "initiative", "mission", "operation", "operations", "package", "plan", "process", "program",
    "programme", "shipment", "shipments",
];

/// Whether the noun trigger ending at token `i` only qualifies the noun after it, naming a
/// kind of thing rather than an event: "war crimes", "war games", "attack helicopters",
/// "aid workers". Not when that noun is an event itself ("ceasefire agreement") or an
/// effort toward one ("mediation mission").
pub fn names_a_kind(text: &Text<'_>, lexicon: &Lexicon, i: usize) -> bool {
    let Some(head) = text.head.get(i).copied().flatten() else { return false };
    let noun = text.low(head);
    text.deprel[i] == "compound"
        && head == i + 1
        && text.tag(head).starts_with("NN")
        && !EVENT_HEADS.contains(&noun)
        && lexicon.find(&text.lemma[head], TriggerKind::Noun).is_none()
}

/// Verbs that negate the infinitive after them ("refused to meet", "failed to reach").
const NEGATING_VERBS: &[&str] = &["declined", "failed", "fails", "fail", "refused", "refuses", "refuse"];

/// Words that put the verb after them in the future: plans and schedules, readiness
/// ("is ready to send troops"), and promises and offers ("pledged to rebuild", "offered to
/// host"), which are themselves CAMEO 03 events while what they promise has not happened.
#[rustfmt::skip]
const PLANNED: &[&str] = &[
    "'ll", "aims", "expected", "going", "intends", "plan", "planned", "plans", "planning",
    "scheduled", "set", "shall", "will", "would", "due", "prepared", "ready", "willing",
    "agreed", "agrees", "offered", "offering", "offers", "pledged", "pledges", "pledging", "promised", "promises",
    "promising", "vowed", "vowing", "vows",
];

const HYPOTHETICAL: &[&str] = &["can", "could", "if", "may", "might", "must", "should", "whether"];

/// Verbs of motion whose target is never a direct object ("arrived Paris" is not English).
/// Verbs of saying take a clause, not a target, as their object ("said the talks failed").
const INTRANSITIVE: &[&str] = &[
    "arrive", "come", "comment", "fly", "go", "head", "land", "remark", "return", "say", "speak", "talk",
    "travel",
];

/// Protest verbs (as trigger lemmas) that take no direct object: "demonstrated", "rallied".
const PROTESTS_WITHOUT_OBJECT: &[&str] = &["demonstrate", "march", "rally", "riot"];

/// Light verbs whose subject is the source of the noun event after them ("held talks").
#[rustfmt::skip]
const LIGHT_VERBS: &[&str] = &[
    "carried", "carries", "carry", "carrying", "conduct", "conducted", "conducting", "conducts",
    "began", "begin", "begins", "held", "hold", "holding", "holds", "launch", "launched",
    "launches", "launching", "made", "make", "makes", "making", "open", "opened", "opening",
    "opens", "stage", "staged", "staging", "start", "started", "starting", "wage", "waged",
    "waging",
];

fn is_month(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Words that ask for an action rather than report it: "Congress is asking Obama to help
/// Iran", "faces pressure to resign", "ordered France to withdraw". What follows their "to"
/// has not happened.
#[rustfmt::skip]
const REQUESTING: &[&str] = &[
    "ask", "asked", "asking", "asks", "call", "called", "calling", "calls", "encourage", "encouraged",
    "encourages", "encouraging", "hope", "hoped", "hopes", "hoping", "invite", "invited", "invites",
    "inviting", "order", "ordered", "ordering", "orders", "persuade", "persuaded", "press", "pressed",
    "pressing", "pressure", "pressured",
    "pressuring", "push", "pushed", "pushing", "request", "requested", "requests", "urge", "urged",
    "urges", "urging", "want", "wanted", "wants",
];

/// Words that ask for a thing named by a noun: "demanded the withdrawal of", "sought an
/// end to"; "for" after a word of asking does too ("called for the release of").
#[rustfmt::skip]
const ASKING_FOR: &[&str] = &[
    "demand", "demanded", "demanding", "demands", "seek", "seeking", "seeks", "sought", "urge",
    "urged", "urges", "urging",
];

/// Words that may stand between a word of asking and the noun asked for.
const ASKED_NOUN_MODIFIERS: &[&str] =
    &["a", "an", "complete", "full", "immediate", "prompt", "swift", "the", "total", "unconditional"];

/// Whether the words before a verb end in "to" after a word of asking, or the words before
/// a noun are a word of asking and its determiner ("demanded the immediate withdrawal").
fn requested(window: &[&str]) -> bool {
    if window.last() == Some(&"to") && window.iter().any(|w| REQUESTING.contains(w)) {
        return true;
    }
    // "for" asks only after a word of asking ("called for", "appealed for"), not in "in
    // retaliation for".
    let asking = |p: usize| {
        ASKING_FOR.contains(&window[p])
            || window[p] == "for"
                && p > 0
                && (REQUESTING.contains(&window[p - 1]) || window[p - 1].starts_with("appeal"))
    };
    let asked = (0..window.len()).rev().find(|&p| asking(p));
    asked.is_some_and(|p| window[p + 1..].iter().all(|w| ASKED_NOUN_MODIFIERS.contains(w)))
}

/// Negation, plans and hedges among the few words before token `i` (not before `start`),
/// and a negated object right after it.
pub fn modality_before(text: &Text<'_>, i: usize, start: usize) -> Modality {
    let from = i.saturating_sub(4).max(start);
    let window: Vec<&str> = (from..i).map(|k| text.low(k)).collect();
    // "offered no resistance", "held no talks": a negated object negates the event.
    let no_object = matches!(text.low(i + 1), "no" | "neither");
    // "failed to seize", "failed attempt to seize", "refused again to meet".
    let negating_verb = window
        .iter()
        .enumerate()
        .any(|(p, w)| NEGATING_VERBS.contains(w) && window[p + 1..].iter().take(2).any(|&next| next == "to"));
    if no_object || negating_verb || window.iter().any(|w| NEGATIONS.contains(w)) {
        Modality::Negated
    } else if window.iter().any(|w| HYPOTHETICAL.contains(w)) || requested(&window) {
        Modality::Hypothetical
    } else if window.iter().any(|w| PLANNED.contains(w)) {
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// Whether a finite verb, perhaps after an adverb, starts at token `end`: the name before
/// it is the subject of a clause of its own ("… and President Ghani [later] fled").
pub fn verb_follows(text: &Text<'_>, end: usize) -> bool {
    let verb = if text.tag(end).starts_with("RB") { end + 1 } else { end };
    matches!(text.tag(verb), "VBD" | "VBZ" | "VBP" | "MD")
}

/// Whether a mention is the reporter of a trailing attribution: "…, officials in Kyiv said",
/// "…, the Washington Post reported today". A comma opens the phrase, only lowercase words
/// come between it and the name, and a verb of saying follows within four words, the last
/// verb of the sentence, with no list going on ("Kyiv and Odesa").
pub fn is_reporter(text: &Text<'_>, mention: &Mention, end: usize) -> bool {
    let Some(comma) = (mention.start.saturating_sub(4)..mention.start).rev().find(|&j| text.low(j) == ",")
    else {
        return false;
    };
    let plain = |j: usize| !text.is_capitalised(j) && !matches!(text.low(j), "and" | "or" | ",");
    if !(comma + 1..mention.start).all(|j| plain(j) || text.low(j) == "the") {
        return false;
    }
    let Some(verb) = (mention.end..(mention.end + 4).min(end)).find(|&j| text.tag(j).starts_with("VB"))
    else {
        return false;
    };
    (mention.end..verb).all(plain)
        && SAYING_LEMMAS.contains(&text.lemma[verb].as_str())
        && !(verb + 1..end).any(|j| text.tag(j).starts_with("VB"))
}

/// Finds every event in the article.
pub fn find_events(
    text: &Text<'_>,
    mentions: &Mentions,
    lexicon: &Lexicon,
    skip: &[Range<usize>],
) -> Vec<Found> {
    let finder = Finder { text, mentions, lexicon, skip };
    let mut events = Vec::new();
    for (sentence_idx, sentence) in text.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let lower: Vec<&str> = range.clone().map(|i| text.low(i)).collect();
        let mut k = 0;
        while k < lower.len() {
            let i = range.start + k;
            if mentions.at(i).is_some() {
                k += 1;
                continue;
            }
            let found = lexicon.matches_at(&lower, k);
            let Some(choice) = finder.choose_reading(i, &found) else {
                k += 1;
                continue;
            };
            if let Some(event) = finder.event_for(i, choice, sentence_idx, range.clone()) {
                events.push(event);
            }
            k += choice.len;
        }
    }
    events
}

struct Finder<'a, 'b> {
    text: &'a Text<'b>,
    mentions: &'a Mentions,
    lexicon: &'a Lexicon,
    skip: &'a [Range<usize>],
}

impl Finder<'_, '_> {
    fn trigger(&self, m: TriggerMatch) -> &Trigger {
        &self.lexicon.triggers[m.trigger]
    }

    /// Picks the verb or the noun reading of a trigger from the word before it.
    fn choose_reading(&self, i: usize, found: &[TriggerMatch]) -> Option<TriggerMatch> {
        let noun = found.iter().find(|m| self.trigger(**m).kind == TriggerKind::Noun);
        let verb = found.iter().find(|m| self.trigger(**m).kind == TriggerKind::Verb);
        let capitalised_mid_sentence = self.text.is_capitalised(i) && !self.text.starts_sentence(i);
        if capitalised_mid_sentence {
            return None;
        }
        let tag = self.text.tag(i);
        // "the occupied West Bank", "a disputed region", "rejected proposed Israeli
        // changes", "Philippine occupied territories": a participle used as an adjective,
        // after a determiner, a demonym or a finite verb.
        let adjectival = matches!(tag, "VBN" | "JJ")
            && i > 0
            && (DETERMINERS.contains(&self.text.low(i - 1))
                // "Philippine occupied territories" (not "the military seized", where the
                // tagger took the noun for an adjective, nor "also struck targets")
                || self.text.tag(i - 1) == "JJ" && self.text.is_capitalised(i - 1)
                || matches!(self.text.tag(i - 1), "VBD" | "VBZ" | "VBP")
                    && !BE_FORMS.contains(&self.text.low(i - 1))
                    && !matches!(self.text.low(i - 1), "has" | "have" | "had" | "get" | "gets" | "got"))
            && (self.text.tag(i + 1).starts_with("NN") || self.text.is_capitalised(i + 1));
        if adjectival && noun.is_none() {
            return None;
        }
        // "armed forces", "armed groups", "an armed conflict": "armed" names a kind, whatever
        // the tagger made of it.
        if self.text.low(i) == "armed" && ARMED_KINDS.contains(&self.text.low(i + 1)) {
            return None;
        }
        match (verb, noun) {
            (Some(_), Some(n)) if tag.starts_with("NN") => Some(*n),
            (Some(v), Some(_)) if tag.starts_with("VB") => Some(*v),
            (Some(v), Some(n)) => Some(if self.noun_context(i) { *n } else { *v }),
            // "misusing public funds", "the funds": a word the tagger and the words before
            // it both make a noun is no verb, though the lexicon only knows it as one.
            (Some(_), None) if tag.starts_with("NN") && self.plain_noun_context(i) => None,
            (Some(v), None) => Some(*v),
            (None, Some(n)) => Some(*n),
            (None, None) => None,
        }
    }

    /// Whether the word before `i` is a determiner or a lowercase adjective, which only a
    /// noun follows ("the funds", "public funds"). A capitalised adjective may be a name
    /// the tagger misread ("Russian forces struck").
    fn plain_noun_context(&self, i: usize) -> bool {
        // "talked at length on the phone" is a phone call, however the words between fall.
        let on_the_phone = i > 1
            && matches!(self.text.low(i - 2), "on" | "by" | "over")
            && matches!(self.text.low(i), "phone" | "telephone");
        i > 0
            && (DETERMINERS.contains(&self.text.low(i - 1)) && !on_the_phone
                || self.text.tag(i - 1) == "JJ" && !self.text.is_capitalised(i - 1))
    }

    /// Whether the words before `i` make it a noun: a determiner, a possessive, a demonym.
    fn noun_context(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = self.text.low(i - 1);
        if DETERMINERS.contains(&prev) || matches!(prev, "'s" | "’s" | "of" | "for" | "in" | "on") {
            return true;
        }
        if matches!(
            prev,
            "after"
                | "before"
                | "during"
                | "following"
                | "amid"
                | "held"
                | "hold"
                | "holding"
                | "new"
                | "further"
        ) {
            return true;
        }
        if let Some(m) = self.mentions.at(i - 1) {
            // "a Russian attack", "the Paris talks", "Gaza strikes": a name qualifying a noun.
            let mention = &self.mentions.mentions[m];
            let after_article = mention.start > 0 && DETERMINERS.contains(&self.text.low(mention.start - 1));
            return mention.kind == MentionKind::Demonym
                || after_article
                || self.mentions.class(m) == EntityClass::Place;
        }
        // "recent deadly strikes": lowercase modifiers after a determiner or possessive.
        let mut j = i - 1;
        while j > 0 && self.is_plain_lowercase(j) && i - j <= 3 {
            let before = self.text.low(j - 1);
            if DETERMINERS.contains(&before) || matches!(before, "'s" | "’s") {
                return true;
            }
            if self.mentions.at(j - 1).is_some_and(|m| self.mentions.mentions[m].kind == MentionKind::Demonym)
            {
                return true;
            }
            j -= 1;
        }
        false
    }

    fn is_plain_lowercase(&self, j: usize) -> bool {
        let Some(word) = self.text.words.get(j).copied() else { return false };
        !word.is_empty() && word.chars().all(|c| c.is_lowercase() || c == '-') && !BE_FORMS.contains(&word)
    }

    fn event_for(
        &self,
        i: usize,
        choice: TriggerMatch,
        sentence: usize,
        range: Range<usize>,
    ) -> Option<Found> {
        let trigger = self.trigger(choice);
        let tokens = i..i + choice.len;
        let modality = self.modality(i, range.start);
        let mut found = match trigger.kind {
            TriggerKind::Verb => self.verb_event(trigger, tokens.clone(), range.clone())?,
            TriggerKind::Noun => self.noun_event(trigger, tokens.clone(), range.clone())?,
        };
        found.subjects.dedup();
        // "Rubio and Barrot would discuss ...": a symmetric event between coordinated subjects.
        let is_verb = trigger.kind == TriggerKind::Verb;
        if found.objects.is_empty() && trigger.symmetric && is_verb && found.subjects.len() >= 2 {
            // "Armenia and Azerbaijan fought": each fought the other. Meetings (CAMEO 04)
            // are recorded once, as symmetric events, one per pair: "the US, Russia and
            // Switzerland met" is three meetings.
            found.objects = found.subjects.clone();
            found.among = true;
            found.reciprocal = !trigger.cameo.starts_with("04");
        }
        if !found.among {
            found.objects.retain(|o| !found.subjects.contains(o));
        }
        if found.subjects.is_empty() || found.objects.is_empty() {
            return None;
        }
        found.trigger = choice.trigger;
        found.tokens = tokens;
        found.sentence = sentence;
        found.modality = modality;
        Some(found)
    }

    fn verb_event(&self, trigger: &Trigger, tokens: Range<usize>, range: Range<usize>) -> Option<Found> {
        let i = tokens.start;
        let before = self.skip_adverbs_left(i, range.start);
        let prev = if before > range.start { self.text.low(before - 1) } else { "" };
        let word = self.text.low(i);
        let participle = match self.text.tag(i) {
            "" => word.ends_with("ed") || word.ends_with("en") || !word.ends_with('s'),
            tag => tag == "VBN",
        };
        // "a deal between A and B, brokered by Egypt": a participle followed by its agent
        // is a passive without its auxiliary, but only right after the name it describes
        // ("a crisis condemned by UN members" does not make an earlier name the patient).
        let named_before = i > range.start
            && (self.mentions.ending_at(i).is_some()
                || self.text.low(i - 1) == "," && self.mentions.ending_at(i - 1).is_some());
        let reduced = self.text.low(tokens.end) == "by"
            && (word.ends_with("ed") || self.text.tag(i) == "VBN")
            && named_before;
        let passive = BE_FORMS.contains(&prev) && participle || reduced;
        if passive {
            let agents = self.agent_after(tokens.end, range.end)?;
            let patients = self.group_left(before.saturating_sub(1), range.start)?;
            return Some(self.found(agents.0, patients.0, Pattern::Passive, None, range));
        }
        // "to have killed", "after having met": look past perfect auxiliaries.
        let mut first_aux = before;
        while first_aux > range.start
            && matches!(self.text.low(first_aux - 1), "have" | "has" | "had" | "having")
        {
            first_aux -= 1;
        }
        let prev =
            if first_aux < before && first_aux > range.start { self.text.low(first_aux - 1) } else { prev };
        let control = matches!(prev, "to" | "by" | "after" | "before" | "while" | "for");
        let (subjects, pattern) = if control {
            let clause_start = self.clause_start(before.saturating_sub(1), range.start);
            (self.first_group(clause_start, before.saturating_sub(1))?, Pattern::Control)
        } else {
            (self.group_left(i, range.start)?, Pattern::Clause)
        };
        // "Hamas rallied in Gaza as the US envoy arrived": a protest that takes no object
        // is against no actor named after it without a preposition.
        let lemma = trigger.lemma.as_str();
        let allow_direct = !INTRANSITIVE.contains(&lemma) && !PROTESTS_WITHOUT_OBJECT.contains(&lemma);
        let (objects, place) = self.objects_right(trigger, tokens.end, range.end, allow_direct);
        Some(self.found(subjects.0, objects, pattern, place, range))
    }

    fn noun_event(&self, trigger: &Trigger, tokens: Range<usize>, range: Range<usize>) -> Option<Found> {
        let i = tokens.start;
        if undone(self.text, i, range.start) || names_a_kind(self.text, self.lexicon, tokens.end - 1) {
            return None;
        }
        if let Some(preposition) = self.held_in(trigger, i, range.start) {
            return self.held_event(tokens, preposition, range);
        }
        // "talks between the United States and Iran"
        if self.text.low(tokens.end) == "between" {
            let group = self.group_right(tokens.end + 1, range.end)?;
            if group.len() >= 2 {
                let (first, rest) = group.split_first()?;
                return Some(self.found(vec![*first], rest.to_vec(), Pattern::Nominal, None, range));
            }
        }
        let inside = self.source_inside_noun_phrase(i, range.start);
        let mut targets_from = tokens.end;
        let (subjects, pattern) = match inside {
            Some(source) => (vec![source], Pattern::Nominal),
            None => {
                if let Some((agents, from)) = self.agent_after(tokens.end, range.end) {
                    targets_from = self.after_agents(trigger, &agents, from, range.end);
                    (agents, Pattern::Nominal)
                } else if self.after_light_verb(i, range.start) {
                    (self.group_left(i, range.start)?.0, Pattern::Clause)
                } else if let Some((group, _)) = self.group_left(i, range.start) {
                    (group, Pattern::NominalLoose)
                } else {
                    // "..., after talks with X": the sentence's first actor.
                    (self.first_group(range.start, i)?.0, Pattern::NominalLoose)
                }
            }
        };
        let (objects, place) = self.objects_right(trigger, targets_from, range.end, false);
        Some(self.found(subjects, objects, pattern, place, range))
    }

    /// Where the targets of a noun start after its list of agents beginning at `from`:
    /// "sanctions by the US, the EU, and some Western countries against Iran". That is the
    /// first of the noun's target prepositions within a few words after the last agent,
    /// with no verb or clause boundary before it; else right after the last agent.
    fn after_agents(&self, trigger: &Trigger, agents: &[usize], from: usize, end: usize) -> usize {
        let mut last = from;
        let mut k = from;
        while k < end && k < from + 16 {
            match self.mentions.at(k) {
                Some(m) if agents.contains(&self.mentions.mentions[m].entity) => {
                    last = self.mentions.mentions[m].end;
                    k = last;
                }
                _ if self.is_boundary(k) || self.text.tag(k).starts_with("VB") => break,
                _ => k += 1,
            }
        }
        let preposition = (last..(last + 6).min(end))
            .take_while(|&j| !self.text.tag(j).starts_with("VB") && !self.is_boundary(j))
            .find(|&j| trigger.target_preps.iter().any(|t| t == self.text.low(j)));
        preposition.unwrap_or(last)
    }

    /// The preposition before a holding noun at `i` ("in", "into", "under"), over the
    /// noun's determiner, possessor and modifiers ("in the custody", "in Israel's custody").
    fn held_in(&self, trigger: &Trigger, i: usize, start: usize) -> Option<usize> {
        if trigger.kind != TriggerKind::Noun || !HOLDING_NOUNS.contains(&trigger.lemma.as_str()) {
            return None;
        }
        let mut j = i;
        while j > start && i - j < 5 {
            j -= 1;
            let word = self.text.low(j);
            let inside = DETERMINERS.contains(&word)
                || matches!(word, "'s" | "’s")
                || self.mentions.at(j).is_some()
                || self.text.tag(j) == "JJ";
            if !inside {
                return matches!(word, "in" | "into" | "under").then_some(j);
            }
        }
        None
    }

    /// "Amini died in the custody of Iran's police", "Navalny, who died in Russian custody":
    /// the holder (inside the noun phrase, or after "of" or "by") detains whom the clause is
    /// about, named just before its verb.
    fn held_event(&self, tokens: Range<usize>, preposition: usize, range: Range<usize>) -> Option<Found> {
        let holders = match self.source_inside_noun_phrase(tokens.start, preposition + 1) {
            Some(holder) => vec![holder],
            None if matches!(self.text.low(tokens.end), "of" | "by") => {
                self.group_right(tokens.end + 1, range.end)?
            }
            None => return None,
        };
        let mut j = preposition;
        while j > range.start && preposition - j < 4 && self.is_clause_verb(j - 1) {
            j -= 1;
        }
        // "Navalny, who died in custody": the relative pronoun stands for the name before it.
        if j > range.start + 1 && matches!(self.text.low(j - 1), "who" | "which") {
            j -= 1;
            if self.text.low(j - 1) == "," {
                j -= 1;
            }
        }
        let held = self.mentions.at(j.checked_sub(1)?).filter(|&m| self.is_actor(m))?;
        let (held, _) = self.expand_left(held, range.start);
        Some(self.found(holders, held, Pattern::Nominal, None, range))
    }

    /// Whether token `j` is a verb, auxiliary or adverb: words between a subject and an
    /// "in" phrase of its clause ("died", "remains", "is still being held").
    fn is_clause_verb(&self, j: usize) -> bool {
        let tag = self.text.tag(j);
        if tag.is_empty() {
            return self.is_plain_lowercase(j) || BE_FORMS.contains(&self.text.low(j));
        }
        (tag.starts_with("VB") || tag.starts_with("RB") || tag == "MD") && !self.is_boundary(j)
    }

    fn found(
        &self,
        subjects: Vec<usize>,
        objects: Vec<usize>,
        pattern: Pattern,
        place: Option<usize>,
        range: Range<usize>,
    ) -> Found {
        Found {
            subjects,
            objects,
            trigger: 0,
            tokens: 0..0,
            sentence: 0,
            modality: Modality::Asserted,
            pattern,
            place,
            span: range,
            reciprocal: false,
            among: false,
        }
    }

    /// Negation, plans and hedges among the few words before the trigger.
    fn modality(&self, i: usize, start: usize) -> Modality {
        modality_before(self.text, i, start)
    }

    /// Steps left over adverbs, negation and auxiliaries between a subject and its verb.
    fn skip_adverbs_left(&self, i: usize, start: usize) -> usize {
        let mut j = i;
        while j > start {
            let w = self.text.low(j - 1);
            let adverb = w.ends_with("ly") && w.len() > 3 && self.mentions.at(j - 1).is_none();
            if adverb
                || matches!(
                    w,
                    "also"
                        | "not"
                        | "n't"
                        | "never"
                        | "then"
                        | "still"
                        | "already"
                        | "now"
                        | "again"
                        | "just"
                        | "reportedly"
                        | "allegedly"
                )
            {
                j -= 1;
            } else {
                break;
            }
        }
        j
    }

    /// Steps left over adverbs and auxiliaries ("has been", "would") before a verb.
    fn skip_auxiliaries_left(&self, i: usize, start: usize) -> usize {
        let mut j = self.skip_adverbs_left(i, start);
        while j > start
            && matches!(
                self.text.low(j - 1),
                "has"
                    | "have"
                    | "had"
                    | "been"
                    | "being"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "did"
                    | "does"
                    | "do"
            )
        {
            j = self.skip_adverbs_left(j - 1, start);
        }
        j
    }

    fn in_skip(&self, i: usize) -> bool {
        self.skip.iter().any(|r| r.contains(&i))
    }

    fn is_boundary(&self, i: usize) -> bool {
        let w = self.text.low(i);
        // "Israel claimed to have killed X": an infinitive after a verb of saying is the
        // sayer's own act, not a new clause.
        let infinitive =
            self.text.low(i + 1) == "to" && (self.text.tag(i + 2) == "VB" || self.text.low(i + 2) == "have");
        CLAUSE_BOUNDARIES.contains(&w) || SPEECH_VERBS.contains(&w) && !infinitive
    }

    /// The first token of the clause that contains token `i`.
    fn clause_start(&self, i: usize, start: usize) -> usize {
        let mut j = i;
        while j > start && !self.is_boundary(j - 1) {
            j -= 1;
        }
        j
    }

    /// Whether a mention can act: not a title qualifier, not inside an apposition or a
    /// prepositional phrase, not a place; demonyms only with a group noun ("Russian forces").
    fn is_actor(&self, m: usize) -> bool {
        let mention = &self.mentions.mentions[m];
        if mention.modifier || self.in_skip(mention.start) {
            return false;
        }
        if self.mentions.class(m) == EntityClass::Place && mention.kind != MentionKind::Metonym {
            return false;
        }
        if self.after_preposition(mention) {
            return false;
        }
        // "Russian opposition leader Alexei Navalny": the demonym qualifies a person's title.
        let mut k = mention.end;
        while k < mention.end + 4 && (is_title_word(self.text.low(k)) || self.text.tag(k) == "JJ") {
            k += 1;
        }
        if k > mention.end
            && self.mentions.at(k).is_some_and(|n| self.mentions.class(n) == EntityClass::Person)
        {
            return false;
        }
        match mention.kind {
            MentionKind::Demonym => self.group_noun_after(mention.end),
            _ => {
                let next = self.text.low(mention.end);
                // "Kremlin critic Alexei Navalny": a name qualifying a noun is not the actor,
                // unless the noun is a group acting for it ("U.S. officials").
                // "Kremlin critic" is a noun even where the tagger reads an adjective.
                let descriptor = matches!(
                    next,
                    "critic"
                        | "critics"
                        | "ally"
                        | "allies"
                        | "opponent"
                        | "opponents"
                        | "loyalist"
                        | "loyalists"
                );
                let noun_after = descriptor
                    || self.text.is_common_noun(mention.end) && !self.lexicon.is_past_verb_form(next);
                if noun_after && !is_group_noun(next) {
                    return false;
                }
                // "Macron's office said": a possessive acts only through a group or office noun.
                // Scraped text sometimes has an opening quote for the apostrophe ("Korea‘s"),
                // which the tokenizer splits from the "s".
                let quote_s = next == "‘" && self.text.low(mention.end + 1) == "s";
                if matches!(next, "'s" | "’s") || quote_s {
                    let owned = mention.end + 1 + usize::from(quote_s);
                    return self.group_noun_after(owned) || self.text.low(owned) == "office";
                }
                true
            }
        }
    }

    /// Whether a group noun acting for the country before `k` follows it within three words
    /// ("Russian forces"); rebels do not act for their country ("Sudanese rebels").
    fn group_noun_after(&self, k: usize) -> bool {
        (k..k + 3)
            .take_while(|&j| self.is_plain_lowercase(j) || is_group_noun(self.text.low(j)))
            .find(|&j| is_group_noun(self.text.low(j)))
            .is_some_and(|j| !NON_STATE_GROUPS.contains(&self.text.low(j)))
    }

    fn after_preposition(&self, mention: &Mention) -> bool {
        let mut j = mention.start;
        while j > 0
            && (DETERMINERS.contains(&self.text.low(j - 1))
                || self.is_title_or_modifier(j - 1)
                || self.is_inner_of(j - 1))
        {
            j -= 1;
        }
        j > 0
            && matches!(
                self.text.low(j - 1),
                "in" | "at"
                    | "on"
                    | "of"
                    | "from"
                    | "to"
                    | "into"
                    | "with"
                    | "for"
                    | "about"
                    | "against"
                    | "near"
                    | "by"
                    | "over"
                    | "than"
                    | "like"
                    | "between"
                    | "among"
                    | "toward"
                    | "towards"
            )
    }

    /// A demonym in target position stands for its country when a group or a country's
    /// possession follows ("Armenian positions", "Russian forces"), not a place ("the
    /// Ukrainian city of Dnipro").
    fn demonym_target(&self, after: usize) -> bool {
        if self.group_noun_after(after) {
            return true;
        }
        let mut k = after;
        while k < after + 3 && self.text.tag(k) == "JJ" {
            k += 1;
        }
        self.text.is_common_noun(k) && !is_place_noun(self.text.low(k))
    }

    /// "the Paris talks": a place name between an article and a noun only qualifies the noun.
    fn modifies_noun(&self, mention: &Mention) -> bool {
        let after_article =
            mention.start > 0 && matches!(self.text.low(mention.start - 1), "the" | "a" | "an");
        let next = self.text.words.get(mention.end).copied().unwrap_or("");
        let next_is_word = next.chars().all(char::is_lowercase) && !next.is_empty();
        after_article && next_is_word && !FUNCTION_WORDS.contains(&next) && !GEO_NOUNS.contains(&next)
    }

    /// "of" inside a title ("Secretary of State").
    fn is_inner_of(&self, j: usize) -> bool {
        j > 0
            && self.text.low(j) == "of"
            && is_title_word(self.text.low(j - 1))
            && is_title_word(self.text.low(j + 1))
    }

    fn is_title_or_modifier(&self, j: usize) -> bool {
        is_title_word(self.text.low(j))
            || self.mentions.at(j).is_some_and(|m| self.mentions.mentions[m].modifier)
    }

    /// The nearest acting group that ends before token `i`, within its clause.
    fn group_left(&self, i: usize, start: usize) -> Option<(Vec<usize>, usize)> {
        let mut j = i;
        // "a missile that targeted …", "IGAD, which has been brokering …": a relative
        // pronoun right before the verb stands for the noun phrase before it.
        let verb_start = self.skip_auxiliaries_left(i, start);
        while j > start {
            j -= 1;
            let relative = j + 1 == verb_start && matches!(self.text.low(j), "who" | "which" | "that");
            if relative {
                continue;
            }
            if self.is_boundary(j) && !self.in_skip(j) {
                return None;
            }
            if let Some(m) = self.mentions.at(j) {
                if self.is_actor(m) {
                    return Some(self.expand_left(m, start));
                }
                j = self.mentions.mentions[m].start;
            }
        }
        None
    }

    /// The first acting group in tokens `from..to`.
    fn first_group(&self, from: usize, to: usize) -> Option<(Vec<usize>, usize)> {
        for j in from..to {
            if let Some(m) = self.mentions.at(j) {
                if self.mentions.mentions[m].start == j && self.is_actor(m) {
                    let group = self.group_right_from_mention(m, to, false);
                    return Some((group, self.mentions.mentions[m].start));
                }
            }
        }
        None
    }

    /// Adds actors coordinated before mention `m` ("Rubio and Keith Kellogg").
    fn expand_left(&self, m: usize, start: usize) -> (Vec<usize>, usize) {
        let mut group = vec![self.mentions.mentions[m].entity];
        let mut first = self.mentions.mentions[m].start;
        loop {
            let mut j = first;
            let mut saw_connector = false;
            while j > start {
                let w = self.text.low(j - 1);
                if matches!(w, "and" | "," | "as" | "well") || self.in_skip(j - 1) {
                    saw_connector |= w == "and" || w == "," || w == "as";
                    j -= 1;
                } else if matches!(w, "'s" | "’s") {
                    // "Rubio and France's Foreign Minister Jean-Noel Barrot"
                    j -= 1;
                } else if is_title_word(w)
                    || self.mentions.at(j - 1).is_some_and(|n| self.mentions.mentions[n].modifier)
                {
                    j -= 1;
                } else {
                    break;
                }
            }
            if !saw_connector || j == start {
                break;
            }
            let Some(n) = self.mentions.at(j - 1) else { break };
            if !self.is_actor(n) {
                break;
            }
            group.push(self.mentions.mentions[n].entity);
            first = self.mentions.mentions[n].start;
        }
        group.reverse();
        (group, first)
    }

    /// Actors coordinated from token `i` rightwards ("France, Germany, Britain and the United States").
    fn group_right(&self, i: usize, end: usize) -> Option<Vec<usize>> {
        let mut j = i;
        while j < end && (DETERMINERS.contains(&self.text.low(j)) || self.is_title_or_modifier(j)) {
            j += 1;
        }
        let m = self.mentions.at(j)?;
        Some(self.group_right_from_mention(m, end, false))
    }

    /// The mention after "to" that follows a direct object within a few words, for a
    /// trigger whose target "to" brings: "handed back Hong Kong to China".
    fn recipient_after(&self, trigger: &Trigger, from: usize, end: usize) -> Option<usize> {
        if !trigger.target_preps.iter().any(|t| t == "to") {
            return None;
        }
        let to = (from..end.min(from + 4))
            .take_while(|&j| !self.is_boundary(j) && !matches!(self.text.low(j), "," | "and"))
            .find(|&j| self.text.low(j) == "to")?;
        let at = if DETERMINERS.contains(&self.text.low(to + 1)) { to + 2 } else { to + 1 };
        self.mentions.at(at).filter(|&m| self.mentions.mentions[m].start == at)
    }

    /// Mention `m` and the actors coordinated after it ("Kyiv, Odesa and Lviv"). Among
    /// targets (`targets`), a name followed by its own verb begins another clause: "took
    /// over the capital and President Ghani fled" does not take over Ghani.
    fn group_right_from_mention(&self, m: usize, end: usize, targets: bool) -> Vec<usize> {
        let mut group = vec![self.mentions.mentions[m].entity];
        let mut j = self.mentions.mentions[m].end;
        loop {
            let mut k = j;
            let mut saw_connector = false;
            while k < end {
                let w = self.text.low(k);
                if matches!(w, "and" | "," | "as" | "well" | "or" | "including") || self.in_skip(k) {
                    saw_connector |= matches!(w, "and" | "," | "as" | "or" | "including");
                    k += 1;
                } else if DETERMINERS.contains(&w)
                    || self.is_title_or_modifier(k)
                    || w == "in" && saw_connector
                {
                    k += 1;
                } else if is_place_noun(w) && self.text.low(k + 1) == "of" && saw_connector {
                    k += 2;
                } else {
                    break;
                }
            }
            if !saw_connector {
                break;
            }
            let Some(n) = self.mentions.at(k) else { break };
            if self.mentions.mentions[n].start != k {
                break;
            }
            // "in Europe, the Washington Post reported": after a comma, the reporter of the
            // sentence, not another member of the list.
            if is_reporter(self.text, &self.mentions.mentions[n], end) {
                break;
            }
            if targets && verb_follows(self.text, self.mentions.mentions[n].end) {
                break;
            }
            group.push(self.mentions.mentions[n].entity);
            j = self.mentions.mentions[n].end;
        }
        group
    }

    /// "... by X": the agent of a passive or of a noun event.
    fn agent_after(&self, i: usize, end: usize) -> Option<(Vec<usize>, usize)> {
        let mut j = i;
        while j < end && j < i + 4 && self.text.low(j) != "by" {
            if self.is_boundary(j) || self.text.low(j) == "," {
                return None;
            }
            j += 1;
        }
        if self.text.low(j) != "by" {
            return None;
        }
        let group = self.group_right(j + 1, end)?;
        Some((group, j + 1))
    }

    /// The source inside a noun phrase: "Russia's strikes", "a Russian drone attack", "U.S. strikes".
    fn source_inside_noun_phrase(&self, i: usize, start: usize) -> Option<usize> {
        let mut j = i;
        let mut steps = 0;
        while j > start && steps < 4 {
            j -= 1;
            steps += 1;
            let w = self.text.low(j);
            if matches!(w, "'s" | "’s" | "'" | "’") {
                let m = self.mentions.at(j.checked_sub(1)?)?;
                return self.usable_source(m);
            }
            if let Some(m) = self.mentions.at(j) {
                return self.usable_source(m);
            }
            // "Hamas' 7 October attack": a date inside the noun phrase.
            let date_word = w.chars().all(|c| c.is_ascii_digit()) || is_month(w);
            if date_word {
                continue;
            }
            if !self.is_plain_lowercase(j) || DETERMINERS.contains(&w) {
                return None;
            }
        }
        None
    }

    fn usable_source(&self, m: usize) -> Option<usize> {
        let mention = &self.mentions.mentions[m];
        let class = self.mentions.class(m);
        (class != EntityClass::Place && !self.in_skip(mention.start)).then_some(mention.entity)
    }

    fn after_light_verb(&self, i: usize, start: usize) -> bool {
        (i.saturating_sub(4).max(start)..i).any(|k| LIGHT_VERBS.contains(&self.text.low(k)))
    }

    /// Targets to the right of a trigger, and a place where it happened.
    fn objects_right(
        &self,
        trigger: &Trigger,
        i: usize,
        end: usize,
        allow_direct: bool,
    ) -> (Vec<usize>, Option<usize>) {
        let violent = cameo::is_violent(&trigger.cameo);
        let mut place = None;
        let mut j = i;
        let mut prep: Option<&str> = None;
        let mut plain_words = 0;
        while j < end && j < i + 12 {
            let w = self.text.low(j);
            if let Some(m) = self.mentions.at(j) {
                let mention = &self.mentions.mentions[m];
                let class = self.mentions.class(m);
                // "a summit with China's Xi Jinping": the person, not the country.
                let possessor_of_person = matches!(self.text.low(mention.end), "'s" | "’s")
                    && self
                        .mentions
                        .at(mention.end + 1)
                        .is_some_and(|n| self.mentions.class(n) == EntityClass::Person)
                    && class != EntityClass::Person;
                let skip_this = mention.modifier
                    || possessor_of_person
                    || self.in_skip(j)
                    || (mention.kind == MentionKind::Demonym && !self.demonym_target(mention.end))
                    || (class == EntityClass::Place && self.modifies_noun(mention))
                    // "withdrew its troops from Lebanon": the subject's own forces.
                    || (mention.kind == MentionKind::Pronoun && w == "its");
                if skip_this {
                    j = mention.end;
                    continue;
                }
                // "rioted in Cairo": where a protest happens is not whom it is against.
                let protest_place = cameo::spares_its_place(&trigger.cameo)
                    && class == EntityClass::Place
                    && prep == Some("in");
                let by_prep =
                    prep.is_some_and(|p| trigger.target_preps.iter().any(|t| t == p)) && !protest_place;
                let direct = prep.is_none() && allow_direct;
                let violent_place = violent
                    && class == EntityClass::Place
                    && matches!(prep, Some("in" | "on" | "at" | "onto" | "into" | "toward" | "towards"));
                if by_prep || direct || violent_place {
                    // "ceded Crimea to Russia": what is given, then whom it is given to.
                    let recipient = direct.then(|| self.recipient_after(trigger, mention.end, end)).flatten();
                    return (self.group_right_from_mention(recipient.unwrap_or(m), end, true), place);
                }
                if class == EntityClass::Place && matches!(prep, Some("in" | "at")) && place.is_none() {
                    place = Some(mention.entity);
                }
                j = mention.end;
                prep = None;
                continue;
            }
            // "took over the Afghan capital and President Ghani fled": a conjunction before any
            // target starts another phrase. A verb of saying takes its target right after it
            // ("commented on X"), never further on ("said the loss of X").
            let new_phrase = matches!(w, "and" | "or" | "but");
            let saying_too_far = INTRANSITIVE.contains(&trigger.lemma.as_str())
                && trigger.kind == TriggerKind::Verb
                && j > i
                && prep.is_none();
            if self.is_boundary(j)
                || new_phrase
                || saying_too_far && !trigger.target_preps.iter().any(|t| t == w)
                || matches!(w, "," | "." | "said" | "to") && !trigger.target_preps.iter().any(|t| t == w)
            {
                break;
            }
            if trigger.target_preps.iter().any(|t| t == w)
                || matches!(
                    w,
                    "in" | "at"
                        | "on"
                        | "of"
                        | "with"
                        | "for"
                        | "about"
                        | "from"
                        | "over"
                        | "against"
                        | "into"
                        | "onto"
                        | "to"
                        | "toward"
                        | "towards"
                )
                // "agreed to a truce brokered by Egypt": the agent of a participle is not a
                // target ("rejected calls by Belarus" is a rejection of Belarus).
                || w == "by" && j > 0 && self.text.tag(j - 1) == "VBN"
            {
                // "the city of Dnipro" keeps the preposition that led to "the city".
                if !(w == "of" && j > 0 && is_place_noun(self.text.low(j - 1))) {
                    prep = Some(self.text.lower[j].as_str());
                }
            } else if !(DETERMINERS.contains(&w) || is_title_word(w) || is_place_noun(w)) {
                plain_words += 1;
                if plain_words > 3 {
                    break;
                }
            }
            j += 1;
        }
        (Vec::new(), place)
    }
}
