//! Scores the tokenizer and sentence splitter against Universal Dependencies gold.
//!
//! Each gold document (`# newdoc`) is rebuilt as running text from its sentences'
//! `# text` comments: sentences are joined by a space, paragraphs (`# newpar`) by a
//! blank line. The gold words are located in that text to get byte spans, the text is
//! run through [`segment`], and tokens and sentence ends are compared as span sets:
//! a token counts when both its ends match, a sentence boundary when its byte offset
//! matches. The end of a document is not counted as a boundary: it is given, not found.

use std::collections::HashSet;
use std::fmt;

use super::conllu::ConlluSentence;
use super::segment::segment;

/// Precision, recall and F1 of one kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Units found in both.
    pub correct: usize,
    /// Units in the gold data.
    pub gold: usize,
    /// Units predicted.
    pub predicted: usize,
}

impl Prf {
    /// Correct over predicted.
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }

    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
    }
}

/// Token and sentence-boundary scores of the segmenter.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SegmentScores {
    /// Tokens (gold: the syntactic words of the treebank).
    pub tokens: Prf,
    /// Sentence boundaries (sentence ends other than the end of a document).
    pub sentences: Prf,
}

impl fmt::Display for SegmentScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "token_p={:.3} token_r={:.3} token_f1={:.3} sentence_p={:.3} sentence_r={:.3} sentence_f1={:.3}",
            self.tokens.precision(),
            self.tokens.recall(),
            self.tokens.f1(),
            self.sentences.precision(),
            self.sentences.recall(),
            self.sentences.f1()
        )
    }
}

/// Segments every gold document's text and scores tokens and sentence ends.
pub fn evaluate_segmentation(gold: &[ConlluSentence]) -> SegmentScores {
    let mut scores = SegmentScores::default();
    for document in split_documents(gold) {
        let reference = GoldText::build(document);
        let (tokens, sentences) = segment(&reference.text);
        let predicted_tokens: HashSet<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
        let predicted_ends: HashSet<usize> = sentences
            .iter()
            .filter_map(|s| s.tokens.clone().last().map(|last| tokens[last].end))
            .filter(|&end| end < reference.text.len())
            .collect();
        add(&mut scores.tokens, &reference.tokens, &predicted_tokens, reference.unaligned_words);
        add(&mut scores.sentences, &reference.sentence_ends, &predicted_ends, 0);
    }
    scores
}

/// Adds one document's counts; `missed` gold units could not be placed in the text.
fn add<T: std::hash::Hash + Eq>(prf: &mut Prf, gold: &HashSet<T>, predicted: &HashSet<T>, missed: usize) {
    prf.correct += gold.intersection(predicted).count();
    prf.gold += gold.len() + missed;
    prf.predicted += predicted.len();
}

/// Groups sentences into documents at each `# newdoc` comment.
fn split_documents(sentences: &[ConlluSentence]) -> Vec<&[ConlluSentence]> {
    let mut documents = Vec::new();
    let mut first = 0;
    for (index, sentence) in sentences.iter().enumerate() {
        if index > first && has_comment(sentence, "# newdoc") {
            documents.push(&sentences[first..index]);
            first = index;
        }
    }
    if first < sentences.len() {
        documents.push(&sentences[first..]);
    }
    documents
}

/// Returns true when the sentence has a comment starting with `prefix`.
fn has_comment(sentence: &ConlluSentence, prefix: &str) -> bool {
    sentence.comments.iter().any(|comment| comment.starts_with(prefix))
}

/// A gold document as running text with its token spans and sentence ends.
struct GoldText {
    text: String,
    tokens: HashSet<(usize, usize)>,
    sentence_ends: HashSet<usize>,
    unaligned_words: usize,
}

impl GoldText {
    /// Rebuilds the text of a document and places its words in it.
    fn build(document: &[ConlluSentence]) -> GoldText {
        let mut gold = GoldText {
            text: String::new(),
            tokens: HashSet::new(),
            sentence_ends: HashSet::new(),
            unaligned_words: 0,
        };
        for (index, sentence) in document.iter().enumerate() {
            if index > 0 {
                gold.text.push_str(if has_comment(sentence, "# newpar") { "\n\n" } else { " " });
            }
            let start = gold.text.len();
            gold.text.push_str(&sentence_text(sentence));
            gold.place_words(sentence, start);
            gold.sentence_ends.insert(gold.text.len());
        }
        gold.sentence_ends.remove(&gold.text.len());
        gold
    }

    /// Finds each word of the sentence in order, starting at byte `start`.
    fn place_words(&mut self, sentence: &ConlluSentence, start: usize) {
        let mut cursor = start;
        for word in &sentence.words {
            let rest = &self.text[cursor..];
            let skipped = rest.len() - rest.trim_start().len();
            let found = match rest.trim_start().starts_with(&word.form) {
                true => Some(skipped),
                false => rest.find(&word.form).filter(|&at| at < skipped + 16),
            };
            match found {
                Some(at) if !word.form.is_empty() => {
                    let word_start = cursor + at;
                    cursor = word_start + word.form.len();
                    self.tokens.insert((word_start, cursor));
                }
                _ => self.unaligned_words += 1,
            }
        }
    }
}

/// The sentence's `# text` comment, or its words joined by spaces when it has none.
fn sentence_text(sentence: &ConlluSentence) -> String {
    let from_comment = sentence.comments.iter().find_map(|comment| comment.strip_prefix("# text = "));
    match from_comment {
        Some(text) => text.trim().to_string(),
        None => sentence.words.iter().map(|word| word.form.as_str()).collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::conllu::parse_conllu;

    const GOLD: &str = "# newdoc id = a\n# text = Mr. Smith can't go.\n\
1\tMr.\t_\t_\t_\t_\t0\t_\t_\t_\n2\tSmith\t_\t_\t_\t_\t0\t_\t_\t_\n\
3-4\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tca\t_\t_\t_\t_\t0\t_\t_\t_\n4\tn't\t_\t_\t_\t_\t0\t_\t_\t_\n\
5\tgo\t_\t_\t_\t_\t0\t_\t_\t_\n6\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n\
# text = He left.\n1\tHe\t_\t_\t_\t_\t0\t_\t_\t_\n2\tleft\t_\t_\t_\t_\t0\t_\t_\t_\n3\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n";

    #[test]
    fn clean_text_scores_perfectly() {
        let gold = parse_conllu(GOLD).expect("valid gold");
        let scores = evaluate_segmentation(&gold);
        assert_eq!(scores.tokens, Prf { correct: 9, gold: 9, predicted: 9 });
        assert_eq!(scores.sentences, Prf { correct: 1, gold: 1, predicted: 1 });
        assert!(scores.to_string().ends_with("sentence_f1=1.000"));
    }

    #[test]
    fn f1_of_nothing_is_zero() {
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
