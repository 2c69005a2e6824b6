//! Linguistic processing shared by every extractor: segmentation, tagging, lemmas and parsing.
//!
//! `segment` splits news English into sentences and tokens with byte offsets.
//! `tag`, `lemma` and `parse` are small models trained on Universal
//! Dependencies and bundled by `pipeline`; `past_forms` lists the irregular past
//! forms the tagger reads only as verbs; `model` loads the shipped model once;
//! `conllu` reads and writes the treebank format and `eval` scores segmentation. Everything here works on spans of the original text and
//! never touches the store.

pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod model;
pub mod parse;
pub mod past_forms;
pub mod pipeline;
pub mod segment;
pub mod tag;
