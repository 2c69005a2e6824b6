//! What a verb over an event makes of it: "refused to meet", "suspended military aid",
//! "lifted the blockade".
//!
//! A trigger names an act; the verb that governs it may say the act was turned down,
//! stopped or undone. Event data codes these as acts of their own (CAMEO, PLOVER):
//! - refusing a cooperative act is a rejection (12): "Hamas declined to meet Blinken" is
//!   Hamas 125 Blinken, "Turkey refused to send troops to help the US" is Turkey 122 USA;
//!   refusing any other act means it did not happen ("refused to condemn Russia");
//! - stopping cooperation reduces relations (16): "suspended part of its military aid to
//!   Bosnia" is 1622, "broke off the talks" 164;
//! - stopping coercion or force yields (08): "lifted a day-old blockade" is 0872, "ended
//!   the curfew" 0813, "halted its offensive" 087;
//! - agreeing, promising, offering or being ready to act announces the act, however many
//!   words stand between ("agreed in principle on Saturday to provide aid"): it is planned,
//!   not done.
//!
//! The verb is found through the parse: a noun trigger's verb is the one it is the object
//! of, through a compound ("a military aid program") or a part ("part of the aid"); a
//! refusing verb governs the trigger's clause through an infinitive ("refused to commit to
//! any assistance"). Without a parse, a refusing verb just before "to" and a verb trigger
//! still count.

use super::Modality;
use super::cameo;
use super::lexicon::{Trigger, TriggerKind};
use super::mentions::Text;
use super::syntax::is_amount;

/// An event as the verb over its trigger makes it.
pub struct Framed {
    /// What is done, in words: "meet", "refuse to meet", "halt aid".
    pub predicate: String,
    /// The direct actor-actor property (`rejects`, `cutsTiesWith`, or the trigger's own).
    pub relation: String,
    /// The CAMEO code.
    pub code: String,
    pub modality: Modality,
    /// The first token of what carries the event: the halting verb ("threatened to
    /// *suspend* aid"), else the trigger; a threat is looked for before it.
    pub carrier: usize,
}

/// The event of `trigger` (spanning `tokens`, in the sentence starting at `start`, read
/// with `modality`) as its governing verb makes it: a rejection, a reduction of relations,
/// a concession, or the trigger's own act.
pub fn framed_event(
    text: &Text<'_>,
    trigger: &Trigger,
    tokens: std::ops::Range<usize>,
    start: usize,
    modality: Modality,
) -> Framed {
    let (frame, carrier) = frame_of(text, trigger, tokens.clone(), start);
    let modality = if modality == Modality::Asserted && announced(text, trigger, tokens) {
        Modality::Planned
    } else {
        modality
    };
    let own = |modality| Framed {
        predicate: trigger.lemma.clone(),
        relation: trigger.relation.clone(),
        code: trigger.cameo.clone(),
        modality,
        carrier,
    };
    let framed = |predicate: String, relation: &str, code: &str, modality| Framed {
        predicate,
        relation: relation.to_string(),
        code: code.to_string(),
        modality,
        carrier,
    };
    match frame {
        Frame::Refused => match cameo::refusal_of(&trigger.cameo) {
            Some(code) => framed(format!("refuse to {}", trigger.lemma), "rejects", code, Modality::Asserted),
            // "refused to condemn Russia": not done, and not a rejection of anyone.
            None => own(Modality::Negated),
        },
        Frame::Halted => {
            if let Some(code) = cameo::halt_of(&trigger.cameo) {
                framed(format!("halt {}", trigger.lemma), "cutsTiesWith", code, modality)
            } else if let Some(code) = cameo::easing_of(&trigger.cameo) {
                framed(format!("end {}", trigger.lemma), "easesSanctionsOn", code, modality)
            } else {
                own(modality)
            }
        }
        Frame::Plain => own(modality),
    }
}

/// What the governing verb makes of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The event as its trigger says.
    Plain,
    /// Turned down: "refused to meet", "declined to release".
    Refused,
    /// Stopped or undone: "suspended aid", "lifted the blockade".
    Halted,
}

/// Verbs (lemmas) that turn down the act in their infinitive.
const REFUSING: &[&str] = &["refuse", "decline"];

/// Verbs (lemmas) that stop cooperation or undo coercion named by their object.
const HALTING: &[&str] = &[
    "cancel",
    "curtail",
    "cut",
    "discontinue",
    "ease",
    "end",
    "freeze",
    "halt",
    "lift",
    "loosen",
    "prohibit",
    "reduce",
    "relax",
    "remove",
    "rescind",
    "revoke",
    "scrap",
    "shorten",
    "slash",
    "stop",
    "suspend",
    "terminate",
    "withhold",
];

/// Whether a verb (lemma) stops or undoes what its object names: its subject is then the
/// actor of the noun ("the EU lifted sanctions on Belarus"), as with a light verb.
pub fn is_halting(lemma: &str) -> bool {
    HALTING.contains(&lemma)
}

/// Nouns that stand for a part or an amount of what follows "of": "part of the aid".
const PARTS: &[&str] = &["all", "half", "most", "much", "part", "portion", "some"];

/// The noun that stands for the noun trigger ending at `k` in its clause: up from it
/// through a compound ("a military aid program"), a part ("part of the aid") or an amount
/// ("70 million dollars of aid"); the verb it is the object of governs it.
fn carrying_noun(text: &Text<'_>, mut k: usize) -> usize {
    for _ in 0..3 {
        let Some(head) = text.head[k] else { break };
        let measure = text.deprel[k] == "nmod"
            && text.children(k, "case").iter().any(|&c| text.low(c) == "of")
            && (PARTS.contains(&text.lemma[head].as_str()) || is_amount(text.low(head)));
        if text.deprel[k] == "compound" || measure {
            k = head;
        } else {
            break;
        }
    }
    k
}

/// The frame of the event whose trigger spans `tokens` in the sentence starting at `start`,
/// and the first token of what carries it: the halting verb ("threatened to *suspend*
/// aid"), else the trigger.
fn frame_of(
    text: &Text<'_>,
    trigger: &Trigger,
    tokens: std::ops::Range<usize>,
    start: usize,
) -> (Frame, usize) {
    let first = tokens.start;
    // "refused to meet", "declined again to meet": read by word order, parse or not.
    if trigger.kind == TriggerKind::Verb && infinitive_of(text, first, start, 4, REFUSING_FORMS) {
        return (Frame::Refused, first);
    }
    let mut k = if trigger.kind == TriggerKind::Noun { tokens.end - 1 } else { first };
    if trigger.kind == TriggerKind::Noun {
        k = carrying_noun(text, k);
        // "lifted on Friday a week-old blockade": read by word order when the parse
        // did not make the noun the verb's object.
        if let Some(verb) = halted_before(text, tokens.start, start) {
            return (Frame::Halted, verb);
        }
        let Some(verb) = text.head[k] else { return (Frame::Plain, first) };
        match text.deprel[k] {
            "obj" | "nsubj:pass" if HALTING.contains(&text.lemma[verb].as_str()) => {
                return (Frame::Halted, verb);
            }
            // "refused to commit to any direct assistance": on to the verb's own clause.
            "obj" | "obl" if text.tag(verb).starts_with("VB") => k = verb,
            _ => return (Frame::Plain, first),
        }
    }
    // Up through infinitives to a verb of refusing: "refused to send troops to help".
    if governing_verbs(text, k, 2).any(|head| REFUSING.contains(&text.lemma[head].as_str())) {
        return (Frame::Refused, first);
    }
    (Frame::Plain, first)
}

/// The words above the clause of token `k`, nearest first, reached through at most
/// `steps` infinitives: "refused to send troops to help" gives "send", then "refused"
/// above "help". An infinitive is an open complement or a purpose clause with "to".
fn governing_verbs<'a>(text: &'a Text<'_>, mut k: usize, steps: usize) -> impl Iterator<Item = usize> + 'a {
    std::iter::from_fn(move || {
        let head = text.head[k]?;
        let infinitive = text.children(k, "mark").iter().any(|&c| text.low(c) == "to");
        if !(text.deprel[k] == "xcomp" || text.deprel[k] == "advcl" && infinitive) {
            return None;
        }
        k = head;
        Some(head)
    })
    .take(steps)
}

/// Words (lemmas) that announce the act in the infinitive under them: an agreement, a
/// promise, an offer, a plan or a readiness ("agreed in principle on Saturday to provide
/// aid", "is willing to send material to help defend Saudi Arabia").
const INTENDING: &[&str] = &[
    "agree", "aim", "expect", "intend", "offer", "plan", "pledge", "prepare", "prepared", "promise", "ready",
    "vow", "willing",
];

/// Whether the act of `trigger` (spanning `tokens`) is only announced: an intending word
/// governs its clause through the parse, however far away ("agreed in principle on
/// Saturday to provide about 70 million dollars of aid"). The words just before a trigger
/// are read by the caller.
fn announced(text: &Text<'_>, trigger: &Trigger, tokens: std::ops::Range<usize>) -> bool {
    let mut k = if trigger.kind == TriggerKind::Noun { tokens.end - 1 } else { tokens.start };
    if trigger.kind == TriggerKind::Noun {
        k = carrying_noun(text, k);
        let Some(verb) = text.head[k] else { return false };
        if !(matches!(text.deprel[k], "obj" | "obl") && text.tag(verb).starts_with("VB")) {
            return false;
        }
        k = verb;
    }
    governing_verbs(text, k, 3).any(|head| INTENDING.contains(&text.lemma[head].as_str()))
}

/// The halting verb before the noun at `i` with only determiners, modifiers and a day
/// between: "lifted on Friday a week-old blockade", "suspended all its aid".
fn halted_before(text: &Text<'_>, i: usize, start: usize) -> Option<usize> {
    let modifier = |k: usize| {
        matches!(text.tag(k), "DT" | "PDT" | "PRP$" | "JJ" | "JJR" | "JJS" | "CD" | "RB")
            || matches!(text.low(k), "on" | "today" | "yesterday")
            || super::time::weekday_of(text.low(k)).is_some()
    };
    let mut k = i;
    while k > start && i - k < 6 {
        k -= 1;
        if text.tag(k).starts_with("VB") {
            return HALTING.contains(&text.lemma[k].as_str()).then_some(k);
        }
        if !modifier(k) {
            return None;
        }
    }
    None
}

/// Forms of "threaten", before the infinitive of what is threatened.
pub const THREATENING: &[&str] = &["threaten", "threatens", "threatened", "threatening"];

/// Forms of the verbs of refusing, before the infinitive of what is refused.
const REFUSING_FORMS: &[&str] =
    &["refuse", "refuses", "refused", "refusing", "decline", "declines", "declined"];

/// Whether the verb at `i` (in the sentence starting at `start`) is the infinitive of one
/// of `forms` standing at most `reach` words before it: "threatened to strike", "has
/// threatened on Monday to", "refused again to meet".
pub fn infinitive_of(text: &Text<'_>, i: usize, start: usize, reach: usize, forms: &[&str]) -> bool {
    i >= start + 2
        && text.low(i - 1) == "to"
        && (i.saturating_sub(reach).max(start)..i - 1).any(|k| forms.contains(&text.low(k)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::Lexicon;

    fn frame(sentence: &str, trigger: &str) -> Frame {
        let text = Text::new(sentence, crate::nlp::model::shipped().ok());
        let lexicon = Lexicon::builtin();
        let at = (0..text.tokens.len()).find(|&k| text.low(k) == trigger).expect("the trigger word is there");
        let kind = if text.tag(at).starts_with("NN") { TriggerKind::Noun } else { TriggerKind::Verb };
        let index = lexicon.find(&text.lemma[at], kind).expect("the trigger is in the lexicon");
        frame_of(&text, &lexicon.triggers[index], at..at + 1, 0).0
    }

    #[test]
    fn verbs_over_a_trigger_give_its_frame() {
        assert_eq!(frame("Hamas declined to meet Blinken.", "meet"), Frame::Refused);
        assert_eq!(frame("Turkey refused to send troops to help the United States.", "help"), Frame::Refused);
        assert_eq!(
            frame("Washington suspended part of a military aid program for Bosnia.", "aid"),
            Frame::Halted
        );
        assert_eq!(frame("The army lifted a day-old blockade on the town.", "blockade"), Frame::Halted);
        assert_eq!(frame("Hamas agreed to meet Blinken.", "meet"), Frame::Plain);
        assert_eq!(frame("The United States sent military aid to Egypt.", "aid"), Frame::Plain);
    }
}
