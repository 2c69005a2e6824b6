//! The event trigger lexicon: words and phrases that express events, with their CAMEO codes.
//!
//! It is read from `ontology/lexicons/verbs.tsv` (built into the binary). Each
//! trigger has a part of speech, a controlled verb for the direct triple, a
//! CAMEO code, whether it goes both ways, and the prepositions that introduce
//! its target. Verbs are matched in any inflection: the lexicon generates
//! "meets", "met", "meeting" from "meet", with a table of irregular forms.

use std::collections::HashMap;

/// The lexicon file built into the binary.
pub const VERBS_TSV: &str = include_str!("../../ontology/lexicons/verbs.tsv");

/// Whether a trigger is a verb or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// The lemma or phrase as listed, lowercase ("meet", "hold talks").
    pub lemma: String,
    pub kind: TriggerKind,
    /// The controlled verb of the direct triple (`meets`).
    pub relation: String,
    pub cameo: String,
    pub symmetric: bool,
    /// Prepositions that introduce the target ("with", "on", "to").
    pub target_preps: Vec<String>,
}

/// All triggers, indexed by every surface form of their first word.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    /// Lowercase surface word → indexes of triggers whose first word it inflects.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The words after the first of each trigger ("talks" of "hold talks"), by trigger index.
    rests: Vec<Vec<PhraseWord>>,
}

/// A later word of a trigger phrase with every surface form it matches, worked out once.
#[derive(Debug)]
struct PhraseWord {
    word: String,
    /// The word itself and its noun and verb inflections, sorted.
    forms: Vec<String>,
}

/// A trigger found in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerMatch {
    pub trigger: usize,
    /// How many tokens the trigger spans.
    pub len: usize,
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(VERBS_TSV)
    }

    /// Parses the TSV format; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for line in tsv.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 4 || cols[0] == "trigger" {
                continue;
            }
            let kind = if cols[1] == "noun" { TriggerKind::Noun } else { TriggerKind::Verb };
            let trigger = Trigger {
                lemma: cols[0].to_lowercase(),
                kind,
                relation: cols[2].to_string(),
                cameo: cols[3].to_string(),
                symmetric: cols.get(4).is_some_and(|s| *s == "1"),
                target_preps: cols
                    .get(5)
                    .map(|s| s.split('|').filter(|p| !p.is_empty()).map(str::to_lowercase).collect())
                    .unwrap_or_default(),
            };
            lexicon.add(trigger);
        }
        lexicon
    }

    fn add(&mut self, trigger: Trigger) {
        let idx = self.triggers.len();
        let first = trigger.lemma.split(' ').next().unwrap_or("").to_string();
        let forms = match trigger.kind {
            TriggerKind::Verb => verb_forms(&first),
            TriggerKind::Noun if trigger.lemma.contains(' ') => vec![first.clone()],
            TriggerKind::Noun => noun_forms(&first),
        };
        for form in forms {
            let entry = self.by_first_word.entry(form).or_default();
            if !entry.contains(&idx) {
                entry.push(idx);
            }
        }
        self.rests.push(trigger.lemma.split(' ').skip(1).map(PhraseWord::new).collect());
        self.triggers.push(trigger);
    }

    /// Finds the longest triggers starting at `words[i]` (lowercase words): all those of
    /// the greatest length, so that the caller can choose between a verb and a noun reading.
    ///
    /// Later words of a phrase may be inflected ("held talks", "imposed sanctions")
    /// and the last may have one modifier before it ("held direct talks").
    pub fn matches_at(&self, words: &[&str], i: usize) -> Vec<TriggerMatch> {
        let Some(candidates) = self.by_first_word.get(words[i]) else { return Vec::new() };
        let mut found: Vec<TriggerMatch> = Vec::new();
        for &idx in candidates {
            let Some(len) = match_rest(words, i + 1, &self.rests[idx]) else { continue };
            if self.skips_into_another_noun(words, idx, i + 1, len) {
                continue;
            }
            found.push(TriggerMatch { trigger: idx, len: len + 1 });
        }
        // Prefer the most words of the phrase, then the most tokens covered.
        let best = found.iter().map(|m| (self.n_words(m.trigger), m.len)).max();
        found.retain(|m| Some((self.n_words(m.trigger), m.len)) == best);
        found
    }

    /// A verb phrase whose first word is `words[i]` and whose other words start at
    /// `words[rest]`, with the object between them ("placed Mugabe under house arrest").
    /// Returns the longest such trigger and how many words its rest covers.
    pub fn split_match(&self, words: &[&str], i: usize, rest: usize) -> Option<(TriggerMatch, usize)> {
        let candidates = self.by_first_word.get(words[i])?;
        candidates
            .iter()
            .filter(|&&idx| self.triggers[idx].kind == TriggerKind::Verb)
            .filter_map(|&idx| {
                let tail = &self.rests[idx];
                if tail.is_empty() {
                    return None;
                }
                let len = match_rest(words, rest, tail)?;
                if self.skips_into_another_noun(words, idx, rest, len) {
                    return None;
                }
                Some((TriggerMatch { trigger: idx, len: len + 1 }, len))
            })
            .max_by_key(|(m, len)| (self.n_words(m.trigger), *len))
    }

    /// Whether `word` can only be a past form of a trigger verb ("struck", "attacked",
    /// "met"): not its base, not an -s or -ing form, and no noun trigger's form. The
    /// tagger sometimes reads such a word as a noun after a name ("Russia struck").
    pub fn is_past_verb_form(&self, word: &str) -> bool {
        let Some(candidates) = self.by_first_word.get(word) else { return false };
        let ambiguous_shape = word.ends_with('s') || word.ends_with("ing");
        !ambiguous_shape
            && candidates.iter().all(|&idx| {
                let trigger = &self.triggers[idx];
                trigger.kind == TriggerKind::Verb && trigger.lemma.split(' ').next() != Some(word)
            })
    }

    /// The index of the trigger listed as this lemma and kind.
    pub fn find(&self, lemma: &str, kind: TriggerKind) -> Option<usize> {
        let first = lemma.split(' ').next()?;
        let candidates = self.by_first_word.get(first)?;
        candidates
            .iter()
            .copied()
            .find(|&idx| self.triggers[idx].lemma == lemma && self.triggers[idx].kind == kind)
    }

    /// The longest trigger at `words[i]`, preferring a verb when both readings exist.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<TriggerMatch> {
        let found = self.matches_at(words, i);
        found.iter().find(|m| self.triggers[m.trigger].kind == TriggerKind::Verb).or(found.first()).copied()
    }

    /// Whether phrase `idx`, whose later words matched `len` words from `words[start]`,
    /// skipped a modifier before its last word that makes with it a two-word noun trigger
    /// of another code: "staged a hunger strike" is a hunger strike (142), not "stage
    /// strike" (143), but "engaged them in a gun battle" is still "engage in battle".
    fn skips_into_another_noun(&self, words: &[&str], idx: usize, start: usize, len: usize) -> bool {
        let rest = &self.rests[idx];
        let end = start + len;
        let before_last = rest.len().checked_sub(2).map(|k| &rest[k]);
        let skipped = len > rest.len() && before_last.is_none_or(|w| !w.matches(words[end - 2]));
        let code = &self.triggers[idx].cameo;
        skipped
            && self.by_first_word.get(words[end - 2]).is_some_and(|candidates| {
                candidates.iter().any(|&noun| {
                    self.triggers[noun].kind == TriggerKind::Noun
                        && self.rests[noun].len() == 1
                        && match_rest(words, end - 1, &self.rests[noun]) == Some(1)
                        && self.triggers[noun].cameo != *code
                })
            })
    }

    fn n_words(&self, idx: usize) -> usize {
        self.triggers[idx].lemma.split(' ').count()
    }
}

/// Matches the remaining words of a phrase, allowing one modifier word before each.
fn match_rest(words: &[&str], start: usize, rest: &[PhraseWord]) -> Option<usize> {
    let mut pos = start;
    for (k, want) in rest.iter().enumerate() {
        let here = words.get(pos).copied();
        if here.is_some_and(|w| want.matches(w)) {
            pos += 1;
            continue;
        }
        let determiner = here.is_some_and(|w| matches!(w, "a" | "an" | "the" | "its" | "their"));
        // A determiner may stand before any content word of the phrase ("lifted the state
        // of emergency", "added Huawei to its sanctions list").
        let content = !is_function_word(&want.word);
        if content && determiner && words.get(pos + 1).is_some_and(|w| want.matches(w)) {
            pos += 2;
            continue;
        }
        // Allow one modifier ("held direct talks"), or a determiner and a modifier ("called
        // for the immediate withdrawal"), before the last word, but not before a particle
        // or preposition.
        let skip_ok = k == rest.len() - 1 && content;
        if skip_ok && words.get(pos + 1).is_some_and(|w| want.matches(w)) {
            pos += 2;
            continue;
        }
        if skip_ok && determiner && words.get(pos + 2).is_some_and(|w| want.matches(w)) {
            pos += 3;
            continue;
        }
        return None;
    }
    Some(pos - start)
}

impl PhraseWord {
    fn new(word: &str) -> PhraseWord {
        let mut forms = vec![word.to_string()];
        forms.extend(noun_forms(word));
        forms.extend(verb_forms(word));
        forms.sort();
        forms.dedup();
        PhraseWord { word: word.to_string(), forms }
    }

    /// Whether `word` is this word in any form.
    fn matches(&self, word: &str) -> bool {
        self.forms.binary_search_by(|form| form.as_str().cmp(word)).is_ok()
    }
}

fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "to"
            | "with"
            | "for"
            | "against"
            | "up"
            | "down"
            | "off"
            | "out"
            | "over"
            | "of"
            | "a"
            | "an"
            | "the"
    )
}

/// Irregular verbs common in news: base, past, past participle. The tagger's list of
/// past forms (`newskg model past-forms`) includes these too.
pub const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("begin", "began", "begun"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("drive", "drove", "driven"),
    ("fight", "fought", "fought"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("freeze", "froze", "frozen"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("hang", "hanged", "hung"),
    ("have", "had", "had"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("overrun", "overran", "overrun"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("retake", "retook", "retaken"),
    ("ride", "rode", "ridden"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sign", "signed", "signed"),
    ("sit", "sat", "sat"),
    ("slay", "slew", "slain"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wage", "waged", "waged"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
];

/// Every inflected form of a verb: base, -s, -ed, -ing, and irregular forms.
pub fn verb_forms(base: &str) -> Vec<String> {
    let mut forms = vec![base.to_string(), third_person(base), ing_form(base)];
    match IRREGULAR.iter().find(|(b, _, _)| *b == base) {
        Some((_, past, participle)) => {
            forms.push((*past).to_string());
            forms.push((*participle).to_string());
            if base == "be" {
                forms.extend(["is", "are", "were", "am"].map(String::from));
            }
        }
        None => forms.push(past_form(base)),
    }
    // A longer verb doubles its last consonant when the last syllable is stressed
    // ("expel" → "expelled", "control" → "controlled") and not otherwise ("visited").
    // Stress is not in the spelling, so both forms are listed; the wrong one never occurs.
    let b = base.as_bytes();
    let n = b.len();
    let ends_cvc = n >= 4
        && !is_vowel(b[n - 3])
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y');
    if ends_cvc && !doubles_final(base) && !IRREGULAR.iter().any(|(b, _, _)| *b == base) {
        let last = &base[n - 1..];
        forms.push(format!("{base}{last}ed"));
        forms.push(format!("{base}{last}ing"));
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Singular and plural of a noun.
pub fn noun_forms(noun: &str) -> Vec<String> {
    let plural = if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x')
    {
        format!("{noun}es")
    } else if noun.ends_with('y') && !ends_with_vowel_y(noun) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    };
    vec![noun.to_string(), plural]
}

fn ends_with_vowel_y(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 2 && matches!(bytes[bytes.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(base: &str) -> String {
    noun_forms(base).pop().unwrap_or_else(|| base.to_string())
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the final consonant doubles before -ed and -ing (stop → stopped).
fn doubles_final(base: &str) -> bool {
    let b = base.as_bytes();
    let n = b.len();
    // Only one-syllable verbs double reliably; "visit" gives "visited".
    let vowel_groups = b.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count()
        + usize::from(b.first().is_some_and(|c| is_vowel(*c)));
    if n < 3 || vowel_groups != 1 || matches!(base, "commit" | "regret" | "admit" | "submit") {
        return matches!(base, "commit" | "regret" | "admit" | "submit" | "control" | "patrol");
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y')
}

fn past_form(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && !ends_with_vowel_y(base) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles_final(base) {
        format!("{base}{}ed", &base[base.len() - 1..])
    } else {
        format!("{base}ed")
    }
}

fn ing_form(base: &str) -> String {
    if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles_final(base) {
        format!("{base}{}ing", &base[base.len() - 1..])
    } else {
        format!("{base}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert!(verb_forms("meet").contains(&"met".to_string()));
        assert!(verb_forms("urge").contains(&"urged".to_string()));
        assert!(verb_forms("urge").contains(&"urging".to_string()));
        assert!(verb_forms("stop").contains(&"stopped".to_string()));
        assert!(verb_forms("deny").contains(&"denied".to_string()));
        assert!(verb_forms("criticize").contains(&"criticizes".to_string()));
        assert!(verb_forms("visit").contains(&"visited".to_string()));
        assert!(verb_forms("expel").contains(&"expelled".to_string()));
        assert!(verb_forms("control").contains(&"controlling".to_string()));
        assert!(verb_forms("flee").contains(&"fled".to_string()));
        assert!(verb_forms("overthrow").contains(&"overthrown".to_string()));
        assert_eq!(noun_forms("strike"), vec!["strike", "strikes"]);
        assert_eq!(noun_forms("casualty"), vec!["casualty", "casualties"]);
    }

    #[test]
    fn phrases_match_longest() {
        let lexicon = Lexicon::parse("hold\tverb\tholds\t010\t0\t\nhold talks\tverb\tmeets\t043\t1\twith\n");
        let words = ["held", "direct", "talks", "with"];
        let m = lexicon.match_at(&words, 0).unwrap();
        assert_eq!(lexicon.triggers[m.trigger].lemma, "hold talks");
        assert_eq!(m.len, 3);
    }

    #[test]
    fn a_determiner_may_precede_any_content_word() {
        let lexicon = Lexicon::parse("add to sanctions list\tverb\tsanctions\t172\t0\t\n");
        let words = ["added", "to", "its", "sanctions", "list"];
        assert_eq!(lexicon.match_at(&words, 0).map(|m| m.len), Some(5));
        // Not before a preposition of the phrase.
        let words = ["added", "the", "to", "sanctions", "list"];
        assert_eq!(lexicon.match_at(&words, 0), None);
    }
}
