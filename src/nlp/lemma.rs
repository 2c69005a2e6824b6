//! Lemmatisation from a training lexicon with learned suffix rules as fallback.
//!
//! Known (form, XPOS) pairs are looked up directly, first as written and then
//! lower-cased. Unknown words get the most frequent suffix edit script learned
//! for their XPOS and longest matching word ending, e.g. `-ies` → `-y` for NNS.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::conllu::ConlluSentence;

/// The longest word ending used to choose an edit script.
const MAX_SUFFIX: usize = 5;

/// The longest ending an edit script may add to an unknown word; longer ones
/// are abbreviation expansions (`Nov` → `November`) that do not generalise.
const MAX_UNKNOWN_APPEND: usize = 3;

/// Penn tags of verbs, most telling first, tried for a verb form unknown under its own tag.
const VERB_TAGS: &[&str] = &["VBD", "VBN", "VBZ", "VBG", "VBP", "VB"];

/// An edit script: remove `strip` characters from the end, then append `append`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
struct EditScript {
    strip: u8,
    append: String,
}

/// A trained lemmatiser.
#[derive(Serialize, Deserialize, Default)]
pub struct Lemmatizer {
    /// Lemmas keyed by `form\txpos`.
    exact: Lexicon<String>,
    /// Lemmas keyed by `lowercased form\txpos`.
    lowered: Lexicon<String>,
    /// Edit scripts keyed by `xpos\tending`, for endings of 0 to `MAX_SUFFIX` characters.
    scripts: Lexicon<EditScript>,
}

/// A map keyed by short strings, hashed with [`KeyHasher`]. It is stored like
/// any map; only the hashing in memory differs from a `HashMap`'s default.
type Lexicon<V> = HashMap<String, V, BuildHasherDefault<KeyHasher>>;

/// A fast hasher for the lexicon's keys (FxHash-style, eight bytes a step):
/// a lemma takes several lookups per word, and the keys come from the model,
/// not from an adversary, so the default SipHash's protection is not needed.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl KeyHasher {
    /// Mixes one more word into the hash.
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // Fold the well-mixed high bits into the low bits that choose a bucket.
        self.0 ^ (self.0 >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
    }
}

impl Lemmatizer {
    /// Learns the lexicon and the edit scripts from gold sentences.
    pub fn train(sentences: &[ConlluSentence]) -> Lemmatizer {
        let mut exact_counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut lowered_counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut script_counts: HashMap<String, HashMap<EditScript, u32>> = HashMap::new();
        for word in sentences.iter().flat_map(|sentence| &sentence.words) {
            if word.lemma == "_" || word.lemma.is_empty() {
                continue;
            }
            let lower = word.form.to_lowercase();
            count(&mut exact_counts, key(&word.form, &word.xpos), &word.lemma);
            count(&mut lowered_counts, key(&lower, &word.xpos), &word.lemma);
            let script = edit_script(&lower, &word.lemma.to_lowercase());
            for ending in endings(&lower) {
                *script_counts
                    .entry(key(&word.xpos, ending))
                    .or_default()
                    .entry(script.clone())
                    .or_default() += 1;
            }
        }
        Lemmatizer {
            exact: most_frequent(exact_counts),
            lowered: most_frequent(lowered_counts),
            scripts: most_frequent(script_counts),
        }
    }

    /// Returns the lemma of `form` tagged `xpos`, given the next word if any.
    ///
    /// The next word separates the auxiliaries `'s` = *has* (`'s been`) and
    /// `'s` = *is*, which share the tag VBZ.
    pub fn lemmatize_before(&self, form: &str, xpos: &str, next: Option<&str>) -> String {
        if xpos == "VBZ"
            && matches!(form, "'s" | "’s" | "'S" | "’S")
            && next
                .is_some_and(|next| matches!(next.to_lowercase().as_str(), "been" | "got" | "gotten" | "had"))
        {
            return "have".to_string();
        }
        self.lemmatize(form, xpos)
    }

    /// Returns the lemma of `form` tagged `xpos`.
    pub fn lemmatize(&self, form: &str, xpos: &str) -> String {
        if let Some(lemma) = get(&self.exact, form, xpos) {
            return lemma.clone();
        }
        let lower = form.to_lowercase();
        if let Some(lemma) = get(&self.lowered, &lower, xpos) {
            return lemma.clone();
        }
        // A verb seen in training under another verb tag: the tagger's tense was wrong
        // ("struck" tagged VBZ), the lemma is still known.
        if xpos.starts_with("VB")
            && let Some(lemma) = VERB_TAGS.iter().find_map(|tag| get(&self.lowered, &lower, tag))
        {
            return lemma.clone();
        }
        if xpos == "CD"
            && let Some(number) = plain_number(form)
        {
            return number;
        }
        // Unknown names, addresses and symbols are their own lemmas (a plural
        // name loses its `s`); other words get the learned suffix script.
        match xpos {
            "NNP" | "ADD" | "NFP" | "HYPH" | ":" | "," | "." | "``" | "''" | "-LRB-" | "-RRB-" | "$" => {
                return form.to_string();
            }
            "NNPS" => {
                let stem = form.strip_suffix('s').filter(|stem| stem.chars().count() > 1);
                return stem.unwrap_or(form).to_string();
            }
            _ => {}
        }
        match self.script_for(&lower, xpos) {
            Some(script) if script.append.chars().count() <= MAX_UNKNOWN_APPEND => apply(&lower, script),
            _ => lower,
        }
    }

    /// Finds the edit script for the longest known ending of `lower`.
    fn script_for(&self, lower: &str, xpos: &str) -> Option<&EditScript> {
        // `starts[k - 1]` is where the ending of `k` characters starts.
        let mut starts = [0; MAX_SUFFIX];
        let mut n_starts = 0;
        for (start, (at, _)) in starts.iter_mut().zip(lower.char_indices().rev()) {
            *start = at;
            n_starts += 1;
        }
        // Longest first, down to the empty ending, as `key` would join them.
        starts[..n_starts]
            .iter()
            .rev()
            .chain([&lower.len()])
            .find_map(|&start| get(&self.scripts, xpos, &lower[start..]))
    }

    /// Whether `lower`, a lowercase word, was seen written in lowercase as a common
    /// word (not a proper noun, number or symbol) in the training data.
    pub fn is_common_word(&self, lower: &str) -> bool {
        COMMON_TAGS.iter().any(|tag| get(&self.exact, lower, tag).is_some())
    }

    /// The number of lexicon entries and scripts, for reporting.
    pub fn entry_count(&self) -> usize {
        self.exact.len() + self.lowered.len() + self.scripts.len()
    }
}

/// Penn tags of common words: nouns, verbs, adjectives, adverbs and function words.
#[rustfmt::skip]
const COMMON_TAGS: &[&str] = &[
    "CC", "DT", "IN", "JJ", "JJR", "JJS", "MD", "NN", "NNS", "PRP", "RB", "RBR", "RBS", "RP", "UH",
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WRB",
];

/// Looks up the key `first\tsecond` without allocating when it is short.
fn get<'m, V>(map: &'m Lexicon<V>, first: &str, second: &str) -> Option<&'m V> {
    let mut buffer = [0u8; 64];
    let length = first.len() + 1 + second.len();
    if length > buffer.len() {
        return map.get(&key(first, second));
    }
    buffer[..first.len()].copy_from_slice(first.as_bytes());
    buffer[first.len()] = b'\t';
    buffer[first.len() + 1..length].copy_from_slice(second.as_bytes());
    // Two strings joined by a tab are valid UTF-8.
    std::str::from_utf8(&buffer[..length]).ok().and_then(|joined| map.get(joined))
}

/// Joins two strings into a lookup key.
fn key(first: &str, second: &str) -> String {
    let mut joined = String::with_capacity(first.len() + second.len() + 1);
    joined.push_str(first);
    joined.push('\t');
    joined.push_str(second);
    joined
}

/// Counts one observation of `value` under `key`.
fn count(table: &mut HashMap<String, HashMap<String, u32>>, key: String, value: &str) {
    *table.entry(key).or_default().entry(value.to_string()).or_default() += 1;
}

/// Keeps the most frequent value of each key (ties broken by value order).
fn most_frequent<V: Ord + Clone>(table: HashMap<String, HashMap<V, u32>>) -> Lexicon<V> {
    table
        .into_iter()
        .filter_map(|(key, values)| {
            let best = values.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((key, best.0))
        })
        .collect()
}

impl PartialOrd for EditScript {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EditScript {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.strip, &self.append).cmp(&(other.strip, &other.append))
    }
}

/// The endings of `word` of 0 to `MAX_SUFFIX` characters, shortest first.
fn endings(word: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    let count = starts.len();
    (0..=MAX_SUFFIX.min(count))
        .map(move |length| if length == 0 { &word[word.len()..] } else { &word[starts[count - length]..] })
}

/// Computes the script turning `form` into `lemma` after their common prefix.
fn edit_script(form: &str, lemma: &str) -> EditScript {
    let common = form.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let strip = (form.chars().count() - common).min(usize::from(u8::MAX)) as u8;
    EditScript { strip, append: lemma.chars().skip(common).collect() }
}

/// Applies a script to a word; a script longer than the word leaves it as is.
fn apply(word: &str, script: &EditScript) -> String {
    let length = word.chars().count();
    let strip = usize::from(script.strip);
    if strip >= length && !word.is_empty() {
        return word.to_string();
    }
    let mut lemma: String = word.chars().take(length - strip).collect();
    lemma.push_str(&script.append);
    lemma
}

/// Writes a number with thousands separators without them (`1,100` → `1100`),
/// the way the treebanks lemmatise numbers; other forms give `None`.
fn plain_number(form: &str) -> Option<String> {
    let (whole, fraction) = match form.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (form, None),
    };
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let digits = |group: &str| group.bytes().all(|byte| byte.is_ascii_digit());
    let valid = (1..=3).contains(&first.len())
        && digits(first)
        && fraction.is_none_or(|fraction| !fraction.is_empty() && digits(fraction));
    let mut number = first.to_string();
    let mut separated = false;
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return None;
        }
        number.push_str(group);
        separated = true;
    }
    if !valid || !separated {
        return None;
    }
    if let Some(fraction) = fraction {
        number.push('.');
        number.push_str(fraction);
    }
    Some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_thousands_separators() {
        assert_eq!(plain_number("1,100").as_deref(), Some("1100"));
        assert_eq!(plain_number("12,345,678.5").as_deref(), Some("12345678.5"));
        assert_eq!(plain_number("3,40"), None);
        assert_eq!(plain_number("1100"), None);
        assert_eq!(plain_number("1,1000"), None);
    }

    #[test]
    fn unknown_names_and_contracted_have() {
        let lemmatizer = Lemmatizer::default();
        assert_eq!(lemmatizer.lemmatize("Capt.", "NNP"), "Capt.");
        assert_eq!(lemmatizer.lemmatize("Partners", "NNPS"), "Partner");
        assert_eq!(lemmatizer.lemmatize("Bob@Example.com", "ADD"), "Bob@Example.com");
        assert_eq!(lemmatizer.lemmatize_before("'s", "VBZ", Some("been")), "have");
        assert_eq!(lemmatizer.lemmatize_before("'s", "VBZ", Some("good")), "'s");
    }
}
