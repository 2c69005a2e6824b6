//! Reading and writing CoNLL-U, the tab-separated format of Universal Dependencies.
//!
//! Only the columns the pipeline uses are kept (form, lemma, UPOS, XPOS, features,
//! head and relation). Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are
//! skipped on reading; comment lines such as `# text = ...` are kept verbatim.
//! [`write_parsed`] segments and annotates raw text and writes it in the same format.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use super::pipeline::Pipeline;
use super::segment::{Token, segment};

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The surface form.
    pub form: String,
    /// The lemma, `_` when unknown.
    pub lemma: String,
    /// The universal part-of-speech tag.
    pub upos: String,
    /// The language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// Morphological features, `_` when empty.
    pub feats: String,
    /// The 1-based index of the head word, 0 for the root.
    pub head: usize,
    /// The dependency relation to the head, including any subtype.
    pub deprel: String,
}

/// A sentence: its comment lines and its words in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// Comment lines including the leading `#`.
    pub comments: Vec<String>,
    /// The words; word `i` has CoNLL-U id `i + 1`.
    pub words: Vec<Word>,
}

/// Why a CoNLL-U file could not be read.
#[derive(Debug)]
pub enum ConlluError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// A line is malformed; `line` is 1-based.
    Syntax { line: usize, message: String },
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConlluError::Io(err) => write!(f, "cannot read CoNLL-U: {err}"),
            ConlluError::Syntax { line, message } => {
                write!(f, "CoNLL-U syntax error on line {line}: {message}")
            }
        }
    }
}

impl std::error::Error for ConlluError {}

impl From<std::io::Error> for ConlluError {
    fn from(err: std::io::Error) -> Self {
        ConlluError::Io(err)
    }
}

/// Reads every sentence of a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<ConlluSentence>, ConlluError> {
    let text = std::fs::read_to_string(path)?;
    parse_conllu(&text)
}

/// Parses CoNLL-U text into sentences.
pub fn parse_conllu(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = ConlluSentence::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            finish_sentence(&mut current, &mut sentences);
        } else if line.starts_with('#') {
            current.comments.push(line.to_string());
        } else if let Some(word) = parse_word_line(line, index + 1)? {
            current.words.push(word);
        }
    }
    finish_sentence(&mut current, &mut sentences);
    Ok(sentences)
}

/// Moves a non-empty sentence into the output and resets the buffer.
fn finish_sentence(current: &mut ConlluSentence, sentences: &mut Vec<ConlluSentence>) {
    if !current.words.is_empty() {
        sentences.push(std::mem::take(current));
    } else {
        current.comments.clear();
    }
}

/// Parses one word line, returning `None` for multiword ranges and empty nodes.
fn parse_word_line(line: &str, line_number: usize) -> Result<Option<Word>, ConlluError> {
    let columns: Vec<&str> = line.split('\t').collect();
    let syntax = |message: String| ConlluError::Syntax { line: line_number, message };
    if columns.len() != 10 {
        return Err(syntax(format!("expected 10 columns, found {}", columns.len())));
    }
    if columns[0].contains('-') || columns[0].contains('.') {
        return Ok(None);
    }
    let head = match columns[6] {
        "_" => 0,
        value => value.parse().map_err(|_| syntax(format!("bad head {value:?}")))?,
    };
    Ok(Some(Word {
        form: columns[1].to_string(),
        lemma: columns[2].to_string(),
        upos: columns[3].to_string(),
        xpos: columns[4].to_string(),
        feats: columns[5].to_string(),
        head,
        deprel: columns[7].to_string(),
    }))
}

/// Writes sentences as CoNLL-U text; DEPS and MISC are written as `_`.
pub fn write_conllu(sentences: &[ConlluSentence]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        for comment in &sentence.comments {
            out.push_str(comment);
            out.push('\n');
        }
        for (index, word) in sentence.words.iter().enumerate() {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t_\n",
                index + 1,
                word.form,
                or_underscore(&word.lemma),
                or_underscore(&word.upos),
                or_underscore(&word.xpos),
                or_underscore(&word.feats),
                word.head,
                or_underscore(&word.deprel),
            ));
        }
        out.push('\n');
    }
    out
}

/// Segments `text`, annotates each sentence and writes it as one CoNLL-U document.
///
/// The document opens with `# newdoc id = {doc_id}`; each sentence gets `# sent_id =
/// {doc_id}-{n}` and `# text`. MISC holds `SpaceAfter=No` where the next token follows
/// without a space, and `TokenRange=start:end` in characters (not bytes) from the start
/// of `text`. FEATS and DEPS are `_`.
pub fn write_parsed(out: &mut dyn Write, doc_id: &str, text: &str, pipeline: &Pipeline) -> io::Result<()> {
    let (tokens, sentences) = segment(text);
    let char_offsets = char_offsets(text, &tokens);
    writeln!(out, "# newdoc id = {}", one_line(doc_id))?;
    for (sentence_idx, sentence) in sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let words: Vec<&str> = tokens[range.clone()].iter().map(|token| token.text(text)).collect();
        let (Some(first), Some(last)) = (tokens.get(range.start), range.clone().last()) else {
            continue;
        };
        writeln!(out, "# sent_id = {}-{}", one_line(doc_id), sentence_idx + 1)?;
        writeln!(out, "# text = {}", one_line(&text[first.start..tokens[last].end]))?;
        let analyses = pipeline.annotate(&words);
        for (word_idx, (token_idx, analysis)) in range.zip(&analyses).enumerate() {
            let token = tokens[token_idx];
            let glued = tokens.get(token_idx + 1).is_some_and(|next| next.start == token.end);
            let (start, end) = char_offsets[token_idx];
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}TokenRange={start}:{end}",
                word_idx + 1,
                words[word_idx],
                or_underscore(&analysis.lemma),
                analysis.upos,
                analysis.xpos,
                analysis.head,
                analysis.deprel,
                if glued { "SpaceAfter=No|" } else { "" },
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The character (not byte) offsets of each token's start and end.
fn char_offsets(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let (mut byte_pos, mut char_pos) = (0, 0);
    let mut advance = |to: usize| {
        char_pos += text.get(byte_pos..to).map_or(0, |gap| gap.chars().count());
        byte_pos = byte_pos.max(to);
        char_pos
    };
    tokens.iter().map(|token| (advance(token.start), advance(token.end))).collect()
}

/// Replaces line breaks, tabs and other control characters by spaces for a comment line.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Returns `_` for empty fields so that the output stays well-formed.
fn or_underscore(field: &str) -> &str {
    if field.is_empty() { "_" } else { field }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = 1\n# text = I can't go.\n\
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n\
2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\t_\n\
4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn skips_ranges_and_empty_nodes_but_keeps_comments() {
        let sentences = parse_conllu(SAMPLE).expect("valid sample");
        assert_eq!(sentences.len(), 1);
        let sentence = &sentences[0];
        assert_eq!(sentence.comments, vec!["# sent_id = 1", "# text = I can't go."]);
        let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, vec!["I", "ca", "n't", "go", "."]);
        assert_eq!(sentence.words[3].head, 0);
        assert_eq!(sentence.words[3].deprel, "root");
    }

    #[test]
    fn round_trips_through_text() {
        let sentences = parse_conllu(SAMPLE).expect("valid sample");
        let written = write_conllu(&sentences);
        let reread = parse_conllu(&written).expect("written text parses");
        assert_eq!(sentences, reread);
    }

    #[test]
    fn reports_bad_lines() {
        let error = parse_conllu("1\tonly\tthree\n").expect_err("too few columns");
        assert!(matches!(error, ConlluError::Syntax { line: 1, .. }));
    }
}
