//! Reads who did what to whom from the dependency parse of each sentence.
//!
//! For every verb trigger, the parser's relations give its arguments: `nsubj`
//! is the source and `obj` the target; in a passive, `nsubj:pass` is the target
//! and `obl:agent` ("by X") the source; an `obl` whose preposition the lexicon
//! allows ("talks with X", "arrived in Paris") is a target too. A verb with no
//! subject of its own borrows the one of the verb it depends on ("arrived in
//! Paris to meet Macron"), and a relative clause takes its noun ("a missile
//! that struck Kyiv"). A noun such as "officials" or "military" acts for the
//! country that qualifies it ("Zimbabwe's military", "Ukrainian officials").
//! Coordinated arguments ("France, Germany and Britain") multiply. This pass
//! runs next to the word-order patterns of `events.rs`; `rules.rs` merges both.

use std::ops::Range;

use super::events::{
    Found, HOLDING_NOUNS, Pattern, is_reporter, modality_before, names_a_kind, undone, verb_follows,
};
use super::frames::{THREATENING, infinitive_of, is_halting};
use super::lexicon::{Lexicon, Trigger, TriggerKind, TriggerMatch};
use super::mentions::{
    MentionKind, Mentions, NON_STATE_GROUPS, SAYING_LEMMAS, Text, is_group_noun, is_place_noun, is_title_word,
};
use super::{EntityClass, Modality, cameo};

/// Finds events from the dependency parse; returns nothing when the text was not parsed.
pub fn find_events_by_syntax(
    text: &Text<'_>,
    mentions: &Mentions,
    lexicon: &Lexicon,
    skip: &[Range<usize>],
    main_country: Option<usize>,
) -> Vec<Found> {
    let reader = Reader { text, mentions, skip, main_country };
    let mut events = Vec::new();
    for (sentence_idx, sentence) in text.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let lower: Vec<&str> = range.clone().map(|i| text.low(i)).collect();
        for k in 0..lower.len() {
            let i = range.start + k;
            if text.tag(i).starts_with("NN") && mentions.at(i).is_none() {
                // "sanctions by the US against Iran", "talks between Israel and Hamas".
                let known = |e: &Found| e.sentence == sentence_idx && e.tokens.contains(&i);
                if !events.iter().any(known) {
                    if let Some(event) = reader.noun_event(lexicon, &lower, i, range.clone()) {
                        events.push(Found { sentence: sentence_idx, ..event });
                    }
                }
                continue;
            }
            if !text.tag(i).starts_with("VB") || mentions.at(i).is_some() {
                continue;
            }
            let found = lexicon.matches_at(&lower, k);
            let verb = found.iter().find(|m| lexicon.triggers[m.trigger].kind == TriggerKind::Verb).copied();
            // A phrase whose noun is the verb's object, further on than the word patterns
            // reach ("lodged an official protest", "expelled two Russian diplomats").
            let one_word = verb.is_none_or(|m| !lexicon.triggers[m.trigger].lemma.contains(' '));
            let verb = one_word
                .then(|| reader.object_phrase(lexicon, &lower, range.start, i))
                .flatten()
                .or(verb.map(|m| (m, i..i + m.len)));
            // A phrase split by its object ("placed Mugabe under house arrest").
            let verb = verb.or_else(|| reader.split_phrase(lexicon, &lower, range.start, i));
            let event = verb
                .and_then(|(choice, tokens)| {
                    reader
                        .verb_event(&lexicon.triggers[choice.trigger], i, range.clone())
                        .map(|event| Found { trigger: choice.trigger, tokens, ..event })
                })
                // A light verb and its noun ("held talks", "carried out strikes on").
                .or_else(|| reader.light_verb_event(lexicon, &lower, i, range.clone()));
            // "Russia said Sudan must return the helicopter": a demand stated as a report.
            let event = event.or_else(|| reader.modal_statement(lexicon, i, range.clone()));
            // "Mosul fell to the Islamic State": the place is captured by whom it fell to.
            let event = event.or_else(|| reader.fallen_to(lexicon, i, range.clone()));
            if let Some(event) = event {
                events.push(Found { sentence: sentence_idx, ..event });
            }
        }
    }
    events
}

/// Whether a trigger is a mediation (CAMEO 045: mediate, broker).
fn is_mediation(trigger: &Trigger) -> bool {
    trigger.cameo.starts_with("045")
}

/// Nouns for a state's armed or police forces and its officials.
fn is_state_force(word: &str) -> bool {
    matches!(
        word,
        "army" | "military" | "soldiers" | "troops" | "police" | "policemen" | "authorities" | "junta"
    )
}

/// Nouns for an attack, whose qualifier names the attacker ("Israeli airstrikes").
fn is_attack_noun(word: &str) -> bool {
    matches!(
        word,
        "airstrike"
            | "airstrikes"
            | "strike"
            | "strikes"
            | "attack"
            | "attacks"
            | "shelling"
            | "bombing"
            | "bombings"
            | "bombardment"
            | "raid"
            | "raids"
            | "offensive"
            | "assault"
            | "drone"
            | "drones"
            | "missile"
            | "missiles"
            | "rocket"
            | "rockets"
            | "fire"
            | "barrage"
    )
}

/// Nouns for an act, proposal or stance that stands for whoever's it is when it is
/// rejected, accepted, criticised or defended ("rejected the Israeli proposal").
#[rustfmt::skip]
fn is_owned_act(word: &str) -> bool {
    matches!(
        word,
        "action" | "actions" | "aggression" | "annexation" | "bid" | "changes" | "conditions"
            | "decision" | "demand" | "demands" | "initiative" | "intervention" | "invasion"
            | "involvement" | "mediation" | "meeting" | "move" | "occupation" | "offer" | "plan" | "policies"
            | "policy" | "position" | "presence" | "proposal" | "proposals" | "refusal" | "request"
            | "right" | "rights" | "stance" | "terms" | "ultimatum"
            // What is hacked or defaced stands for whose it is ("hacked into the computers
            // of the DNC", "defaced Danish websites").
            | "accounts" | "computer" | "computers" | "emails" | "networks" | "servers" | "sites"
            | "websites"
    )
}

/// Nouns for a share of a place or group ("most of", "parts of", "much of").
fn is_partitive(word: &str) -> bool {
    matches!(
        word,
        "most" | "much" | "part" | "parts" | "all" | "half" | "swathes" | "areas" | "some" | "positions"
    )
}

/// Nouns of amount that stand before what they measure ("5 million dollars of aid").
pub(super) fn is_amount(word: &str) -> bool {
    matches!(
        word,
        "dollars"
            | "euros"
            | "pounds"
            | "tons"
            | "tonnes"
            | "kg"
            | "kilograms"
            | "doses"
            | "truckloads"
            | "crates"
            | "million"
            | "millions"
            | "billion"
            | "billions"
            | "worth"
            | "shipment"
            | "shipments"
            | "consignment"
            | "batch"
            | "package"
    )
}

/// Words for a day or time that the parser may take for a subject ("X today signed").
fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "now"
    )
}

/// Verbs of coming together for a meeting ("arrived in Paris for talks").
const TRAVEL_VERBS: &[&str] =
    &["arrive", "come", "convene", "fly", "gather", "go", "head", "meet", "return", "travel"];

/// Verbs (as lemmas) that report a statement; with a clause of obligation they make a demand.
#[rustfmt::skip]
const STATEMENT_VERBS: &[&str] = &[
    "add", "announce", "assert", "declare", "insist", "reiterate", "say", "state", "stress",
    "tell", "warn",
];

/// Whether a trigger's target may be read from the clause after it: appeals (CAMEO 02),
/// intents (03), demands (10), threats (13) and rejections (12) are made to the actor
/// who is to act ("demanded that the US cancel", "threatened to cut off power to X").
fn takes_clause_target(trigger: &Trigger) -> bool {
    ["02", "03", "10", "12", "13"].iter().any(|root| trigger.cameo.starts_with(root))
}

/// The noun trigger read at token `noun`, and where it starts: the longest one that ends
/// there, since the head noun of an object may end a phrase ("began a hunger strike", "held
/// peace talks"), else one that starts there. `start` is the sentence's first token.
fn noun_trigger_ending_at(
    lexicon: &Lexicon,
    lower: &[&str],
    noun: usize,
    start: usize,
) -> Option<(TriggerMatch, usize)> {
    let noun_at = |s: usize| {
        lexicon
            .matches_at(lower, s - start)
            .into_iter()
            .filter(|m| lexicon.triggers[m.trigger].kind == TriggerKind::Noun)
    };
    (noun.saturating_sub(2).max(start)..=noun)
        .find_map(|s| noun_at(s).find(|m| s + m.len == noun + 1).map(|m| (m, s)))
        .or_else(|| noun_at(noun).next().map(|m| (m, noun)))
}

/// Whether the word at `last` ends a noun trigger that starts before `from` and codes
/// otherwise than `trigger`: in "staged a 24-hour hunger strike" the object is a hunger
/// strike, not the "stage strike" a verb phrase would read. `lower` holds the sentence's
/// words from token `start`.
fn ends_another_noun(
    lexicon: &Lexicon,
    lower: &[&str],
    last: usize,
    start: usize,
    from: usize,
    trigger: usize,
) -> bool {
    let code = &lexicon.triggers[trigger].cameo;
    noun_trigger_ending_at(lexicon, lower, last, start)
        .is_some_and(|(m, first)| first < from && lexicon.triggers[m.trigger].cameo != *code)
}

/// Verbs (as lemmas) that take an event noun as their object and lend it their subject.
#[rustfmt::skip]
const LIGHT_VERBS: &[&str] = &[
    "begin", "carry", "conclude", "conduct", "continue", "deliver", "express", "extend", "give",
    "hold", "impose", "intensify", "issue", "launch", "make", "mount", "open", "provide", "renew",
    "reiterate", "repeat", "resume", "seal", "sign", "stage", "start", "step", "unleash", "voice",
    "wage",
];

/// Verbs (as lemmas) that lend their subject to a protest noun only: "organized a general
/// strike", "called a strike", "joined the protests", "led a march". "Organized talks" is
/// a host's or mediator's act, not talks of its own.
const PROTEST_LIGHT_VERBS: &[&str] = &["call", "join", "lead", "organise", "organize"];

/// Whether a trigger is an act only a state's authorities do, so that told in the passive
/// with no agent it is the act of the state where it happens: arrests and detentions (173),
/// investigations (09), sentences (116), expulsions (174), executions.
fn is_state_act(trigger: &Trigger) -> bool {
    ["173", "09", "116", "174"].iter().any(|code| trigger.cameo.starts_with(code))
        || trigger.lemma == "execute"
}

/// Whether a trigger is help given to someone: support (05), cooperation (06) or aid (07).
fn is_help(trigger: &Trigger) -> bool {
    ["05", "06", "07"].iter().any(|root| trigger.cameo.starts_with(root))
}

/// Whether a trigger is a protest (CAMEO 14): "demonstrate", "rally", "went on strike".
fn is_protest(trigger: &Trigger) -> bool {
    trigger.cameo.starts_with("14")
}

/// Verbs (as lemmas) of a clause that says what a protest wants and of whom: "rallied
/// to demand the resignation of X", "held protests calling for X's removal".
#[rustfmt::skip]
const PURPOSE_VERBS: &[&str] = &[
    "call", "condemn", "decry", "demand", "denounce", "oppose", "press", "protest", "seek", "urge",
];

/// Purpose verbs whose object is what is protested, not what is wanted: "to protest
/// Sweden's decision", "condemning abuses by the army". Whoever is responsible for it is
/// the target (`Reader::responsible_for`).
const OBJECTION_VERBS: &[&str] = &["condemn", "decry", "denounce", "oppose", "protest"];

/// Verbs (as lemmas) that show a stance: "to show their disapproval of X", "voicing anger at".
const SHOWING_VERBS: &[&str] = &["express", "show", "signal", "voice"];

/// Nouns of a stance against something, named after "of", "to", "at", "over", "against" or
/// "with": "in defiance of Chinese authorities", "to show their disapproval of X".
#[rustfmt::skip]
const STANCE_NOUNS: &[&str] = &[
    "anger", "defiance", "disapproval", "discontent", "displeasure", "dissatisfaction", "fury",
    "indignation", "opposition", "outrage", "protest", "rejection",
];

/// Nouns for what befalls their possessor, who is then not the one protested against:
/// "in protest over Navalny's arrest", "protests over Mahsa Amini's death". Their agent
/// still is ("the killing of a student by police").
#[rustfmt::skip]
const UNDERGONE_NOUNS: &[&str] = &[
    "abduction", "arrest", "arrests", "assassination", "conviction", "death", "deaths",
    "deportation", "detention", "disappearance", "dismissal", "execution", "exile", "expulsion",
    "imprisonment", "jailing", "killing", "killings", "kidnapping", "murder", "ouster", "plight",
    "removal", "sentence", "sentencing", "suffering", "torture", "treatment", "trial",
];

/// Nouns whose possessor or "of" phrase is who a protest speaks for, not whom it is
/// against: "demanding the release of Alexei Navalny", "calling for the safety of hostages".
#[rustfmt::skip]
const ON_BEHALF_NOUNS: &[&str] = &[
    "freedom", "justice", "liberation", "protection", "reinstatement", "release", "repatriation",
    "rescue", "return", "right", "rights", "safety", "support",
];

struct Reader<'a, 'b> {
    text: &'a Text<'b>,
    mentions: &'a Mentions,
    skip: &'a [Range<usize>],
    /// The country the article is mostly about: the state that unqualified soldiers,
    /// police or authorities act for ("soldiers seized the state broadcaster").
    main_country: Option<usize>,
}

impl Reader<'_, '_> {
    fn verb_event(&self, trigger: &Trigger, i: usize, range: Range<usize>) -> Option<Found> {
        if let Some(found) = self.help_with_clause(trigger, i, range.clone()) {
            return Some(found);
        }
        let mut subjects = Vec::new();
        let mut objects = Vec::new();
        // "Israel is opposed to French mediation": a participle that states a stance, not
        // a passive; its subject acts and "to" names what it opposes.
        let stance = self.text.low(i) == "opposed";
        for k in self.text.children(i, "nsubj") {
            if self.text.deprel[k] == "nsubj:pass" && !stance {
                objects.extend(self.actors(k, true));
            } else {
                subjects.extend(self.actors(k, false));
            }
        }
        let mut has_agent = false;
        // "demonstrated against abuses by the army": the agent of what is protested.
        let protested = |k: usize| {
            is_protest(trigger)
                && ["obl", "obj"].into_iter().flat_map(|r| self.text.children(i, r)).any(|n| {
                    n < k
                        && matches!(self.preposition_before(n).as_deref(), Some("against" | "over"))
                        && self.protest_agent_misplaced(i, n)
                })
        };
        for k in self.text.children(i, "obl") {
            let preposition = self.preposition_of(k);
            let agent = self.text.deprel[k] == "obl:agent" || preposition.as_deref() == Some("by");
            if agent && protested(k) {
                continue;
            }
            // "accepted the proposal by the United States", "condemned the killing by
            // police": an active verb with a subject of its own has no agent, so a "by"
            // phrase after its object (a thing, not an actor) names whose the object is.
            let object_agent = agent
                && self.text.children(i, "obj").into_iter().any(|o| o < k && self.actors(o, true).is_empty())
                && self.protest_agent_misplaced(i, k);
            if object_agent {
                objects.extend(self.actors(k, true));
                continue;
            }
            if agent {
                has_agent = true;
                subjects.extend(self.actors(k, false));
                continue;
            }
            // "seized the state broadcaster ZBC": a name after the object that the parser
            // left as a bare oblique is the object's name.
            if self.text.deprel[k] == "obl:unmarked" && k > i {
                objects.extend(self.actors(k, true));
                continue;
            }
            if stance && preposition.as_deref() == Some("to") {
                objects.extend(self.actors(k, true));
                continue;
            }
            // "put its forces on alert near Taiwan": the phrase's own noun carries the target.
            let in_phrase =
                preposition.as_deref().is_some_and(|p| trigger.lemma.split(' ').skip(1).any(|w| w == p));
            if in_phrase {
                objects.extend(self.targets_on_noun(trigger, k));
                continue;
            }
            objects.extend(self.prepositional_targets(trigger, k, preposition.as_deref()));
        }
        // "ceded Crimea to Russia": with a recipient after "to", the object is what is given.
        let recipient =
            trigger.target_preps.iter().any(|t| t == "to")
                && self.text.children(i, "obl").into_iter().any(|k| {
                    self.preposition_of(k).as_deref() == Some("to") && !self.actors(k, true).is_empty()
                });
        // "gave Tanzania a grant": the indirect object is the target.
        let given = if recipient { Vec::new() } else { self.text.children(i, "obj") };
        for k in given.into_iter().chain(self.text.children(i, "iobj")) {
            let named = self.actors(k, true);
            // An object that names no actor may carry the target: "lodged a protest with
            // Albania", "will withdraw inspectors and workers from Iraq" (the parser hangs
            // the phrase on the nearest noun), "hit a school bus in northern Yemen" (where
            // the thing struck was).
            if named.is_empty() {
                objects.extend(self.targets_on_noun(trigger, k));
            }
            objects.extend(named);
        }
        if subjects.is_empty() {
            subjects = self.misparsed_subjects(i);
        }
        if subjects.is_empty() && cameo::is_violent(&trigger.cameo) {
            subjects = self.attackers_named_by_cause(i);
        }
        if subjects.is_empty() {
            subjects = self.borrowed_subjects(i);
        }
        if subjects.is_empty() && is_state_act(trigger) && !self.text.children(i, "aux:pass").is_empty() {
            subjects.extend(self.arresting_state(i, &objects, trigger.cameo.starts_with("174")));
        }
        // "when asked what Moscow expected": a bare participle is a reduced passive.
        let reduced_passive = self.text.tag(i) == "VBN" && self.text.children(i, "aux").is_empty();
        if objects.is_empty() && takes_clause_target(trigger) && !reduced_passive {
            objects = self.clause_targets(i);
            if objects.is_empty() {
                objects.extend(self.named_after_that(i, range.end));
            }
        }
        // "went on strike to protest the policies of X": the protest is against whom its
        // purpose is directed; a phrase's noun may carry the purpose ("held protests calling for").
        if objects.is_empty() && is_protest(trigger) {
            let phrase_noun = |k: &usize| trigger.lemma.split(' ').skip(1).any(|w| w == self.text.lemma[*k]);
            let nouns = ["obj", "obl"].into_iter().flat_map(|r| self.text.children(i, r)).filter(phrase_noun);
            let anchors: Vec<usize> = std::iter::once(i).chain(nouns).collect();
            objects = self.purpose_targets(&anchors);
            if objects.is_empty() {
                objects = self.protested_targets(&anchors);
            }
        }
        if objects.is_empty() && has_agent && is_mediation(trigger) {
            objects = self.mediated_parties(i);
            // The parse's agent is surer than the words' order, and "a truce brokered by
            // Egypt" was brokered, whatever the clause says of the truce.
            let event = self.event(trigger, i, subjects, objects, range)?;
            let modality = if self.text.deprel[i] == "acl" { Modality::Asserted } else { event.modality };
            return Some(Found { pattern: Pattern::Passive, modality, ..event });
        }
        self.event(trigger, i, subjects, objects, range)
    }

    /// The actors, as agents, of the verb's obliques after `preposition` ("backing from
    /// Iran", "fell to the Taliban").
    fn oblique_actors(&self, verb: usize, preposition: &str) -> Vec<usize> {
        self.text
            .children(verb, "obl")
            .into_iter()
            .filter(|&k| self.preposition_of(k).as_deref() == Some(preposition))
            .flat_map(|k| self.actors(k, false))
            .collect()
    }

    /// Help read as a gerund that comes "with" a clause: "With backing from Iran, the
    /// Houthis attacked" is Iran's support of the Houthis (the tagger often reads the noun
    /// "backing" as a verb). The giver is after "from", the clause's subject gets it.
    fn help_with_clause(&self, trigger: &Trigger, i: usize, range: Range<usize>) -> Option<Found> {
        let with = self.text.children(i, "mark").into_iter().any(|m| self.text.low(m) == "with");
        if !is_help(trigger)
            || !with
            || self.text.tag(i) != "VBG"
            || !self.text.children(i, "nsubj").is_empty()
        {
            return None;
        }
        let givers = self.oblique_actors(i, "from");
        if givers.is_empty() {
            return None;
        }
        let head = self.text.head[i]?;
        self.event(trigger, i, givers, self.subjects_of_clause(head), range)
    }

    /// The parties to what a mediator brokered, for a mediation told in the passive: "a
    /// truce [between A and B] brokered by Egypt", "A and B agreed to a truce brokered by
    /// Egypt", "A and B fought a war before a ceasefire was mediated by Moscow".
    fn mediated_parties(&self, i: usize) -> Vec<usize> {
        let passive = self.text.deprel[i] != "acl";
        let agreement = if passive {
            self.text.children(i, "nsubj").into_iter().find(|&k| self.text.deprel[k] == "nsubj:pass")
        } else {
            self.text.head[i]
        };
        let between: Vec<usize> = agreement
            .map(|a| self.text.children(a, "nmod"))
            .unwrap_or_default()
            .into_iter()
            .filter(|&c| self.preposition_of(c).as_deref() == Some("between"))
            .flat_map(|c| self.actors(c, true))
            .collect();
        if !between.is_empty() {
            return between;
        }
        if passive {
            // "… fought a war before a ceasefire was mediated": the clause it hangs on.
            return self.borrowed_subjects(i);
        }
        // The truce is the object of the parties' verb ("agreed to", "signed", "accepted").
        match agreement.and_then(|a| self.text.head[a]) {
            Some(verb) if self.text.tag(verb).starts_with("VB") => self.subjects_of_clause(verb),
            _ => Vec::new(),
        }
    }

    /// A statement that another actor must or should act: "Russia said on Tuesday that
    /// Sudan must return a helicopter" is Russia demanding (CAMEO 10) of Sudan; with
    /// "should" it is an appeal (02). The statement's subject acts; the clause's subject
    /// is the target. The modal is the trigger word.
    fn modal_statement(&self, lexicon: &Lexicon, i: usize, range: Range<usize>) -> Option<Found> {
        if !STATEMENT_VERBS.contains(&self.text.lemma[i].as_str()) {
            return None;
        }
        for clause in self.text.children(i, "ccomp") {
            let Some(modal) = self
                .text
                .children(clause, "aux")
                .into_iter()
                .find(|&a| matches!(self.text.low(a), "must" | "should"))
            else {
                continue;
            };
            let lemma = if self.text.low(modal) == "must" { "demand" } else { "urge" };
            let trigger = lexicon.find(lemma, TriggerKind::Verb)?;
            let mut subjects = Vec::new();
            for k in self.text.children(i, "nsubj") {
                subjects.extend(self.actors(k, false));
            }
            let mut objects = Vec::new();
            for k in self.text.children(clause, "nsubj") {
                objects.extend(self.actors(k, true));
            }
            objects.retain(|&e| !self.is_place(e));
            let event = self.event(&lexicon.triggers[trigger], i, subjects, objects, range)?;
            return Some(Found { trigger, tokens: modal..modal + 1, ..event });
        }
        None
    }

    /// The target of an appeal, demand, threat or offer stated through what follows it:
    /// the subject of its clause ("demanded that the US cancel the sale"), what the verb
    /// of its infinitive acts on ("threatened to cut off electricity to Nakhichevan"), or
    /// the object of its object ("threatened further action against Russia").
    fn clause_targets(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for clause in self.text.children(i, "ccomp") {
            for k in self.text.children(clause, "nsubj") {
                out.extend(self.actors(k, true));
            }
        }
        if !out.is_empty() {
            return out;
        }
        // "threatened to break off relations with Congo", "refused to deploy troops in Iraq",
        // "threatened to deliver blows to the United States".
        let toward = |k: usize| {
            matches!(
                self.preposition_of(k).as_deref(),
                Some("to" | "against" | "on" | "with" | "from" | "in")
            )
        };
        for verb in self.text.children(i, "xcomp") {
            for k in self.text.children(verb, "obj").into_iter().chain(self.text.children(verb, "iobj")) {
                let named = self.actors(k, true);
                if named.is_empty() {
                    for c in self.text.children(k, "nmod").into_iter().filter(|&c| toward(c)) {
                        out.extend(self.actors(c, true));
                    }
                }
                out.extend(named);
            }
            for k in self.text.children(verb, "obl").into_iter().filter(|&k| toward(k)) {
                out.extend(self.actors(k, true));
            }
        }
        for noun in self.text.children(i, "obj") {
            for k in self.text.children(noun, "nmod") {
                if matches!(self.preposition_of(k).as_deref(), Some("against" | "on" | "to")) {
                    out.extend(self.actors(k, true));
                }
            }
        }
        out.retain(|&e| !self.is_place(e));
        out
    }

    /// The place of a sentence that opens with where it happened: "In Barcelona, …", "In
    /// one incident in Barcelona, …" (the place before the first comma, within six words).
    fn opening_place(&self, range: &Range<usize>) -> Option<usize> {
        if self.text.low(range.start) != "in" {
            return None;
        }
        let comma = (range.start..range.end.min(range.start + 7)).find(|&k| self.text.low(k) == ",")?;
        (range.start + 1..comma)
            .rev()
            .find_map(|k| self.mentions.at(k))
            .map(|m| self.mentions.mentions[m].entity)
            .filter(|&e| self.is_place(e))
    }

    /// The actors a condition after token `i` names first: "… unless President Habre
    /// arranged a ceasefire", "… if the United States goes ahead". Places do not count.
    fn condition_actors(&self, i: usize, range: &Range<usize>) -> Vec<usize> {
        let Some(mark) = (i + 1..range.end).find(|&k| matches!(self.text.low(k), "unless" | "if")) else {
            return Vec::new();
        };
        let name = (mark + 1..(mark + 5).min(range.end))
            .take_while(|&k| !self.text.tag(k).starts_with("VB"))
            .find_map(|k| self.mentions.at(k));
        name.map(|m| self.mentions.mentions[m].entity).filter(|&e| !self.is_place(e)).into_iter().collect()
    }

    /// The target of a protest that names none of its own, read from its stated purpose:
    /// an infinitive or participle of demanding on the protest verb or noun (`anchors`).
    /// What is demanded names the target through itself or its owner ("to demand the
    /// resignation of Imran Khan", "calling for Hosni Mubarak's removal", "urging Viktor
    /// Orban's government to resign"), or the subject of its clause ("demanding that the
    /// government of Viktor Orban lift the ban"). Places are never targets here.
    fn purpose_targets(&self, anchors: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let clauses =
            anchors.iter().flat_map(|&a| ["xcomp", "advcl", "acl"].map(|r| self.text.children(a, r)));
        for clause in clauses.flatten() {
            let lemma = self.text.lemma[clause].as_str();
            if !PURPOSE_VERBS.contains(&lemma) && !SHOWING_VERBS.contains(&lemma) {
                continue;
            }
            // Only a participle ("demanding") or an infinitive ("to demand") of the protesters'
            // own: not "rallied as the opposition demanded X's resignation", another's demand.
            let to = self.text.children(clause, "mark").into_iter().any(|m| self.text.low(m) == "to");
            let non_finite = self.text.tag(clause) == "VBG" || self.text.tag(clause) == "VB" && to;
            if !non_finite || !self.text.children(clause, "nsubj").is_empty() {
                continue;
            }
            // "to show their disapproval of the United States' policies": what the stance is against.
            if SHOWING_VERBS.contains(&lemma) {
                let stances = self.text.children(clause, "obj").into_iter().filter(|&k| self.is_stance(k));
                for stance in stances {
                    let against = self.stance_objects(stance).into_iter().chain(self.stance_objects(clause));
                    out.extend(against.flat_map(|k| self.responsible_for(k)));
                }
                continue;
            }
            // "to protest Sweden's decision", "condemning abuses by the army": whoever is
            // responsible for what is protested.
            if OBJECTION_VERBS.contains(&lemma) {
                let protested = self.text.children(clause, "obl").into_iter().filter(|&k| {
                    matches!(self.preposition_of(k).as_deref(), Some("against" | "over" | "at"))
                });
                for k in self.text.children(clause, "obj").into_iter().chain(protested) {
                    out.extend(self.responsible_for(k));
                }
                continue;
            }
            // "demanding that Russia withdraw" (not "that Navalny be freed", a passive).
            for that in self.text.children(clause, "ccomp") {
                for k in
                    self.text.children(that, "nsubj").into_iter().filter(|&k| self.text.deprel[k] == "nsubj")
                {
                    out.extend(self.actors(k, true));
                }
            }
            // "calling for the removal of X", "calling on X to resign", "pressing for X's exit".
            let asked = self
                .text
                .children(clause, "obl")
                .into_iter()
                .filter(|&k| matches!(self.preposition_of(k).as_deref(), Some("for" | "on")));
            for k in self.text.children(clause, "obj").into_iter().chain(asked) {
                out.extend(self.demanded_of(k));
            }
        }
        out.retain(|&e| !self.is_place(e));
        out
    }

    /// Whom a thing demanded is demanded of: the actor it names ("urged Israel"), its
    /// possessor ("X's resignation") or its "of" phrase ("the removal of X from office").
    /// Nothing for what is asked on someone's behalf ("the release of X"), except whom
    /// it is to be free of ("greater freedom from President X's government").
    fn demanded_of(&self, k: usize) -> Vec<usize> {
        if ON_BEHALF_NOUNS.contains(&self.text.low(k)) {
            return self
                .text
                .children(k, "nmod")
                .into_iter()
                .filter(|&c| self.preposition_of(c).as_deref() == Some("from"))
                .flat_map(|c| self.actors(c, true))
                .filter(|&e| !self.is_place(e))
                .collect();
        }
        let named = self.actors(k, true);
        if !named.is_empty() || !self.text.tag(k).starts_with("NN") {
            return named;
        }
        self.text
            .children(k, "nmod")
            .into_iter()
            .filter(|&c| self.preposition_of(c).as_deref() == Some("of"))
            .flat_map(|c| self.actors(c, true))
            .collect()
    }

    /// The target of a protest that names none of its own, read from what is protested,
    /// hung on the protest's verb or noun (`anchors`): "demonstrations against abuses by the
    /// army", "a strike over a bill signed by the minister", or a stance the protest is made
    /// in ("rallied in defiance of Chinese authorities"). The actor responsible for it is
    /// the target. The place of the protest never is.
    fn protested_targets(&self, anchors: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &anchor in anchors {
            let attached = ["obl", "nmod", "obj"].into_iter().flat_map(|r| self.text.children(anchor, r));
            for k in attached {
                match self.preposition_before(k).as_deref() {
                    Some("against" | "over") => {
                        let responsible = self.responsible_for(k);
                        if responsible.is_empty() {
                            out.extend(anchors.iter().flat_map(|&verb| self.agents_hung_on_verb(verb, k)));
                        }
                        out.extend(responsible);
                    }
                    Some("in") if self.is_stance(k) => {
                        out.extend(self.stance_objects(k).into_iter().flat_map(|c| self.responsible_for(c)));
                    }
                    // "went on strike in protest at X's decision", with "at X's decision" hung on the verb.
                    Some("at" | "of" | "to") if self.follows_stance(k) => out.extend(self.responsible_for(k)),
                    _ => {}
                }
            }
        }
        out
    }

    /// The agent of a protested thing that the parser hung on the protest's verb:
    /// "[Palestinians] demonstrated against violations by the Israeli military". An
    /// active verb with its own subject has no agent, so a "by" phrase after what is
    /// protested (`protested`) is that thing's.
    fn agents_hung_on_verb(&self, verb: usize, protested: usize) -> Vec<usize> {
        if !self.protest_agent_misplaced(verb, protested) {
            return Vec::new();
        }
        let by = |&c: &usize| c > protested && self.preposition_of(c).as_deref() == Some("by");
        let agents = self.text.children(verb, "obl").into_iter().filter(by);
        agents.flat_map(|c| self.actors(c, true)).filter(|&e| !self.is_place(e)).collect()
    }

    /// Whether a verb is active, with a subject of its own, so that a "by" phrase after
    /// `after` belongs to what comes before it, not to the verb.
    fn protest_agent_misplaced(&self, verb: usize, after: usize) -> bool {
        let subjects = self.text.children(verb, "nsubj");
        after > verb
            && !subjects.is_empty()
            && subjects.iter().all(|&k| self.text.deprel[k] == "nsubj")
            && self.text.children(verb, "aux:pass").is_empty()
    }

    /// Whether a noun names a stance against something ("defiance", "disapproval").
    fn is_stance(&self, k: usize) -> bool {
        STANCE_NOUNS.contains(&self.text.low(k))
    }

    /// Whether the preposition of nominal `k` comes right after "in" and a stance noun
    /// ("in protest at", "in defiance of"), whatever the parser hung the nominal on.
    fn follows_stance(&self, k: usize) -> bool {
        let Some(&case) = self.text.children(k, "case").first() else {
            return false;
        };
        let start = self.text.sentences[self.text.sentence_of[k]].tokens.start;
        case >= start + 2 && self.is_stance(case - 1) && self.text.low(case - 2) == "in"
    }

    /// What a stance (or the verb that shows it) is against: "disapproval of X", "opposition
    /// to X", "anger at X", "outrage over X".
    fn stance_objects(&self, k: usize) -> Vec<usize> {
        ["nmod", "obl"]
            .into_iter()
            .flat_map(|r| self.text.children(k, r))
            .filter(|&c| {
                matches!(
                    self.preposition_of(c).as_deref(),
                    Some("of" | "to" | "at" | "over" | "against" | "with" | "for")
                )
            })
            .collect()
    }

    /// The actor responsible for a protested thing: the actor it names ("against the
    /// government", "in defiance of Chinese authorities"), its owner ("Sweden's decision",
    /// "the Russian government's refusal", "the Israeli proposal") or its agent ("abuses by
    /// Algerian security forces", "a bill signed by the minister"). What befalls its
    /// possessor names only its agent ("Navalny's arrest" is not Navalny's doing).
    fn responsible_for(&self, k: usize) -> Vec<usize> {
        let noun = self.text.tag(k).starts_with("NN");
        // "the killing of a student by police": the parser often hangs the agent on the "of" phrase.
        let agents = |out: &mut Vec<usize>| {
            let of = self
                .text
                .children(k, "nmod")
                .into_iter()
                .filter(|&c| self.preposition_of(c).as_deref() == Some("of"));
            for owner in std::iter::once(k).chain(of) {
                for c in self.text.children(owner, "nmod") {
                    if self.preposition_of(c).as_deref() == Some("by") {
                        out.extend(self.actors(c, true));
                    }
                }
            }
        };
        let mut out = Vec::new();
        if noun && self.mentions.at(k).is_none() && UNDERGONE_NOUNS.contains(&self.text.low(k)) {
            agents(&mut out);
        } else {
            out = self.actors(k, true);
            if out.is_empty() && noun {
                // "the Russian government's refusal", "President X's government": the owner
                // may itself be a group standing for its country.
                for c in self.text.children(k, "nmod:poss") {
                    out.extend(self.actors(c, true));
                }
            }
            if out.is_empty() && noun {
                agents(&mut out);
            }
        }
        out.retain(|&e| !self.is_place(e));
        out
    }

    /// The actor named first in a "that" clause right after a verb, read by word order for
    /// when the parse of the clause failed: a subjunctive is often tagged as a noun ("demanded
    /// that the US cancel plans"). "That" may follow a few words ("demanded on Tuesday that").
    fn named_after_that(&self, i: usize, end: usize) -> Option<usize> {
        let that = (i + 1..(i + 5).min(end))
            .take_while(|&k| self.mentions.at(k).is_none())
            .find(|&k| self.text.low(k) == "that")?;
        if (i + 1..that).any(|k| self.text.tag(k).starts_with("VB") || matches!(self.text.low(k), "," | ";"))
        {
            return None;
        }
        let mut k = that + 1;
        if k < end && matches!(self.text.low(k), "the" | "its" | "their") {
            k += 1;
        }
        let m = self.mentions.at(k)?;
        let mention = &self.mentions.mentions[m];
        let entity = mention.entity;
        (mention.start == k && !mention.modifier && !self.is_place(entity)).then_some(entity)
    }

    /// The targets hung on a noun (and its conjuncts) by the prepositions the trigger allows.
    fn targets_on_noun(&self, trigger: &Trigger, noun: usize) -> Vec<usize> {
        self.targets_hung_on(trigger, noun, false)
    }

    /// The targets the parser hung on a noun's agent or its conjuncts instead of on the
    /// noun; "of" there belongs to the agent ("by the President of France").
    fn targets_on_agent(&self, trigger: &Trigger, agent: usize) -> Vec<usize> {
        self.targets_hung_on(trigger, agent, true)
    }

    fn targets_hung_on(&self, trigger: &Trigger, noun: usize, skip_of: bool) -> Vec<usize> {
        let mut out = Vec::new();
        for k in std::iter::once(noun).chain(self.text.children(noun, "conj")) {
            for c in self.text.children(k, "nmod") {
                let preposition = self.preposition_of(c);
                if !(skip_of && preposition.as_deref() == Some("of")) {
                    out.extend(self.prepositional_targets(trigger, c, preposition.as_deref()));
                }
            }
        }
        out
    }

    /// The targets a prepositional phrase gives a trigger: any actor after a preposition the
    /// lexicon allows ("talks with X"), and for violence the place or country where it
    /// happened ("struck targets in the Bekaa valley", "an airstrike hit a bus in Yemen").
    fn prepositional_targets(&self, trigger: &Trigger, k: usize, preposition: Option<&str>) -> Vec<usize> {
        if preposition.is_some_and(|p| trigger.target_preps.iter().any(|t| t == p)) {
            let mut named = self.actors(k, true);
            // "rioted in Cairo": where a protest happens is not whom it is against.
            if cameo::spares_its_place(&trigger.cameo) && preposition == Some("in") {
                named.retain(|&e| !self.is_place(e));
            }
            named
        } else if cameo::is_violent(&trigger.cameo)
            && matches!(preposition, Some("in" | "on" | "at" | "onto" | "into"))
        {
            self.actors(k, true).into_iter().filter(|&e| self.is_place_or_country(e)).collect()
        } else {
            Vec::new()
        }
    }

    /// The event of a light verb whose object is a noun trigger: "Israel and Lebanon renewed
    /// negotiations", "the army carried out strikes on Sumy", "imposed sanctions on Iran".
    /// The verb's subject acts; the target follows the noun or the verb with one of the
    /// prepositions the noun allows.
    fn light_verb_event(
        &self,
        lexicon: &Lexicon,
        lower: &[&str],
        i: usize,
        range: Range<usize>,
    ) -> Option<Found> {
        let halting = is_halting(&self.text.lemma[i]);
        let lemma = self.text.lemma[i].as_str();
        let protest_only = PROTEST_LIGHT_VERBS.contains(&lemma);
        if !LIGHT_VERBS.contains(&lemma) && !halting && !protest_only {
            return None;
        }
        let mut noun = self.text.children(i, "obj").into_iter().find(|&k| self.mentions.at(k).is_none())?;
        // "ended its sanctions on Belarus" is the EU's own, but "ended Russia's occupation"
        // is Russia's: the noun's own actor is read with the noun.
        if halting && !self.qualifying_actors(noun).is_empty() {
            return None;
        }
        // "gave the Ivory Coast 5.1 million dollars of aid", "sent 1,000 tons of aid to":
        // the event noun is what the amount is of.
        // "launched 10 days of war games", "held three rounds of talks": and so is a span.
        let span = matches!(self.text.low(noun), "days" | "weeks" | "months" | "hours" | "rounds");
        if is_amount(self.text.low(noun)) || self.text.tag(noun) == "CD" || span {
            noun = self
                .text
                .children(noun, "nmod")
                .into_iter()
                .find(|&c| self.preposition_of(c).as_deref() == Some("of"))?;
        }
        let (choice, first) = noun_trigger_ending_at(lexicon, lower, noun, range.start)?;
        let trigger = &lexicon.triggers[choice.trigger];
        if protest_only && !is_protest(trigger) {
            return None;
        }
        let mut subjects = Vec::new();
        for k in self.text.children(i, "nsubj") {
            if self.text.deprel[k] != "nsubj:pass" {
                subjects.extend(self.actors(k, false));
            }
        }
        if subjects.is_empty() {
            subjects = self.misparsed_subjects(i);
        }
        if subjects.is_empty() {
            subjects = self.borrowed_subjects(i);
        }
        let mut objects = Vec::new();
        let attachments = self.text.children(noun, "nmod").into_iter().chain(self.text.children(i, "obl"));
        for k in attachments {
            objects.extend(self.prepositional_targets(trigger, k, self.preposition_of(k).as_deref()));
        }
        for k in self.text.children(i, "iobj") {
            objects.extend(self.actors(k, true));
        }
        // "reiterated its demand that Israel ease restrictions": a demand or appeal is made
        // of the subject of the clause that says what is demanded.
        if objects.is_empty() && takes_clause_target(trigger) {
            let clauses = ["acl", "ccomp"].iter().flat_map(|r| self.text.children(noun, r));
            for clause in clauses.chain(self.text.children(i, "ccomp")) {
                for k in self.text.children(clause, "nsubj") {
                    objects.extend(self.actors(k, true));
                }
            }
        }
        // "staged demonstrations to demand the resignation of X", "held protests calling for".
        if objects.is_empty() && is_protest(trigger) {
            objects = self.purpose_targets(&[noun, i]);
            if objects.is_empty() {
                objects = self.protested_targets(&[noun, i]);
            }
        }
        // "French and Egyptian warships held war games": exercises that several hold with
        // no one as their target are joint exercises (062), held with each other.
        let joint = (objects.is_empty() && subjects.len() >= 2 && trigger.cameo.starts_with("15"))
            .then(|| {
                // "war games" → "joint war games", "military exercises" → "joint exercises".
                let last = trigger.lemma.rsplit(' ').next()?;
                lexicon
                    .find(&format!("joint {}", trigger.lemma), TriggerKind::Noun)
                    .or_else(|| lexicon.find(&format!("joint {last}"), TriggerKind::Noun))
            })
            .flatten();
        let choice = TriggerMatch { trigger: joint.unwrap_or(choice.trigger), ..choice };
        let event = self.event(&lexicon.triggers[choice.trigger], i, subjects, objects, range)?;
        Some(Found { trigger: choice.trigger, tokens: first..first + choice.len, ..event })
    }

    /// The event of a noun trigger with its own arguments: the actor through "by", a
    /// possessor or a demonym ("sanctions by the US", "Russia's strikes", "Israeli
    /// airstrikes"); the target through the prepositions the noun allows ("against Iran",
    /// "on Kyiv"); the parties of a symmetric noun through "between" ("talks between the
    /// United States and Iran"). A noun that is the object of a light verb is read there.
    fn noun_event(&self, lexicon: &Lexicon, lower: &[&str], i: usize, range: Range<usize>) -> Option<Found> {
        // "a hunger strike", "a Russian drone attack": the head noun, read with the words
        // before it, gives the arguments.
        let (choice, first) = noun_trigger_ending_at(lexicon, lower, i, range.start)?;
        let trigger = &lexicon.triggers[choice.trigger];
        if undone(self.text, i, range.start) || names_a_kind(self.text, lexicon, i) {
            return None;
        }
        let light_object = self.text.deprel[i] == "obj"
            && self.text.head[i].is_some_and(|h| {
                let lemma = self.text.lemma[h].as_str();
                LIGHT_VERBS.contains(&lemma)
                    || PROTEST_LIGHT_VERBS.contains(&lemma) && is_protest(trigger)
                    || is_halting(lemma) && self.qualifying_actors(i).is_empty()
            });
        if light_object {
            return None;
        }
        if HOLDING_NOUNS.contains(&trigger.lemma.as_str())
            && matches!(self.preposition_of(i).as_deref(), Some("in" | "into" | "under"))
        {
            let event = self.held_event(trigger, i, range)?;
            return Some(Found { trigger: choice.trigger, tokens: i..first + choice.len, ..event });
        }
        let mut subjects = self.qualifying_actors(i);
        let mut objects = Vec::new();
        // "went on hunger strike in protest of the arrests", "rallied in support of Maduro":
        // the noun says how its verb's subject acts, and "of" names the target.
        // "went on a hunger strike" too: the subject of "go" strikes.
        // "U.S. and Russian negotiators return to Geneva for talks": who travels "for" a
        // meeting takes part in it (not who calls or asks for one).
        let adverbial = self.text.head[i].filter(|&h| match self.preposition_of(i).as_deref() {
            Some("in") => true,
            Some("on") => self.text.lemma[h] == "go",
            Some("for") => trigger.symmetric && TRAVEL_VERBS.contains(&self.text.lemma[h].as_str()),
            _ => false,
        });
        for c in self.text.children(i, "nmod") {
            let preposition = self.preposition_of(c);
            match preposition.as_deref() {
                Some("of") if adverbial.is_some() => objects.extend(self.actors(c, true)),
                // "sanctions by the US"; "the withdrawal of Serbian forces", "the support of
                // France for Ukraine": unless "of" brings the target ("the invasion of
                // Ukraine"), it brings the actor. The parser often hangs the target on the
                // last agent ("by the US and the EU against Iran", "of Serbian forces from
                // Bosnia").
                Some("by") => {
                    subjects.extend(self.actors(c, false));
                    objects.extend(self.targets_on_agent(trigger, c));
                }
                Some("of") if !trigger.target_preps.iter().any(|t| t == "of") => {
                    subjects.extend(self.actors(c, false));
                    objects.extend(self.targets_on_agent(trigger, c));
                }
                Some("between") if trigger.symmetric => subjects.extend(self.actors(c, false)),
                // "backing from allies", "aid from the EU": the giver, unless "from" is where
                // the target is ("withdrawal from Mali").
                Some("from") if !trigger.target_preps.iter().any(|t| t == "from") => {
                    subjects.extend(self.actors(c, false));
                }
                _ => objects.extend(self.prepositional_targets(trigger, c, preposition.as_deref())),
            }
        }
        if let Some(head) = adverbial.filter(|_| subjects.is_empty()) {
            subjects = self.subjects_of_clause(head);
        }
        // "agreed on a ceasefire under the mediation of the African Union": the mediator
        // acts between the subjects of the clause the mediation qualifies.
        let qualifies_clause = matches!(self.text.deprel[i], "obl" | "nmod")
            && self.preposition_of(i).as_deref() == Some("under");
        if objects.is_empty() && qualifies_clause && is_mediation(trigger) {
            // The parser may hang it on the agreement: "agreed on a ceasefire under…".
            let mut head = self.text.head[i];
            while let Some(h) = head.filter(|&h| self.text.tag(h).starts_with("NN")) {
                head = self.text.head[h].filter(|_| matches!(self.text.deprel[h], "obj" | "obl"));
            }
            objects = head.map(|verb| self.subjects_of_clause(verb)).unwrap_or_default();
        }
        // "With backing from allies like X, the NDA reached the majority": help that comes
        // "with" a clause is given to its subject.
        let with_help = self.text.deprel[i] == "obl"
            && self.preposition_of(i).as_deref() == Some("with")
            && is_help(trigger);
        if objects.is_empty()
            && !subjects.is_empty()
            && with_help
            && let Some(head) = self.text.head[i]
        {
            objects = self.subjects_of_clause(head);
        }
        // "Ukraine received backing from Germany": who receives is the target.
        if self.text.deprel[i] == "obj"
            && let Some(head) = self.text.head[i]
            && matches!(
                self.text.lemma[head].as_str(),
                "receive" | "get" | "win" | "secure" | "gain" | "enjoy"
            )
        {
            for k in self.text.children(head, "nsubj") {
                objects.extend(self.actors(k, true));
            }
            subjects.extend(self.oblique_actors(head, "from"));
        }
        // "went on a hunger strike to demand that the government of X lift the ban",
        // "protests demanding X's resignation": the purpose on the noun or on its verb.
        if objects.is_empty() && is_protest(trigger) {
            let anchors: Vec<usize> = std::iter::once(i).chain(adverbial).collect();
            objects = self.purpose_targets(&anchors);
            if objects.is_empty() {
                objects = self.protested_targets(&anchors);
            }
        }
        let event = self.event(trigger, i, subjects, objects, range)?;
        Some(Found { trigger: choice.trigger, tokens: i..first + choice.len, ..event })
    }

    /// The actors qualifying a noun: its possessor, demonym or name compound ("Russia's
    /// strikes", "a Russian drone attack", "Iran's custody").
    fn qualifying_actors(&self, i: usize) -> Vec<usize> {
        ["nmod:poss", "amod", "compound"]
            .into_iter()
            .flat_map(|relation| self.text.children(i, relation))
            .filter_map(|c| self.entity_at(c, false))
            .collect()
    }

    /// "Amini died in the custody of Iran's police": the holder (the noun's possessor,
    /// demonym or "of" phrase) detains the subject of the clause the noun is part of, or
    /// the verb's object when it has one.
    fn held_event(&self, trigger: &Trigger, i: usize, range: Range<usize>) -> Option<Found> {
        let mut holders = self.qualifying_actors(i);
        for c in self.text.children(i, "nmod") {
            if matches!(self.preposition_of(c).as_deref(), Some("of" | "by")) {
                holders.extend(self.actors(c, false));
            }
        }
        // "released seven hostages into the custody of the Red Cross": with an object, the
        // verb hands someone over, and the one held is the object, not the subject.
        let head = self.text.head[i]?;
        let objects = self.text.children(head, "obj");
        let held = if objects.is_empty() {
            self.subjects_of_clause(head)
        } else {
            objects.into_iter().flat_map(|k| self.actors(k, true)).collect()
        };
        self.event(trigger, i, holders, held, range)
    }

    /// A two-word verb phrase made of this verb and the head noun of its object, however
    /// many words stand between them: "lodged an official protest with Albania" is "lodge
    /// protest", "expelled two Russian diplomats" is "expel diplomats". An amount stands for
    /// what it measures: "delivered 50 tonnes of food" is "deliver food". A noun that ends a
    /// longer noun trigger of another code is read as that one ("staged a 24-hour hunger
    /// strike" is a hunger strike, not "stage strike"); `lower` holds the sentence's words
    /// from token `start`.
    fn object_phrase(
        &self,
        lexicon: &Lexicon,
        lower: &[&str],
        start: usize,
        i: usize,
    ) -> Option<(TriggerMatch, Range<usize>)> {
        let verb = self.text.lemma[i].as_str();
        let measured = |k: usize| {
            // "50 tonnes of food", "$5 billion in military aid"
            let amount = is_amount(self.text.low(k)) || matches!(self.text.tag(k), "CD" | "$");
            let of = |c: &usize| matches!(self.preposition_of(*c).as_deref(), Some("of" | "in"));
            amount.then(|| self.text.children(k, "nmod").into_iter().find(of)).flatten().unwrap_or(k)
        };
        self.text
            .children(i, "obj")
            .into_iter()
            .map(measured)
            .filter(|&k| k > i + 1 && self.mentions.at(k).is_none())
            .find_map(|k| {
                // "gave $5 billion in military aid": the phrase with the noun's modifier first.
                let modified = (self.text.deprel[k - 1] == "amod" && self.text.head[k - 1] == Some(k))
                    .then(|| format!("{verb} {} {}", self.text.low(k - 1), self.text.lemma[k]))
                    .and_then(|phrase| lexicon.find(&phrase, TriggerKind::Verb));
                let trigger = modified.or_else(|| {
                    [self.text.low(k), self.text.lemma[k].as_str()]
                        .into_iter()
                        .find_map(|noun| lexicon.find(&format!("{verb} {noun}"), TriggerKind::Verb))
                })?;
                let another_noun = ends_another_noun(lexicon, lower, k, start, k, trigger);
                (!another_noun).then_some((TriggerMatch { trigger, len: k + 1 - i }, i..k + 1))
            })
    }

    /// A verb phrase whose object stands between its verb and the rest: "placed Mugabe under
    /// house arrest", "took the town over". The rest must depend on the verb, directly or
    /// through one word, so that a phrase is not pieced together from unrelated words.
    fn split_phrase(
        &self,
        lexicon: &Lexicon,
        lower: &[&str],
        offset: usize,
        i: usize,
    ) -> Option<(TriggerMatch, Range<usize>)> {
        let k = i - offset;
        for gap in 2..=8 {
            let at = k + gap;
            // An apposition in commas may stand in the gap ("forced the UN refugee agency,
            // UNHCR, out of the country"); the rest must still hang on the verb.
            if at >= lower.len() || matches!(lower[at - 1], ";" | ":" | "." | "and" | "but") {
                break;
            }
            let rest_start = offset + at;
            let near_verb = |t: usize| {
                self.text.head[t] == Some(i)
                    || self.text.head[t].is_some_and(|h| self.text.head[h] == Some(i))
            };
            if !near_verb(rest_start) {
                continue;
            }
            if let Some((choice, len)) = lexicon.split_match(lower, k, at) {
                // "gave Ukraine $5 billion in aid": a lone preposition with a noun of its own
                // is no particle of the verb ("give in").
                // "out of the country" is the particle with its own preposition.
                let compound_preposition = lower.get(at + 1) == Some(&"of");
                if len == 1 && self.text.deprel[rest_start] == "case" && !compound_preposition {
                    continue;
                }
                // "staged a hunger strike": the rest is the end of a noun trigger of another
                // code that starts before it, which is the verb's object and its event.
                if ends_another_noun(lexicon, lower, rest_start + len - 1, offset, rest_start, choice.trigger)
                {
                    return None;
                }
                return Some((choice, i..rest_start + len));
            }
        }
        None
    }

    /// Builds the event from its arguments. Without a target, a symmetric event between
    /// coordinated subjects ("Israel and Lebanon renewed negotiations") links each pair.
    fn event(
        &self,
        trigger: &Trigger,
        i: usize,
        mut subjects: Vec<usize>,
        mut objects: Vec<usize>,
        range: Range<usize>,
    ) -> Option<Found> {
        subjects.dedup();
        objects.dedup();
        objects.retain(|o| !subjects.contains(o));
        // "…, killing about 20 people, officials in Kyiv said": the parser may hang the
        // reporters of a trailing attribution on the trigger; they are not its actors.
        let reporting = |e: &usize| self.only_in_attribution_tail(*e, i, &range);
        objects.retain(|o| !reporting(o));
        subjects.retain(|s| !reporting(s));
        let among = objects.is_empty() && trigger.symmetric && subjects.len() >= 2;
        if among {
            objects = subjects.clone();
        }
        // "threatened to stop negotiations if the United States goes ahead": a threat or
        // plan with no target of its own is aimed at whoever its condition names.
        let modality = modality_before(self.text, i, range.start);
        let threat = infinitive_of(self.text, i, range.start, 5, THREATENING);
        if objects.is_empty() && (threat || modality != Modality::Asserted) {
            objects = self.condition_actors(i, &range);
            objects.retain(|o| !subjects.contains(o));
        }
        // "In one incident in Barcelona, police fired rubber bullets at voters": force
        // used on no named target strikes the place the sentence opens with.
        let forceful = cameo::is_violent(&trigger.cameo) || trigger.cameo.starts_with("175");
        if objects.is_empty() && forceful {
            objects.extend(self.opening_place(&range).filter(|_| {
                // "In Kyiv, Zelensky said Russian forces attacked civilians": where it is said.
                !(range.start..i).any(|k| SAYING_LEMMAS.contains(&self.text.lemma[k].as_str()))
            }));
        }
        // "Egyptian demonstrators rioted", "opposition parties in Nepal organized a general
        // strike": event data (PLOVER's coders, ICEWS) aims a protest by an unnamed group
        // with no stated target at the group's own government. Groups are actors only with
        // `--actors groups`, so named actors never get such a target.
        if objects.is_empty() && trigger.cameo.starts_with("14") {
            objects.extend(self.own_government(&subjects, &range));
        }
        if subjects.is_empty() || objects.is_empty() {
            return None;
        }
        Some(Found {
            subjects,
            objects,
            trigger: 0,
            tokens: i..i + 1,
            sentence: 0,
            modality,
            pattern: Pattern::Syntax,
            place: None,
            span: range,
            reciprocal: !trigger.cameo.starts_with("04") && among,
            among,
        })
    }

    /// The country entity whose people the unnamed groups of `subjects` are ("Egyptian
    /// demonstrators" are Egypt's), when they are all groups of one country and the
    /// sentence (`range`) names no place or state of another: "British activists staged a
    /// protest in Beijing" is not aimed at London.
    fn own_government(&self, subjects: &[usize], range: &Range<usize>) -> Option<usize> {
        let entities = &self.mentions.entities;
        let country_of = |e: usize| entities[e].country.as_deref();
        let first = *subjects.first()?;
        let country = country_of(first)?;
        let all_groups = subjects
            .iter()
            .all(|&s| entities[s].class == EntityClass::Group && country_of(s) == Some(country));
        let elsewhere = self
            .mentions
            .mentions
            .iter()
            .any(|m| range.contains(&m.start) && country_of(m.entity).is_some_and(|c| c != country));
        if !all_groups || elsewhere {
            return None;
        }
        self.mentions.country_entity(country)
    }

    /// Whether every mention of `entity` in the sentence comes after the trigger at `i` as
    /// the reporter of a trailing attribution ("…, officials in Kyiv said").
    fn only_in_attribution_tail(&self, entity: usize, i: usize, range: &Range<usize>) -> bool {
        let mut mentions = self
            .mentions
            .mentions
            .iter()
            .filter(|m| m.entity == entity && range.contains(&m.start))
            .peekable();
        mentions.peek().is_some() && mentions.all(|m| m.start > i && is_reporter(self.text, m, range.end))
    }

    /// "Mosul fell to the IS group", "Kabul fell to the Taliban": a place that falls to an
    /// actor is captured by it (CAMEO 192), the roles the other way round from the verb's.
    fn fallen_to(&self, lexicon: &Lexicon, i: usize, range: Range<usize>) -> Option<Found> {
        if self.text.lemma[i] != "fall" {
            return None;
        }
        let capture =
            lexicon.triggers.iter().position(|t| t.lemma == "capture" && t.kind == TriggerKind::Verb)?;
        let captors = self.oblique_actors(i, "to");
        let places: Vec<usize> = self
            .text
            .children(i, "nsubj")
            .into_iter()
            .flat_map(|k| self.actors(k, true))
            .filter(|&e| self.is_place_or_country(e))
            .collect();
        let event = self.event(&lexicon.triggers[capture], i, captors, places, range)?;
        Some(Found { trigger: capture, tokens: i..i + 1, ..event })
    }

    /// Who made an arrest stated without its agent ("Navalny has been detained", "a
    /// missionary was arrested in Lebanon"): the state where it happened, else the country
    /// the article is about unless the people arrested are known to be another country's.
    /// Police act for their state (GUIDELINES section 2), and only a state's police arrest.
    /// An investigation, a sentence or an execution stated so ("was put under investigation
    /// in Italy", "was sentenced in Russia") is the state's too, and an expulsion is the
    /// act of the state one is sent out of (`expelled`: "were deported from Iran").
    fn arresting_state(&self, i: usize, arrested: &[usize], expelled: bool) -> Option<usize> {
        // "was deported from Iran": the state one is sent out of.
        let located = self.state_where(i, if expelled { "from" } else { "in" });
        let home = self.main_country.filter(|&state| {
            let country = self.mentions.entities[state].country.as_deref();
            let own =
                |a: &usize| self.mentions.entities[*a].country.as_deref().is_none_or(|c| Some(c) == country);
            country.is_some() && arrested.iter().any(own)
        });
        located.or(home)
    }

    /// The state of the country or place a verb's oblique names after `preposition`
    /// ("arrested in Lebanon"), or its object's ("arrested dozens of students in Tehran").
    fn state_where(&self, verb: usize, preposition: &str) -> Option<usize> {
        let objects = self.text.children(verb, "obj");
        let qualifiers = objects.iter().flat_map(|&o| {
            let nested =
                self.text.children(o, "nmod").into_iter().flat_map(|n| self.text.children(n, "nmod"));
            self.text.children(o, "nmod").into_iter().chain(nested)
        });
        let places: Vec<usize> = self.text.children(verb, "obl").into_iter().chain(qualifiers).collect();
        places.into_iter().find_map(|k| {
            if self.preposition_of(k).as_deref() != Some(preposition) {
                return None;
            }
            let entity = self.entity_at(k, true)?;
            let country = match self.mentions.entities[entity].class {
                EntityClass::Country => return Some(entity),
                EntityClass::Place => self.mentions.entities[entity].country.as_deref()?,
                _ => return None,
            };
            self.mentions.country_entity(country)
        })
    }

    /// A subject the parser attached elsewhere: in "Libyan leader Muammar Gaddafi and
    /// Bulgarian President Todor Zhivkov today signed a treaty" it takes "today" for the
    /// subject and the names for a bare `obl`. A nominal before the verb with no
    /// preposition, when the verb's only subject is a time word, is the real subject.
    /// The name may also hang under the time word ("Muammar Gaddafi today" as one noun).
    fn misparsed_subjects(&self, i: usize) -> Vec<usize> {
        let subjects = self.text.children(i, "nsubj");
        if !subjects.iter().all(|&k| is_time_word(self.text.low(k))) {
            return Vec::new();
        }
        let under_time_word = subjects.iter().flat_map(|&k| self.text.children(k, "compound"));
        let bare_obliques = self.text.children(i, "obl").into_iter().filter(|&k| {
            k < i && self.text.children(k, "case").is_empty() && !is_time_word(self.text.low(k))
        });
        under_time_word.chain(bare_obliques).flat_map(|k| self.actors(k, false)).collect()
    }

    /// Who did the violence a passive reports by its cause: "Nasrallah has been killed
    /// following a wave of Israeli airstrikes", "three were wounded in a Russian drone
    /// attack". The attack noun's qualifier acts.
    fn attackers_named_by_cause(&self, i: usize) -> Vec<usize> {
        let passive =
            !self.text.children(i, "nsubj:pass").is_empty() || !self.text.children(i, "aux:pass").is_empty();
        if !passive {
            return Vec::new();
        }
        let mut out = Vec::new();
        for k in self.text.children(i, "obl") {
            if !matches!(
                self.preposition_of(k).as_deref(),
                Some("in" | "following" | "after" | "during" | "amid" | "by")
            ) {
                continue;
            }
            // "a wave of airstrikes", "a barrage of missiles": the attack is what follows "of".
            let mut noun = k;
            if matches!(
                self.text.low(k),
                "wave" | "series" | "barrage" | "string" | "spate" | "round" | "volley"
            ) {
                if let Some(c) = self
                    .text
                    .children(k, "nmod")
                    .into_iter()
                    .find(|&c| self.preposition_of(c).as_deref() == Some("of"))
                {
                    noun = c;
                }
            }
            if is_attack_noun(self.text.low(noun)) {
                out.extend(self.actors(noun, false));
                // "an attack by Hamas"
                for c in self.text.children(noun, "nmod") {
                    if self.preposition_of(c).as_deref() == Some("by") {
                        out.extend(self.actors(c, false));
                    }
                }
            }
        }
        out
    }

    /// Who acts in the clause of `head`, a verb or the noun object of one ("a hunger strike"
    /// in "X began a hunger strike in protest"): its subject, or the one it borrows.
    fn subjects_of_clause(&self, head: usize) -> Vec<usize> {
        let mut verb = head;
        if !self.text.tag(verb).starts_with("VB") {
            match self.text.head[verb] {
                Some(h) if self.text.deprel[verb] == "obj" => verb = h,
                _ => return Vec::new(),
            }
        }
        let subjects: Vec<usize> = self
            .text
            .children(verb, "nsubj")
            .into_iter()
            .filter(|&k| self.text.deprel[k] == "nsubj")
            .flat_map(|k| self.actors(k, false))
            .collect();
        if subjects.is_empty() { self.borrowed_subjects(verb) } else { subjects }
    }

    /// The subject of the verb this one depends on (control, purpose, coordination),
    /// or the noun a relative clause describes.
    fn borrowed_subjects(&self, i: usize) -> Vec<usize> {
        let Some(head) = self.text.head[i] else { return Vec::new() };
        // "ordered France to withdraw", "urged Iran to release": the object of the verb
        // does what its infinitive says.
        if self.text.deprel[i] == "xcomp" {
            let controllers: Vec<usize> =
                self.text.children(head, "obj").into_iter().flat_map(|k| self.actors(k, false)).collect();
            if !controllers.is_empty() {
                return controllers;
            }
        }
        match self.text.deprel[i] {
            "xcomp" | "advcl" | "conj" => self
                .text
                .children(head, "nsubj")
                .into_iter()
                .chain(self.text.children(head, "expl"))
                // An expletive "it" counts when it was resolved ("Syria says it is willing
                // to withdraw"); otherwise it has no actor.
                .filter(|&k| matches!(self.text.deprel[k], "nsubj" | "expl"))
                .flat_map(|k| self.actors(k, false))
                .collect(),
            "acl:relcl" => self.actors(head, false),
            "acl" => {
                let actors = self.actors(head, false);
                if !actors.is_empty() {
                    return actors;
                }
                // "the decision of Germany to send tanks", "Israel's right to attack": the
                // noun's agent does what the infinitive says.
                let of = self
                    .text
                    .children(head, "nmod")
                    .into_iter()
                    .filter(|&c| self.preposition_of(c).as_deref() == Some("of"));
                let agent = self.text.children(head, "nmod:poss").into_iter().chain(of).next();
                agent.map(|c| self.actors(c, false)).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// The preposition (`case` dependent) of a nominal, lowercase.
    fn preposition_of(&self, k: usize) -> Option<String> {
        self.text.children(k, "case").first().map(|&c| self.text.low(c).to_string())
    }

    /// The preposition of a nominal, or of the first word of its compound, where the parser
    /// may hang it ("against [human rights] violations").
    fn preposition_before(&self, k: usize) -> Option<String> {
        self.preposition_of(k)
            .or_else(|| self.text.children(k, "compound").first().and_then(|&c| self.preposition_of(c)))
    }

    fn is_place_or_country(&self, entity: usize) -> bool {
        matches!(self.mentions.entities[entity].class, EntityClass::Place | EntityClass::Country)
    }

    fn is_place(&self, entity: usize) -> bool {
        self.mentions.entities[entity].class == EntityClass::Place
    }

    /// The entities a nominal stands for: a mention covering it, or the country or
    /// organisation qualifying a group noun, and the same for its conjuncts.
    fn actors(&self, k: usize, as_target: bool) -> Vec<usize> {
        let mut out = Vec::new();
        self.actors_into(k, as_target, &mut out, 0);
        out
    }

    fn actors_into(&self, k: usize, as_target: bool, out: &mut Vec<usize>, depth: usize) {
        if depth > 6 || self.skip.iter().any(|r| r.contains(&k)) {
            return;
        }
        if let Some(entity) = self.entity_at(k, as_target) {
            out.push(entity);
        } else if let Some(org) = self.organisation_named_before(k) {
            // "Osama bin Laden's al-Qaeda terror network", "the Hamas movement".
            out.push(org);
        } else if matches!(
            self.text.low(k),
            "group"
                | "groups"
                | "team"
                | "delegation"
                | "contingent"
                | "number"
                | "mission"
                | "deployment"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "tens"
                | "millions"
                | "scores"
                | "crowd"
                | "crowds"
                | "members"
        ) || as_target && is_partitive(self.text.low(k))
        {
            // "a group of Moroccan diplomats", "a mission of observers from the OSCE",
            // "thousands of Iraqi Kurds": the members act; "seized most of the country",
            // "shelled parts of Kharkiv": the whole is acted upon.
            let before = out.len();
            let members = !is_partitive(self.text.low(k));
            let nmods = self.text.children(k, "nmod");
            for &c in &nmods {
                if self.preposition_of(c).as_deref() == Some("of") {
                    self.actors_into(c, as_target, out, depth + 1);
                }
            }
            // "a mission of observers from the OSCE": who sends them, unless the members are
            // named already ("thousands of Nigerians from across Nigeria" come from there).
            if members && out.len() == before {
                for &c in &nmods {
                    if self.preposition_of(c).as_deref() == Some("from") {
                        self.actors_into(c, as_target, out, depth + 1);
                    }
                }
            }
            // "toward North Korean artillery positions": the positions of a country's forces.
            if out.len() == before && as_target && self.text.low(k) == "positions" {
                let owner =
                    ["amod", "compound"].iter().flat_map(|r| self.text.children(k, r)).find_map(|c| {
                        let m = self.mentions.at(c)?;
                        let entity = self.mentions.mentions[m].entity;
                        (self.mentions.mentions[m].kind == MentionKind::Demonym
                            && self.mentions.entities[entity].class == EntityClass::Country)
                            .then_some(entity)
                    });
                out.extend(owner);
            }
        } else if let Some(person) = self.named_in_apposition(k) {
            // "Hezbollah's missile unit commander, Muhammad Ali Ismail": the person named,
            // with the people coordinated to the name ("leader X and President Y").
            self.actors_into(person, as_target, out, depth + 1);
        } else if as_target && is_place_noun(self.text.low(k)) {
            // "the mountain town of Bhamdoun", "the kingdom's Jizan province"
            let named = ["compound", "flat", "appos", "nmod"]
                .iter()
                .flat_map(|relation| self.text.children(k, relation))
                .filter(|&c| self.text.deprel[c] != "nmod:poss")
                .find_map(|c| self.entity_at(c, true).filter(|&e| self.is_place(e)));
            out.extend(named);
            // "near the border with Ukraine", "along the Ukrainian border": the country
            // across it (not "a stronghold on the Thai border", which is where it is).
            let toward = matches!(
                self.preposition_of(k).as_deref(),
                Some("near" | "along" | "to" | "toward" | "towards" | "across")
            );
            if named.is_none() && toward && matches!(self.text.low(k), "border" | "borders" | "frontier") {
                out.extend(self.country_across_border(k));
            }
        } else if let Some(person) = self.person_after_title(k) {
            // "to South African leader F.W. de Klerk" with the name misparsed: the person
            // is meant, not the country that qualifies the title.
            out.push(person);
        } else if is_group_noun(self.text.low(k)) || is_title_word(self.text.low(k)) {
            // "Zimbabwe's military", "Ukrainian officials", "the Russian defence minister";
            // "Hungarian and Romanian officials" stands for both countries.
            // The qualifier may have been marked as a title's modifier by the role finder:
            // here it is exactly what the group acts for.
            // "Sudanese rebels" do not act for Sudan; "Houthi rebels" are the Houthis.
            let non_state = NON_STATE_GROUPS.contains(&self.text.low(k));
            let qualifier = |c: usize| {
                let m = self.mentions.at(c)?;
                let entity = self.mentions.mentions[m].entity;
                let country = self.mentions.entities[entity].class == EntityClass::Country;
                let rebels_of_a_state = non_state && country;
                (!self.is_place(entity) && !rebels_of_a_state).then_some(entity)
            };
            let before = out.len();
            for relation in ["nmod:poss", "amod", "compound", "nmod"] {
                let Some(c) = self.text.children(k, relation).into_iter().find(|&c| qualifier(c).is_some())
                else {
                    continue;
                };
                out.extend(qualifier(c));
                for d in self.text.children(c, "conj") {
                    out.extend(qualifier(d));
                }
                break;
            }
            // "The Israeli military killed": the parser may hang the demonym right before
            // the group on the verb; by word order it still says whose the group is.
            if out.len() == before && k > 0 && self.text.head[k - 1] != Some(k) {
                out.extend(qualifier(k - 1));
            }
            // "leaders of Romania's new government", "officials from the Iraqi defence
            // ministry": the group is part of another, which says whose it is.
            if out.len() == before {
                for c in self.text.children(k, "nmod") {
                    let of = matches!(self.preposition_of(c).as_deref(), Some("of" | "from"));
                    if of && (is_group_noun(self.text.low(c)) || is_title_word(self.text.low(c))) {
                        self.actors_into(c, as_target, out, depth + 1);
                    }
                }
            }
            // "the army ousted the president", "police fired tear gas": a state's forces
            // named without their state act for the country the article is about
            // (GUIDELINES: soldiers, police and officials act for their state). Police
            // work at home: "police arrested dozens of students in Tehran" is Iran's act.
            if out.len() == before && !as_target && is_state_force(self.text.low(k)) && self.unqualified(k) {
                let policing = matches!(self.text.low(k), "police" | "policemen");
                let home = self.text.head[k]
                    .filter(|_| policing && self.text.deprel[k].starts_with("nsubj"))
                    .and_then(|verb| self.state_where(verb, "in"));
                out.extend(home.or(self.main_country));
            }
        } else if as_target && self.text.tag(k).starts_with("NN") {
            // "praised Haiti's efforts", "condemned Russia's invasion": what is praised or
            // condemned belongs to its possessor, who is the one acted upon.
            let before = out.len();
            for c in self.text.children(k, "nmod:poss") {
                out.extend(self.entity_at(c, true).filter(|&e| !self.is_place(e)));
            }
            // "rejected the Israeli proposal", "agreed to US mediation", "a fresh offer
            // from Afghanistan", "defended the right of Russia": an act or proposal stands
            // for the one whose it is, named by a demonym, a name or "of"/"from".
            if out.len() == before && (is_owned_act(self.text.low(k)) || is_attack_noun(self.text.low(k))) {
                let owner = ["amod", "compound", "nmod"]
                    .iter()
                    .flat_map(|r| self.text.children(k, r))
                    .find_map(|c| {
                        let by_of = self.text.deprel[c] != "nmod"
                            || matches!(self.preposition_of(c).as_deref(), Some("of" | "from" | "by"));
                        let named = self.entity_at(c, true).filter(|&e| by_of && !self.is_place(e));
                        // "the computers of South Korean army officers", "a demand from the
                        // US President": a group's or an office's country.
                        let group = || {
                            let word = self.text.low(c);
                            let group_of = self.text.deprel[c] == "nmod"
                                && by_of
                                && (is_group_noun(word) || is_title_word(word));
                            group_of
                                .then(|| self.actors(c, true).into_iter().find(|&e| !self.is_place(e)))
                                .flatten()
                        };
                        // "two Israeli air raids": the demonym may qualify the compound.
                        let compound_owner = || {
                            (self.text.deprel[c] == "compound")
                                .then(|| self.text.children(c, "amod"))
                                .into_iter()
                                .flatten()
                                .find_map(|a| self.entity_at(a, true).filter(|&e| !self.is_place(e)))
                        };
                        named.or_else(group).or_else(compound_owner)
                    });
                out.extend(owner);
            }
            // "lifted the martial law imposed by President Yoon", "rejected the plan
            // proposed by Egypt": a thing made by someone stands for its maker.
            if out.len() == before {
                for made in self.text.children(k, "acl").into_iter().filter(|&c| self.text.tag(c) == "VBN") {
                    for agent in self.text.children(made, "obl") {
                        if self.text.deprel[agent] == "obl:agent"
                            || self.preposition_of(agent).as_deref() == Some("by")
                        {
                            let makers = self.actors(agent, true);
                            out.extend(makers.into_iter().filter(|&e| !self.is_place(e)));
                        }
                    }
                }
            }
        }
        for c in self.text.children(k, "conj") {
            // "took over the capital and President Ghani fled": a name with its own verb
            // after it begins another clause, however the parser joined it (but "said the
            // US and British forces must act" is one subject of two).
            let end = self.mentions.at(c).map_or(c + 1, |m| self.mentions.mentions[m].end);
            if as_target && !self.text.deprel[k].starts_with("nsubj") && verb_follows(self.text, end) {
                continue;
            }
            self.actors_into(c, as_target, out, depth + 1);
        }
        // "a trip to Asia, including Singapore and Japan": the named members are targets too.
        // "backing from allies like X and Y", "countries such as X": a plural noun naming no
        // one acts, or is acted on, through the examples it gives.
        let examples = self.text.tag(k) == "NNS" && self.mentions.at(k).is_none();
        if as_target || examples {
            for c in self.text.children(k, "nmod") {
                let case = self.text.children(c, "case");
                let listed = |w: &usize| matches!(self.text.low(*w), "including" | "notably" | "especially");
                let like = |w: &usize| examples && matches!(self.text.low(*w), "like" | "as");
                if case.iter().any(|w| listed(w) || like(w)) {
                    self.actors_into(c, as_target, out, depth + 1);
                }
            }
        }
    }

    /// The country a border noun names: after "with", or as a demonym or name before it.
    fn country_across_border(&self, k: usize) -> Option<usize> {
        let country = |c: usize| {
            let entity = self.mentions.mentions[self.mentions.at(c)?].entity;
            (self.mentions.entities[entity].class == EntityClass::Country).then_some(entity)
        };
        let with = self
            .text
            .children(k, "nmod")
            .into_iter()
            .filter(|&c| self.preposition_of(c).as_deref() == Some("with"));
        let qualifiers = ["amod", "compound"].iter().flat_map(|r| self.text.children(k, r));
        with.chain(qualifiers).find_map(country)
    }

    /// The person named right after a title noun ("leader F.W. de Klerk").
    fn person_after_title(&self, k: usize) -> Option<usize> {
        if !is_title_word(self.text.low(k)) {
            return None;
        }
        let m = self.mentions.at(k + 1)?;
        let mention = &self.mentions.mentions[m];
        (mention.start == k + 1 && self.mentions.class(m) == EntityClass::Person).then_some(mention.entity)
    }

    /// The organisation named before a noun that says what kind of body it is ("the al-Qaeda
    /// network", "the Hamas movement", "the Wagner group").
    fn organisation_named_before(&self, k: usize) -> Option<usize> {
        if !matches!(
            self.text.low(k),
            "network"
                | "movement"
                | "organization"
                | "organisation"
                | "party"
                | "faction"
                | "wing"
                | "bloc"
                | "alliance"
                | "group"
                | "outfit"
                | "militia"
        ) {
            return None;
        }
        self.text.children(k, "compound").into_iter().chain(self.text.children(k, "amod")).find_map(|c| {
            self.entity_at(c, false).filter(|&e| self.mentions.entities[e].class == EntityClass::Org)
        })
    }

    /// Whether a noun has no modifier that could name whose it is ("the army", not
    /// "the rebel army" or "the army of Sudan" or "its army").
    fn unqualified(&self, k: usize) -> bool {
        // A date the parser hung on the noun ("The army on April 11 ousted") says nothing of
        // whose it is.
        let qualifier = |c: &usize| !(self.text.tag(*c) == "CD" || is_time_word(self.text.low(*c)));
        ["nmod:poss", "amod", "compound", "nmod", "acl", "acl:relcl"]
            .iter()
            .all(|r| !self.text.children(k, r).iter().any(qualifier))
    }

    /// The token of a person named in apposition to a title noun ("the commander,
    /// Muhammad Ali Ismail").
    /// Also the name of what a common noun describes ("the opposition newspaper La Prensa",
    /// "the UN refugee agency, UNHCR").
    fn named_in_apposition(&self, k: usize) -> Option<usize> {
        let title = is_title_word(self.text.low(k));
        if !title && !self.text.tag(k).starts_with("NN") {
            return None;
        }
        self.text.children(k, "appos").into_iter().find(|&c| {
            self.entity_at(c, true).is_some_and(|e| match self.mentions.entities[e].class {
                EntityClass::Person => true,
                EntityClass::Org | EntityClass::Country => !title,
                EntityClass::Place | EntityClass::Group => false,
            })
        })
    }

    /// The entity of the mention covering token `k`, if it can take part in an event.
    fn entity_at(&self, k: usize, as_target: bool) -> Option<usize> {
        let m = self.mentions.at(k)?;
        let mention = &self.mentions.mentions[m];
        if mention.modifier {
            return None;
        }
        let place = self.mentions.class(m) == EntityClass::Place && mention.kind != MentionKind::Metonym;
        (as_target || !place).then_some(mention.entity)
    }
}
