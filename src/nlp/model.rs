//! Finds the grammar model: the one shipped in the binary, or a file given at run time.
//!
//! `models/en_news.bin` is embedded with `include_bytes!` and decoded at most once per
//! process ([`shipped`]). [`load`] returns either that model or one read from a path
//! (the `--model` flag or `NEWSKG_MODEL`), and turns every way a model can fail to load
//! into a [`LoadError`] that names where the model came from.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::pipeline::{ModelError, Pipeline};

/// The bytes of the model shipped with the crate.
pub static SHIPPED_BYTES: &[u8] = include_bytes!("../../models/en_news.bin");

/// A loaded grammar model: the shipped one, shared, or one read from a file.
pub enum Model {
    /// The model built into the binary.
    Shipped(&'static Pipeline),
    /// A model read from a file.
    File(Box<Pipeline>),
}

impl Deref for Model {
    type Target = Pipeline;

    fn deref(&self) -> &Pipeline {
        match self {
            Model::Shipped(pipeline) => pipeline,
            Model::File(pipeline) => pipeline,
        }
    }
}

/// Why a grammar model could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The model file could not be read.
    #[error("cannot read model file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The model file was read but is not a usable model.
    #[error("model file {path}: {source}")]
    Invalid {
        path: PathBuf,
        #[source]
        source: ModelError,
    },
    /// The model built into the binary did not decode (a broken build).
    #[error("the shipped model models/en_news.bin: {0}")]
    Shipped(String),
}

/// Loads the model at `path`, or the shipped model when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Model, LoadError> {
    match path {
        None => shipped().map(Model::Shipped),
        Some(path) => load_file(path).map(|pipeline| Model::File(Box::new(pipeline))),
    }
}

/// The shipped model, decoded on first use and shared afterwards.
pub fn shipped() -> Result<&'static Pipeline, LoadError> {
    static MODEL: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    MODEL
        .get_or_init(|| Pipeline::from_bytes(SHIPPED_BYTES).map_err(|err| err.to_string()))
        .as_ref()
        .map_err(|message| LoadError::Shipped(message.clone()))
}

/// Reads and decodes a model file.
pub fn load_file(path: &Path) -> Result<Pipeline, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    Pipeline::from_bytes(&bytes).map_err(|source| LoadError::Invalid { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads_and_parses() {
        let started = std::time::Instant::now();
        let model = load(None).expect("the shipped model loads");
        eprintln!("shipped model loaded in {:.2?}", started.elapsed());
        let analyses = model.annotate(&["The", "minister", "resigned", "on", "Thursday", "."]);
        let relations: Vec<&str> = analyses.iter().map(|a| a.deprel).collect();
        assert_eq!(relations, ["det", "nsubj", "root", "case", "obl", "punct"]);
        assert_eq!(analyses[2].lemma, "resign");
    }

    #[test]
    fn garbage_files_are_named_in_the_error() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("garbage.bin");
        std::fs::write(&path, b"not a model at all").expect("write");
        let message = load(Some(&path)).err().expect("garbage is refused").to_string();
        assert!(message.contains("garbage.bin") && message.contains("bad header"), "{message}");
        let missing = load(Some(&dir.path().join("missing.bin"))).err().expect("missing is refused");
        assert!(matches!(missing, LoadError::Io { .. }));
    }
}
