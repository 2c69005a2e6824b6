//! The trained grammar pipeline: tagger, lemmatiser and dependency parser.
//!
//! `Pipeline` bundles the three models, serialises them with a versioned header,
//! annotates pre-tokenised sentences, and can be trained and scored on
//! Universal Dependencies treebanks (`train_from_ud`, `evaluate`).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::conllu::{ConlluError, ConlluSentence, read_conllu};
use super::lemma::Lemmatizer;
use super::parse::{ParseExample, ParseToken, Parser, ParserOptions};
use super::tag::{FeatureMap, TagSet, Tagger, TaggerOptions, hash_str};

/// The first bytes of every model file.
const MAGIC: &[u8; 8] = b"NKGNLP\x00\x01";

/// The model format version; bump it whenever the serialised layout changes.
pub const MODEL_VERSION: u32 = 1;

/// GUM genres whose licences (CC BY or public domain) allow shipping derived models.
pub const GUM_ALLOWED_GENRES: &[&str] =
    &["news", "interview", "bio", "voyage", "textbook", "vlog", "speech", "conversation"];

/// The grammatical analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'p> {
    /// Universal part-of-speech tag.
    pub upos: &'p str,
    /// Penn Treebank tag.
    pub xpos: &'p str,
    /// Lemma.
    pub lemma: String,
    /// 1-based head index, 0 for the root of the sentence.
    pub head: usize,
    /// Universal dependency relation, with subtype (e.g. `nsubj:pass`).
    pub deprel: &'p str,
}

/// Why a model could not be loaded.
#[derive(Debug)]
pub enum ModelError {
    /// The bytes do not start with the model header.
    NotAModel,
    /// The model was written by an incompatible version of this code.
    Version { found: u32, expected: u32 },
    /// The model body is damaged or inconsistent.
    Corrupt(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a newskg grammar model (bad header)"),
            ModelError::Version { found, expected } => write!(
                f,
                "grammar model has format version {found} but this build needs version \
                 {expected}; retrain or update the model file"
            ),
            ModelError::Corrupt(why) => write!(f, "grammar model is corrupt: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Why training could not run.
#[derive(Debug)]
pub enum TrainError {
    /// A file could not be read.
    Io { path: PathBuf, error: std::io::Error },
    /// A treebank file is malformed.
    Conllu { path: PathBuf, error: ConlluError },
    /// No training sentences were found.
    NoData,
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            TrainError::Conllu { path, error } => write!(f, "{}: {error}", path.display()),
            TrainError::NoData => write!(f, "no training sentences found"),
        }
    }
}

impl std::error::Error for TrainError {}

/// Training settings for the whole pipeline.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Tagger settings.
    pub tagger: TaggerOptions,
    /// Parser settings.
    pub parser: ParserOptions,
    /// Folds for jackknifed parser-training tags; below 2 means gold tags.
    pub jackknife_folds: usize,
    /// Print progress to standard error.
    pub verbose: bool,
    /// Sentences scored after every parser epoch when `verbose` is set.
    pub dev: Vec<ConlluSentence>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger: TaggerOptions::default(),
            parser: ParserOptions::default(),
            jackknife_folds: 4,
            verbose: false,
            dev: Vec::new(),
        }
    }
}

/// The tagger, lemmatiser and parser trained together.
#[derive(Serialize, Deserialize, Default)]
pub struct Pipeline {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
}

impl Pipeline {
    /// Loads a model written by [`Pipeline::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Pipeline, ModelError> {
        let body = check_header(bytes)?;
        let mut pipeline: Pipeline =
            postcard::from_bytes(body).map_err(|err| ModelError::Corrupt(err.to_string()))?;
        pipeline.tagger.prepare().map_err(ModelError::Corrupt)?;
        pipeline.parser.prepare().map_err(ModelError::Corrupt)?;
        Ok(pipeline)
    }

    /// Serialises the model with its versioned header.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        // Serialising plain vectors and maps into memory cannot fail.
        let body = postcard::to_stdvec(self).unwrap_or_default();
        bytes.extend_from_slice(&body);
        bytes
    }

    /// Tags, lemmatises and parses one sentence of pre-tokenised words.
    pub fn annotate(&self, words: &[&str]) -> Vec<Analysis<'_>> {
        if words.is_empty() {
            return Vec::new();
        }
        let tags = &self.tagger.tags;
        let classes = self.tagger.tag(words);
        let (lemmas, tokens) = self.lemmatize(words, &classes);
        let tree = self.parser.parse(&tokens);
        classes
            .iter()
            .zip(lemmas)
            .zip(tree)
            .map(|((&class, lemma), (head, label))| Analysis {
                upos: tags.upos(class),
                xpos: tags.xpos(class),
                lemma,
                head,
                deprel: self.parser.label(label),
            })
            .collect()
    }

    /// The lemmas of tagged words, and the words as the parser reads them.
    fn lemmatize(&self, words: &[&str], classes: &[u16]) -> (Vec<String>, Vec<ParseToken>) {
        let tags = &self.tagger.tags;
        let lemmas: Vec<String> = words
            .iter()
            .zip(classes)
            .enumerate()
            .map(|(at, (word, &class))| {
                self.lemmatizer.lemmatize_before(word, tags.xpos(class), words.get(at + 1).copied())
            })
            .collect();
        let tokens: Vec<ParseToken> = words
            .iter()
            .zip(classes)
            .zip(&lemmas)
            .map(|((word, &class), lemma)| parse_token(tags, word, class, lemma))
            .collect();
        (lemmas, tokens)
    }

    /// Stores the tagger's and the parser's features in order of use when
    /// annotating `sentences` (the training data), most used first. The weights
    /// and so the output do not change, but the features that text uses most end
    /// up packed together in memory, which makes their lookups faster.
    pub fn order_by_use(&mut self, sentences: &[ConlluSentence]) {
        let (mut tagger_uses, mut parser_uses) = (FeatureMap::default(), FeatureMap::default());
        for sentence in sentences {
            let words: Vec<&str> = sentence.words.iter().map(|word| word.form.as_str()).collect();
            if words.is_empty() {
                continue;
            }
            let classes = self.tagger.tag_observed(&words, |features| {
                count_uses(features, |key| self.tagger.has_feature(key), &mut tagger_uses)
            });
            let (_, tokens) = self.lemmatize(&words, &classes);
            self.parser.parse_observed(&tokens, |features| {
                count_uses(features, |key| self.parser.has_feature(key), &mut parser_uses)
            });
        }
        self.tagger.order_by_use(&tagger_uses);
        self.parser.order_by_use(&parser_uses);
    }

    /// Whether a lowercase word is a common English word (seen in lowercase, not as a
    /// proper noun, in the training data): "river" and "hidden" are, "rubio" is not.
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.lemmatizer.is_common_word(lower)
    }

    /// Drops small weights from the tagger and the parser to shrink the model.
    pub fn prune(&mut self, tagger_min_weight: f32, parser_min_weight: f32) {
        self.tagger.prune(tagger_min_weight);
        self.parser.prune(parser_min_weight);
    }

    /// A short description of the model's size, for logs.
    pub fn summary(&self) -> String {
        format!(
            "tagger weights={} lemma entries={} parser weights={}",
            self.tagger.weight_count(),
            self.lemmatizer.entry_count(),
            self.parser.weight_count()
        )
    }
}

/// Validates the header and returns the serialised body.
fn check_header(bytes: &[u8]) -> Result<&[u8], ModelError> {
    let header_len = MAGIC.len() + 4;
    if bytes.len() < header_len || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ModelError::NotAModel);
    }
    let mut version = [0u8; 4];
    version.copy_from_slice(&bytes[MAGIC.len()..header_len]);
    let found = u32::from_le_bytes(version);
    if found != MODEL_VERSION {
        return Err(ModelError::Version { found, expected: MODEL_VERSION });
    }
    Ok(&bytes[header_len..])
}

/// Counts each feature of `features` that the model has in `uses`.
fn count_uses(features: &[u64], has_feature: impl Fn(u64) -> bool, uses: &mut FeatureMap<u64>) {
    for &key in features.iter().filter(|&&key| has_feature(key)) {
        *uses.entry(key).or_default() += 1;
    }
}

/// Builds the parser input for one tagged and lemmatised word.
fn parse_token(tags: &TagSet, word: &str, class: u16, lemma: &str) -> ParseToken {
    ParseToken {
        word: hash_str(&word.to_lowercase()),
        lemma: hash_str(lemma),
        xpos: tags.xpos_id(class),
        upos: tags.upos_id(class),
    }
}

// ---------------------------------------------------------------------------
// Training.
// ---------------------------------------------------------------------------

/// Trains the pipeline on CoNLL-U files.
pub fn train(train_files: &[PathBuf], options: &TrainOptions) -> Result<Pipeline, TrainError> {
    let sentences = read_sentences(train_files)?;
    Ok(train_on_sentences(&sentences, options))
}

/// Reads the sentences of CoNLL-U files, failing when there are none.
pub fn read_sentences(files: &[PathBuf]) -> Result<Vec<ConlluSentence>, TrainError> {
    let mut sentences = Vec::new();
    for path in files {
        let mut file = read_conllu(path).map_err(|error| TrainError::Conllu { path: path.clone(), error })?;
        sentences.append(&mut file);
    }
    if sentences.is_empty() {
        return Err(TrainError::NoData);
    }
    Ok(sentences)
}

/// Trains on the licence-compatible train splits found under a UD directory.
///
/// `ud_dir` has the layout of the project's `data/ud`: EWT train documents are
/// listed in `ewt/not-to-release/file-lists/files.train`, GUM ones in
/// `gum/not-to-release/file-lists/files.train` (only [`GUM_ALLOWED_GENRES`] are used).
pub fn train_from_ud(ud_dir: &Path, options: &TrainOptions) -> Result<Pipeline, TrainError> {
    let files = ud_train_files(ud_dir)?;
    if options.verbose {
        eprintln!("training on {} treebank documents", files.len());
    }
    train(&files, options)
}

/// Lists the EWT and allowed GUM training documents under `ud_dir`.
pub fn ud_train_files(ud_dir: &Path) -> Result<Vec<PathBuf>, TrainError> {
    let ewt = ud_dir.join("ewt/not-to-release");
    let gum = ud_dir.join("gum/not-to-release");
    let mut files: Vec<PathBuf> = read_list(&ewt.join("file-lists/files.train"))?
        .into_iter()
        .map(|name| ewt.join("sources").join(name))
        .collect();
    for name in read_list(&gum.join("file-lists/files.train"))? {
        let genre = name.split('_').nth(1).unwrap_or("");
        if GUM_ALLOWED_GENRES.contains(&genre) {
            files.push(gum.join("sources").join(format!("{name}.conllu")));
        }
    }
    Ok(files)
}

/// Reads the non-empty lines of a file list.
fn read_list(path: &Path) -> Result<Vec<String>, TrainError> {
    let text =
        std::fs::read_to_string(path).map_err(|error| TrainError::Io { path: path.to_path_buf(), error })?;
    Ok(text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_string).collect())
}

/// Trains the three models on in-memory gold sentences.
pub fn train_on_sentences(sentences: &[ConlluSentence], options: &TrainOptions) -> Pipeline {
    let started = Instant::now();
    let tags = TagSet::from_sentences(sentences);
    let (tagger, predicted) = train_taggers(sentences, &tags, options);
    if options.verbose {
        eprintln!("taggers trained in {:.0?}", started.elapsed());
    }
    let lemmatizer = Lemmatizer::train(sentences);
    let examples = parse_examples(sentences, &predicted, &tags, &lemmatizer);
    let mut pipeline = Pipeline { tagger, lemmatizer, parser: Parser::default() };
    let parser = Parser::train(&examples, &options.parser, |epoch, parser| {
        if options.verbose {
            report_epoch(epoch, parser, &pipeline, options, started);
        }
    });
    pipeline.parser = parser;
    pipeline.order_by_use(sentences);
    pipeline
}

/// Prints the progress of one parser epoch, with dev scores when available.
fn report_epoch(
    epoch: usize,
    parser: &Parser,
    pipeline: &Pipeline,
    options: &TrainOptions,
    started: Instant,
) {
    let mut line = format!("parser epoch {epoch} ({:.0?})", started.elapsed());
    if !options.dev.is_empty() {
        let view = PipelineView { tagger: &pipeline.tagger, lemmatizer: &pipeline.lemmatizer, parser };
        let (uas, las) = view.attachment(&options.dev);
        line.push_str(&format!(" dev uas={uas:.4} las={las:.4}"));
    }
    eprintln!("{line}");
}

/// Trains the final tagger and, in parallel, the jackknife taggers.
///
/// Returns the final tagger and predicted classes for every training word:
/// each fold is tagged by a tagger that never saw it, so the parser learns
/// from realistic tagging errors.
fn train_taggers(
    sentences: &[ConlluSentence],
    tags: &TagSet,
    options: &TrainOptions,
) -> (Tagger, Vec<Vec<u16>>) {
    let folds = options.jackknife_folds;
    let fold_of = |index: usize| index * folds.max(1) / sentences.len();
    let jobs: Vec<Option<usize>> =
        std::iter::once(None).chain((0..if folds >= 2 { folds } else { 0 }).map(Some)).collect();
    let mut results: Vec<(Option<usize>, Tagger)> = jobs
        .into_par_iter()
        .map(|fold| {
            let subset: Vec<ConlluSentence> = sentences
                .iter()
                .enumerate()
                .filter(|(index, _)| fold.is_none_or(|f| fold_of(*index) != f))
                .map(|(_, sentence)| sentence.clone())
                .collect();
            (fold, Tagger::train_with_tags(&subset, tags.clone(), &options.tagger))
        })
        .collect();
    let final_tagger = results.remove(0).1;
    let predicted = sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| {
            if folds < 2 {
                return gold_classes(sentence, tags);
            }
            let tagger = results
                .iter()
                .find(|(fold, _)| *fold == Some(fold_of(index)))
                .map_or(&final_tagger, |(_, tagger)| tagger);
            let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words)
        })
        .collect();
    (final_tagger, predicted)
}

/// The gold joint classes of a sentence.
fn gold_classes(sentence: &ConlluSentence, tags: &TagSet) -> Vec<u16> {
    sentence.words.iter().map(|word| tags.find(&word.upos, &word.xpos).unwrap_or(0)).collect()
}

/// Builds parser training examples from predicted tags and gold trees.
fn parse_examples(
    sentences: &[ConlluSentence],
    predicted: &[Vec<u16>],
    tags: &TagSet,
    lemmatizer: &Lemmatizer,
) -> Vec<ParseExample> {
    sentences
        .iter()
        .zip(predicted)
        .map(|(sentence, classes)| ParseExample {
            tokens: sentence
                .words
                .iter()
                .zip(classes)
                .map(|(word, &class)| {
                    let lemma = lemmatizer.lemmatize(&word.form, tags.xpos(class));
                    parse_token(tags, &word.form, class, &lemma)
                })
                .collect(),
            heads: sentence.words.iter().map(|word| word.head).collect(),
            deprels: sentence.words.iter().map(|word| word.deprel.clone()).collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Evaluation.
// ---------------------------------------------------------------------------

/// Accuracy scores on gold-tokenised sentences, and annotation speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub tokens_per_sec: f64,
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "upos={:.3} xpos={:.3} lemma={:.3} uas={:.3} las={:.3} tokens_per_sec={:.0}",
            self.upos, self.xpos, self.lemma, self.uas, self.las, self.tokens_per_sec
        )
    }
}

/// Annotates the gold sentences' words and scores the result (all words count).
pub fn evaluate(pipeline: &Pipeline, gold: &[ConlluSentence]) -> Scores {
    let mut counts = [0usize; 5];
    let mut total = 0usize;
    let mut elapsed = 0.0f64;
    for sentence in gold {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let started = Instant::now();
        let analyses = pipeline.annotate(&words);
        elapsed += started.elapsed().as_secs_f64();
        for (word, analysis) in sentence.words.iter().zip(&analyses) {
            let head_ok = word.head == analysis.head;
            let hits = [
                word.upos == analysis.upos,
                word.xpos == analysis.xpos,
                word.lemma == analysis.lemma,
                head_ok,
                head_ok && word.deprel == analysis.deprel,
            ];
            for (count, hit) in counts.iter_mut().zip(hits) {
                *count += usize::from(hit);
            }
        }
        total += sentence.words.len();
    }
    let ratio = |count: usize| count as f64 / total.max(1) as f64;
    Scores {
        upos: ratio(counts[0]),
        xpos: ratio(counts[1]),
        lemma: ratio(counts[2]),
        uas: ratio(counts[3]),
        las: ratio(counts[4]),
        tokens_per_sec: total as f64 / elapsed.max(1e-9),
    }
}

/// Borrowed models, used to score a parser while it is still being trained.
struct PipelineView<'a> {
    tagger: &'a Tagger,
    lemmatizer: &'a Lemmatizer,
    parser: &'a Parser,
}

impl PipelineView<'_> {
    /// Unlabelled and labelled attachment scores on gold sentences.
    fn attachment(&self, gold: &[ConlluSentence]) -> (f64, f64) {
        let tags = &self.tagger.tags;
        let (mut unlabelled, mut labelled, mut total) = (0usize, 0usize, 0usize);
        for sentence in gold {
            let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
            let classes = self.tagger.tag(&words);
            let tokens: Vec<ParseToken> = words
                .iter()
                .zip(&classes)
                .map(|(word, &class)| {
                    let lemma = self.lemmatizer.lemmatize(word, tags.xpos(class));
                    parse_token(tags, word, class, &lemma)
                })
                .collect();
            for (word, (head, label)) in sentence.words.iter().zip(self.parser.parse(&tokens)) {
                let head_ok = word.head == head;
                unlabelled += usize::from(head_ok);
                labelled += usize::from(head_ok && word.deprel == self.parser.label(label));
            }
            total += sentence.words.len();
        }
        let ratio = |count: usize| count as f64 / total.max(1) as f64;
        (ratio(unlabelled), ratio(labelled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::conllu::parse_conllu;

    /// Five small annotated sentences, repeated to give twenty training sentences.
    const TOY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tchased\tchase\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tcat\tcat\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tresigned\tresign\tVERB\tVBD\t_\t0\troot\t_\t_
4\tyesterday\tyesterday\tNOUN\tNN\t_\t3\tobl:tmod\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tbill\tbill\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tpassed\tpass\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tsenate\tsenate\tNOUN\tNN\t_\t4\tobl:agent\t_\t_
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tgave\tgive\tVERB\tVBD\t_\t0\troot\t_\t_
3\tup\tup\tADP\tRP\t_\t2\tcompound:prt\t_\t_
4\tsmoking\tsmoking\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tPeople\tpeople\tNOUN\tNNS\t_\t0\troot\t_\t_
2\twho\twho\tPRON\tWP\t_\t3\tnsubj\t_\t_
3\tvote\tvote\tVERB\tVBP\t_\t1\tacl:relcl\t_\t_
4\tmatter\tmatter\tVERB\tVBP\t_\t1\tparataxis\t_\t_
";

    /// Twenty toy sentences.
    fn toy_sentences() -> Vec<ConlluSentence> {
        let once = parse_conllu(TOY).expect("toy data parses");
        once.iter().cycle().take(20).cloned().collect()
    }

    /// A pipeline trained quickly on the toy sentences.
    fn toy_pipeline() -> Pipeline {
        let mut options = TrainOptions { jackknife_folds: 2, ..TrainOptions::default() };
        options.tagger.epochs = 3;
        options.parser.epochs = 3;
        options.parser.min_weight = 0.0;
        options.tagger.min_weight = 0.0;
        train_on_sentences(&toy_sentences(), &options)
    }

    /// Asserts that the analyses form one tree with a single root.
    fn assert_tree(analyses: &[Analysis<'_>]) {
        let n = analyses.len();
        let roots = analyses.iter().filter(|a| a.head == 0).count();
        assert_eq!(roots, 1, "exactly one root");
        for start in 1..=n {
            let mut node = start;
            let mut steps = 0;
            while node != 0 {
                assert!(node <= n, "head within the sentence");
                node = analyses[node - 1].head;
                steps += 1;
                assert!(steps <= n, "no cycles");
            }
        }
        for analysis in analyses {
            assert_eq!(analysis.head == 0, analysis.deprel == "root");
        }
    }

    #[test]
    fn toy_training_gives_valid_trees() {
        let pipeline = toy_pipeline();
        let sentences: [&[&str]; 3] = [
            &["The", "cat", "chased", "the", "dog", "."],
            &["Senate", "passed", "a", "bill", "by", "the", "minister", "yesterday"],
            &[","],
        ];
        for words in sentences {
            let analyses = pipeline.annotate(words);
            assert_eq!(analyses.len(), words.len());
            assert_tree(&analyses);
        }
        let scores = evaluate(&pipeline, &toy_sentences());
        assert!(scores.upos > 0.9, "toy data is learnt: {scores}");
    }

    #[test]
    fn model_bytes_round_trip() {
        let pipeline = toy_pipeline();
        let loaded = Pipeline::from_bytes(&pipeline.to_bytes()).expect("model loads");
        let words = ["She", "gave", "up", "the", "bill", "."];
        assert_eq!(pipeline.annotate(&words), loaded.annotate(&words));
    }

    #[test]
    fn bad_models_are_errors() {
        assert!(matches!(Pipeline::from_bytes(b"garbage"), Err(ModelError::NotAModel)));
        let mut bytes = toy_pipeline().to_bytes();
        let mut stale = bytes.clone();
        stale[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(MODEL_VERSION + 1).to_le_bytes());
        assert!(matches!(Pipeline::from_bytes(&stale), Err(ModelError::Version { .. })));
        bytes.truncate(bytes.len() / 2);
        assert!(matches!(Pipeline::from_bytes(&bytes), Err(ModelError::Corrupt(_))));
    }

    #[test]
    fn scores_display_format() {
        let scores = Scores {
            upos: 0.9531,
            xpos: 0.948,
            lemma: 0.97,
            uas: 0.861,
            las: 0.826,
            tokens_per_sec: 250000.4,
        };
        assert_eq!(
            scores.to_string(),
            "upos=0.953 xpos=0.948 lemma=0.970 uas=0.861 las=0.826 tokens_per_sec=250000"
        );
    }
}
