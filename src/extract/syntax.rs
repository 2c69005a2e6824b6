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

use super::EntityClass;
use super::events::{Found, Pattern, modality_before};
use super::lexicon::{Lexicon, Trigger, TriggerKind};
use super::mentions::{MentionKind, Mentions, Text, is_group_noun, is_title_word};

/// Finds events from the dependency parse; returns nothing when the text was not parsed.
pub fn find_events_by_syntax(
    text: &Text<'_>,
    mentions: &Mentions,
    lexicon: &Lexicon,
    skip: &[Range<usize>],
) -> Vec<Found> {
    let reader = Reader { text, mentions, skip };
    let mut events = Vec::new();
    for (sentence_idx, sentence) in text.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let lower: Vec<&str> = range.clone().map(|i| text.low(i)).collect();
        for k in 0..lower.len() {
            let i = range.start + k;
            if !text.tag(i).starts_with("VB") || mentions.at(i).is_some() {
                continue;
            }
            let found = lexicon.matches_at(&lower, k);
            let Some(choice) = found.iter().find(|m| lexicon.triggers[m.trigger].kind == TriggerKind::Verb)
            else {
                continue;
            };
            let trigger = &lexicon.triggers[choice.trigger];
            if let Some(mut event) = reader.verb_event(trigger, i, range.clone()) {
                event.trigger = choice.trigger;
                event.tokens = i..i + choice.len;
                event.sentence = sentence_idx;
                events.push(event);
            }
        }
    }
    events
}

struct Reader<'a, 'b> {
    text: &'a Text<'b>,
    mentions: &'a Mentions,
    skip: &'a [Range<usize>],
}

impl Reader<'_, '_> {
    fn verb_event(&self, trigger: &Trigger, i: usize, range: Range<usize>) -> Option<Found> {
        let violent = ["18", "19", "20"].iter().any(|root| trigger.cameo.starts_with(root));
        let mut subjects = Vec::new();
        let mut objects = Vec::new();
        for k in self.text.children(i, "nsubj") {
            if self.text.deprel[k] == "nsubj:pass" {
                objects.extend(self.actors(k, true));
            } else {
                subjects.extend(self.actors(k, false));
            }
        }
        for k in self.text.children(i, "obl") {
            let preposition = self.preposition_of(k);
            if self.text.deprel[k] == "obl:agent" || preposition.as_deref() == Some("by") {
                subjects.extend(self.actors(k, false));
                continue;
            }
            let allowed = preposition.as_deref().is_some_and(|p| trigger.target_preps.iter().any(|t| t == p));
            let violent_place =
                violent && matches!(preposition.as_deref(), Some("in" | "on" | "at" | "onto" | "into"));
            if allowed {
                objects.extend(self.actors(k, true));
            } else if violent_place {
                objects.extend(self.actors(k, true).into_iter().filter(|&e| self.is_place(e)));
            }
        }
        for k in self.text.children(i, "obj") {
            objects.extend(self.actors(k, true));
        }
        if subjects.is_empty() {
            subjects = self.borrowed_subjects(i);
        }
        subjects.dedup();
        objects.dedup();
        objects.retain(|o| !subjects.contains(o));
        if subjects.is_empty() || objects.is_empty() {
            return None;
        }
        let modality = modality_before(self.text, i, range.start);
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
            reciprocal: false,
        })
    }

    /// The subject of the verb this one depends on (control, purpose, coordination),
    /// or the noun a relative clause describes.
    fn borrowed_subjects(&self, i: usize) -> Vec<usize> {
        let Some(head) = self.text.head[i] else { return Vec::new() };
        match self.text.deprel[i] {
            "xcomp" | "advcl" | "conj" => self
                .text
                .children(head, "nsubj")
                .into_iter()
                .filter(|&k| self.text.deprel[k] == "nsubj")
                .flat_map(|k| self.actors(k, false))
                .collect(),
            "acl:relcl" | "acl" => self.actors(head, false),
            _ => Vec::new(),
        }
    }

    /// The preposition (`case` dependent) of a nominal, lowercase.
    fn preposition_of(&self, k: usize) -> Option<String> {
        self.text.children(k, "case").first().map(|&c| self.text.low(c).to_string())
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
        } else if is_group_noun(self.text.low(k)) || is_title_word(self.text.low(k)) {
            // "Zimbabwe's military", "Ukrainian officials", "the Russian defence minister"
            for relation in ["nmod:poss", "amod", "compound", "nmod"] {
                if let Some(entity) =
                    self.text.children(k, relation).into_iter().find_map(|c| self.entity_at(c, true))
                {
                    out.push(entity);
                    break;
                }
            }
        }
        for c in self.text.children(k, "conj") {
            self.actors_into(c, as_target, out, depth + 1);
        }
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
