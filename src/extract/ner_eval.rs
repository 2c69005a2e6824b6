//! Scores the entity recogniser of `mentions.rs` against Universal NER gold (PER, ORG, LOC).
//!
//! The gold is UNER's IOB2 format: one word a line (`id`, `form`, tag, …), sentences
//! separated by blank lines, documents opened by `# newdoc`. Each document is rebuilt as
//! running text from its sentences' `# text` lines, with the gold words placed in it as
//! tokens, and the mention finder runs over it with gold tokens and sentences. Our classes
//! map to UNER's: PERSON → PER, ORG → ORG, COUNTRY and PLACE → LOC; only names and seats of
//! government count as mentions (demonyms, pronouns and descriptions are not names in
//! UNER). A span is right when its class and both ends match (CoNLL style).

use std::collections::HashSet;
use std::fmt;

use super::EntityClass;
use super::gazetteer::Gazetteer;
use super::mentions::{MentionKind, Text, find_mentions};
use crate::nlp::eval::Prf;
use crate::nlp::pipeline::Pipeline;
use crate::nlp::segment::{Sentence, Token};

/// UNER's three classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
}

impl NerLabel {
    /// The label as UNER writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
        }
    }

    /// UNER's label for one of our entity classes.
    pub fn of_class(class: EntityClass) -> NerLabel {
        match class {
            EntityClass::Person => NerLabel::Per,
            // Groups are not names; the NER scorer never sees them (the default extractor has none).
            EntityClass::Org | EntityClass::Group => NerLabel::Org,
            EntityClass::Country | EntityClass::Place => NerLabel::Loc,
        }
    }

    fn parse(name: &str) -> Option<NerLabel> {
        match name {
            "PER" => Some(NerLabel::Per),
            "ORG" => Some(NerLabel::Org),
            "LOC" => Some(NerLabel::Loc),
            _ => None,
        }
    }
}

/// One gold sentence: its words, their IOB2 tags and its `# text` line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerSentence {
    pub text: Option<String>,
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// One gold document (`# newdoc`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerDocument {
    pub id: String,
    pub sentences: Vec<NerSentence>,
}

/// A line of an IOB2 file that is not a comment, a blank or a word line.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: expected `id<TAB>form<TAB>tag`, got {content:?}")]
pub struct Iob2Error {
    pub line: usize,
    pub content: String,
}

/// An entity span in a document: tokens `start..end` (document-wide indexes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
}

/// Precision, recall and F1 per class.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NerScores {
    pub per: Prf,
    pub org: Prf,
    pub loc: Prf,
}

impl NerScores {
    /// All three classes together (micro-averaged).
    pub fn overall(&self) -> Prf {
        let classes = [self.per, self.org, self.loc];
        Prf {
            correct: classes.iter().map(|c| c.correct).sum(),
            gold: classes.iter().map(|c| c.gold).sum(),
            predicted: classes.iter().map(|c| c.predicted).sum(),
        }
    }

    /// The counts of one class.
    pub fn class(&self, label: NerLabel) -> &Prf {
        match label {
            NerLabel::Per => &self.per,
            NerLabel::Org => &self.org,
            NerLabel::Loc => &self.loc,
        }
    }

    fn class_mut(&mut self, label: NerLabel) -> &mut Prf {
        match label {
            NerLabel::Per => &mut self.per,
            NerLabel::Org => &mut self.org,
            NerLabel::Loc => &mut self.loc,
        }
    }
}

impl fmt::Display for NerScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, prf) in [("per", self.per), ("org", self.org), ("loc", self.loc), ("all", self.overall())]
        {
            write!(
                f,
                "{name}_p={:.3} {name}_r={:.3} {name}_f1={:.3} ",
                prf.precision(),
                prf.recall(),
                prf.f1()
            )?;
        }
        let overall = self.overall();
        write!(f, "gold={} predicted={}", overall.gold, overall.predicted)
    }
}

/// How a gold or predicted span went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MistakeKind {
    /// Right span, wrong class.
    Class,
    /// Overlaps a span of the other side but has other ends.
    Boundary,
    /// A gold span with nothing predicted over it.
    Missed,
    /// A predicted span with no gold span over it.
    Spurious,
}

impl MistakeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MistakeKind::Class => "class",
            MistakeKind::Boundary => "boundary",
            MistakeKind::Missed => "missed",
            MistakeKind::Spurious => "spurious",
        }
    }
}

/// One mistake, with the words and the sentence, for error analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct NerMistake {
    pub kind: MistakeKind,
    /// The gold span's words and label, if a gold span is involved.
    pub gold: Option<(String, NerLabel)>,
    /// The predicted span's words and label, if one is involved.
    pub predicted: Option<(String, NerLabel)>,
    pub sentence: String,
}

/// Scores and mistakes over a whole file.
#[derive(Debug, Clone, Default)]
pub struct NerReport {
    pub scores: NerScores,
    pub mistakes: Vec<NerMistake>,
    pub n_documents: usize,
    pub n_sentences: usize,
    pub n_tokens: usize,
}

/// Reads UNER's IOB2 format.
pub fn parse_iob2(input: &str) -> Result<Vec<NerDocument>, Iob2Error> {
    let mut documents: Vec<NerDocument> = Vec::new();
    let mut sentence = NerSentence::default();
    let flush = |documents: &mut Vec<NerDocument>, sentence: &mut NerSentence| {
        if sentence.words.is_empty() {
            return;
        }
        if documents.is_empty() {
            documents.push(NerDocument::default());
        }
        if let Some(document) = documents.last_mut() {
            document.sentences.push(std::mem::take(sentence));
        }
    };
    for (index, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut documents, &mut sentence);
        } else if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc id =") {
                flush(&mut documents, &mut sentence);
                documents.push(NerDocument { id: id.trim().to_string(), sentences: Vec::new() });
            } else if let Some(text) = comment.strip_prefix("text =") {
                sentence.text = Some(text.trim().to_string());
            }
        } else {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() < 3 || columns[1].is_empty() {
                return Err(Iob2Error { line: index + 1, content: line.to_string() });
            }
            sentence.words.push(columns[1].to_string());
            sentence.tags.push(columns[2].to_string());
        }
    }
    flush(&mut documents, &mut sentence);
    Ok(documents)
}

/// The entity spans of a tag sequence, CoNLL style: an `I-` tag after `O` or after
/// another class opens an entity, as `B-` does.
pub fn spans_from_tags(tags: &[String], offset: usize) -> Vec<NerSpan> {
    let mut spans: Vec<NerSpan> = Vec::new();
    let mut open: Option<NerSpan> = None;
    for (index, tag) in tags.iter().enumerate() {
        let (prefix, name) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let label = NerLabel::parse(name);
        let continues = prefix == "I" && open.is_some_and(|span| Some(span.label) == label);
        if continues {
            if let Some(span) = open.as_mut() {
                span.end = offset + index + 1;
            }
            continue;
        }
        spans.extend(open.take());
        if let (Some(label), "B" | "I") = (label, prefix) {
            open = Some(NerSpan { start: offset + index, end: offset + index + 1, label });
        }
    }
    spans.extend(open);
    spans
}

/// A gold document as running text, with its words as tokens and its sentences.
pub struct DocumentText {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl DocumentText {
    /// Joins the sentences with spaces, placing each word in the sentence's `# text`
    /// (or the words joined by spaces when they cannot all be placed).
    pub fn build(document: &NerDocument) -> DocumentText {
        let mut out = DocumentText { text: String::new(), tokens: Vec::new(), sentences: Vec::new() };
        for sentence in &document.sentences {
            if !out.text.is_empty() {
                out.text.push(' ');
            }
            let start = out.text.len();
            let first_token = out.tokens.len();
            let placed = sentence.text.as_deref().and_then(|text| place_words(text, &sentence.words));
            match placed {
                Some(spans) => {
                    out.text.push_str(sentence.text.as_deref().unwrap_or_default());
                    out.tokens
                        .extend(spans.into_iter().map(|(s, e)| Token { start: start + s, end: start + e }));
                }
                None => {
                    for (index, word) in sentence.words.iter().enumerate() {
                        if index > 0 {
                            out.text.push(' ');
                        }
                        let word_start = out.text.len();
                        out.text.push_str(word);
                        out.tokens.push(Token { start: word_start, end: out.text.len() });
                    }
                }
            }
            out.sentences.push(Sentence {
                start,
                end: out.text.len(),
                tokens: first_token..out.tokens.len(),
            });
        }
        out
    }
}

/// The byte span of each word in `text`, in order, or `None` when one is not found
/// within a few bytes of where the previous one ended.
fn place_words(text: &str, words: &[String]) -> Option<Vec<(usize, usize)>> {
    let mut cursor = 0;
    let mut spans = Vec::with_capacity(words.len());
    for word in words {
        let rest = &text[cursor..];
        let at = rest.find(word.as_str()).filter(|&at| rest[..at].trim().is_empty())?;
        let start = cursor + at;
        cursor = start + word.len();
        spans.push((start, cursor));
    }
    Some(spans)
}

/// The name spans the mention finder predicts in a document, with UNER labels.
pub fn predict(
    document: &DocumentText,
    gazetteer: &Gazetteer,
    grammar: Option<&'static Pipeline>,
) -> Vec<NerSpan> {
    let text =
        Text::from_segments(&document.text, document.tokens.clone(), document.sentences.clone(), grammar);
    let mentions = find_mentions(&text, gazetteer);
    let mut spans: Vec<NerSpan> = mentions
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Metonym))
        .map(|m| NerSpan {
            start: m.start,
            end: m.end,
            label: NerLabel::of_class(mentions.entities[m.entity].class),
        })
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

/// Runs the mention finder over every document and scores it against the gold spans.
pub fn evaluate_ner(
    documents: &[NerDocument],
    gazetteer: &Gazetteer,
    grammar: Option<&'static Pipeline>,
) -> NerReport {
    let mut report = NerReport { n_documents: documents.len(), ..NerReport::default() };
    for document in documents {
        let built = DocumentText::build(document);
        let mut gold: Vec<NerSpan> = Vec::new();
        for (sentence, range) in document.sentences.iter().zip(&built.sentences) {
            gold.extend(spans_from_tags(&sentence.tags, range.tokens.start));
        }
        let predicted = predict(&built, gazetteer, grammar);
        score_document(&built, &gold, &predicted, &mut report);
        report.n_sentences += document.sentences.len();
        report.n_tokens += built.tokens.len();
    }
    report
}

/// Adds one document's counts and mistakes to the report.
fn score_document(document: &DocumentText, gold: &[NerSpan], predicted: &[NerSpan], report: &mut NerReport) {
    let gold_set: HashSet<&NerSpan> = gold.iter().collect();
    let predicted_set: HashSet<&NerSpan> = predicted.iter().collect();
    for span in gold {
        let prf = report.scores.class_mut(span.label);
        prf.gold += 1;
        if predicted_set.contains(span) {
            prf.correct += 1;
        }
    }
    for span in predicted {
        report.scores.class_mut(span.label).predicted += 1;
    }
    let words = |span: &NerSpan| {
        document.text[document.tokens[span.start].start..document.tokens[span.end - 1].end].to_string()
    };
    let sentence_of = |span: &NerSpan| {
        let sentence = document.sentences.iter().find(|s| s.tokens.contains(&span.start));
        sentence.map(|s| document.text[s.start..s.end].to_string()).unwrap_or_default()
    };
    let overlaps = |a: &NerSpan, b: &NerSpan| a.start < b.end && b.start < a.end;
    for span in gold.iter().filter(|span| !predicted_set.contains(span)) {
        let other = predicted.iter().find(|p| overlaps(p, span));
        let kind = match other {
            Some(p) if p.start == span.start && p.end == span.end => MistakeKind::Class,
            Some(_) => MistakeKind::Boundary,
            None => MistakeKind::Missed,
        };
        report.mistakes.push(NerMistake {
            kind,
            gold: Some((words(span), span.label)),
            predicted: other.map(|p| (words(p), p.label)),
            sentence: sentence_of(span),
        });
    }
    for span in predicted.iter().filter(|span| !gold_set.contains(span)) {
        if gold.iter().any(|g| overlaps(g, span)) {
            continue;
        }
        report.mistakes.push(NerMistake {
            kind: MistakeKind::Spurious,
            gold: None,
            predicted: Some((words(span), span.label)),
            sentence: sentence_of(span),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "# newdoc id = d1\n# sent_id = d1-1\n# text = Marco Rubio met Macron in Paris.\n\
1\tMarco\tB-PER\t-\t-\n2\tRubio\tI-PER\t-\t-\n3\tmet\tO\t-\t-\n4\tMacron\tB-PER\t-\t-\n\
5\tin\tO\t-\t-\n6\tParis\tB-LOC\t-\t-\n7\t.\tO\t-\t-\n\n";

    fn tags(raw: &str) -> Vec<String> {
        raw.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn iob2_reads_documents_and_sentences() {
        let documents = parse_iob2(GOLD).expect("valid IOB2");
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].id, "d1");
        assert_eq!(documents[0].sentences[0].words.len(), 7);
        assert!(parse_iob2("1\tonly-two-columns\n").is_err());
    }

    #[test]
    fn spans_follow_conll_rules() {
        let spans = spans_from_tags(&tags("B-PER I-PER O I-LOC B-ORG I-LOC"), 10);
        let expected = [
            (10, 12, NerLabel::Per),
            (13, 14, NerLabel::Loc),
            (14, 15, NerLabel::Org),
            (15, 16, NerLabel::Loc),
        ];
        let got: Vec<(usize, usize, NerLabel)> = spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn words_are_placed_in_the_sentence_text() {
        let documents = parse_iob2(GOLD).expect("valid IOB2");
        let built = DocumentText::build(&documents[0]);
        let words: Vec<&str> = built.tokens.iter().map(|t| t.text(&built.text)).collect();
        assert_eq!(words, ["Marco", "Rubio", "met", "Macron", "in", "Paris", "."]);
        assert_eq!(built.text, "Marco Rubio met Macron in Paris.");
    }

    #[test]
    fn scoring_counts_exact_spans_per_class() {
        let documents = parse_iob2(GOLD).expect("valid IOB2");
        let report = evaluate_ner(&documents, &Gazetteer::builtin(), None);
        // Without a tagger, a lone "Macron" is not known to be a person.
        assert_eq!(report.scores.loc, Prf { correct: 1, gold: 1, predicted: 1 });
        assert_eq!(report.scores.per.correct, 1);
        assert_eq!(report.scores.per.gold, 2);
        assert!(report.scores.to_string().ends_with("gold=3 predicted=2"), "{}", report.scores);
        assert_eq!(report.mistakes.len(), 1);
        assert_eq!(report.mistakes[0].kind, MistakeKind::Missed);
    }
}
