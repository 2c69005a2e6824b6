//! The library's error types, split by what a caller can do about each.
//!
//! [`InputError`] names a file (and a line where one applies) that could not be
//! read as an article; the batch goes on without it. [`StoreError`] covers the
//! on-disk Oxigraph store, [`QueryError`] a SPARQL query that did not parse or
//! run. The command line turns each into an exit status.

use std::fmt;
use std::path::PathBuf;

/// An input that was skipped, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file the input came from (`-` for standard input).
    pub path: PathBuf,
    /// The 1-based line the problem is on, when it applies to one line.
    pub line: Option<usize>,
    /// What is wrong, lowercase, without a final period.
    pub message: String,
}

impl InputError {
    /// Creates an error about a whole file.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { path: path.into(), line: None, message: message.into() }
    }

    /// Creates an error about one line of a file.
    pub fn line(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self { path: path.into(), line: Some(line), message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// A failure of the on-disk store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the store's lock.
    #[error("store {path} is locked by another process (is a `newskg build` or `newskg serve` running?)")]
    Locked { path: PathBuf },
    /// The folder exists but does not hold an Oxigraph store.
    #[error("{path} is not a newskg store: it is a non-empty folder without a RocksDB database")]
    NotAStore { path: PathBuf },
    /// The folder given as a store is a file.
    #[error("{path} is not a folder")]
    NotAFolder { path: PathBuf },
    /// The store was asked for but does not exist yet.
    #[error("no store at {path}: run `newskg build` first")]
    Missing { path: PathBuf },
    /// Any other storage failure.
    #[error("store {path}: {source}")]
    Storage {
        path: PathBuf,
        #[source]
        source: oxigraph::store::StorageError,
    },
    /// The ontology shipped with the binary did not load.
    #[error("ontology file {file}: {message}")]
    Ontology { file: String, message: String },
}

/// A SPARQL query that could not be parsed or evaluated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The query text is not valid SPARQL.
    #[error("malformed SPARQL query: {0}")]
    Syntax(String),
    /// The query parsed but failed while running.
    #[error("query failed: {0}")]
    Evaluation(String),
    /// The query was stopped before it finished, for taking too long.
    #[error("query cancelled: it ran past its time limit")]
    Cancelled,
    /// The results could not be written in the requested format.
    #[error("cannot write results: {0}")]
    Output(String),
}

/// A failure to read the actor network for an export or an analysis.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// Reading the events or entities failed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The `--ego` name matches no entity's label or alias.
    #[error("no actor is named {name:?}{}", did_you_mean(suggestions))]
    UnknownActor { name: String, suggestions: Vec<String> },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
    format!("; did you mean {}?", quoted.join(", "))
}

/// A failure to draw the network with Graphviz.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The `dot` program is not on the PATH.
    #[error(
        "Graphviz `dot` was not found on the PATH; install Graphviz (`apt-get install graphviz`, \
         `brew install graphviz`, or https://graphviz.org/download/), or export `--format dot` instead"
    )]
    MissingGraphviz,
    /// `dot` ran but failed.
    #[error("Graphviz `dot` failed: {0}")]
    Failed(String),
    /// Talking to `dot` failed.
    #[error("cannot run Graphviz `dot`: {0}")]
    Io(#[from] std::io::Error),
}
