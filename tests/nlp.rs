//! The grammar commands: `parse` writes valid CoNLL-U, `model eval` ends with the
//! scores line, and a bad model is an error with status 1, not a panic. Loading the
//! shipped model takes seconds in a debug build, so few tests do it.

use std::path::{Path, PathBuf};

use crate::util::*;

/// The tiny gold CoNLL-U fixture.
fn tiny_gold() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny.conllu")
}

/// Articles for `parse`: an ordinary one, and inputs that must not break it
/// (no letters, control characters, mixed scripts, one very long sentence).
fn parse_inputs() -> String {
    let long = vec!["word"; 5000].join(" ");
    let records = [
        ("rubio", "PARIS — Marco Rubio met Emmanuel Macron on Thursday. They didn't agree."),
        ("symbols", "--- *** 123 ... ??? !!!"),
        ("control", "Kyiv\u{0}said\u{7} \u{1b}[0m it\u{b}was \t\r\n\n attacked."),
        ("scripts", "Путин встретился с 習近平 and Erdoğan in Astana."),
        ("long", long.as_str()),
    ];
    records
        .iter()
        .map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string() + "\n")
        .collect()
}

#[test]
fn parse_writes_one_tree_per_sentence() {
    let scratch = Scratch::new();
    let input = scratch.file("articles.jsonl", parse_inputs().as_bytes());
    let output = scratch.run(&["parse", input.to_str().unwrap()]);
    assert_ok(&output);
    let conllu = stdout(&output);
    let doc_ids: Vec<&str> = conllu.lines().filter_map(|l| l.strip_prefix("# newdoc id = ")).collect();
    assert_eq!(doc_ids, ["rubio", "symbols", "control", "scripts", "long"]);
    let sentences: Vec<&str> = conllu.split("\n\n").filter(|block| block.contains('\t')).collect();
    assert!(sentences.len() >= 6, "{conllu}");
    for sentence in &sentences {
        check_sentence(sentence);
    }
    assert!(conllu.contains("1\tPARIS\t"), "{conllu}");
    assert!(
        conllu.contains("\tThursday\tThursday\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No|TokenRange=43:51\n")
    );
    assert!(conllu.contains("\tn't\tnot\tPART\tRB\t"), "{conllu}");
}

/// Asserts that one CoNLL-U sentence block is well formed and is a single-rooted tree.
#[track_caller]
fn check_sentence(block: &str) {
    let comments: Vec<&str> = block.lines().filter(|l| l.starts_with('#')).collect();
    assert!(comments.iter().any(|c| c.starts_with("# sent_id = ")), "{block}");
    assert!(comments.iter().any(|c| c.starts_with("# text = ")), "{block}");
    let rows: Vec<Vec<&str>> =
        block.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    let n_words = rows.len();
    let mut n_roots = 0;
    for (index, columns) in rows.iter().enumerate() {
        assert_eq!(columns.len(), 10, "ten columns: {columns:?}");
        assert_eq!(columns[0], (index + 1).to_string(), "ids count from 1: {block}");
        assert!(columns.iter().all(|c| !c.is_empty() && !c.contains(' ')), "{columns:?}");
        let head: usize = columns[6].parse().expect("a numeric head");
        assert!(head <= n_words && head != index + 1, "head in range: {columns:?}");
        assert_eq!(head == 0, columns[7] == "root", "{columns:?}");
        n_roots += usize::from(head == 0);
        assert!(columns[9].contains("TokenRange="), "{columns:?}");
    }
    assert_eq!(n_roots, 1, "one root: {block}");
}

#[test]
fn model_eval_ends_with_the_scores_line() {
    let output = newskg(Path::new("unused-store"), &["model", "eval", tiny_gold().to_str().unwrap()]);
    assert_ok(&output);
    let text = stdout(&output);
    let last = text.lines().last().expect("some output");
    let keys = ["upos", "xpos", "lemma", "uas", "las", "tokens_per_sec"];
    let fields: Vec<(&str, &str)> = last.split(' ').filter_map(|field| field.split_once('=')).collect();
    assert_eq!(fields.iter().map(|(key, _)| *key).collect::<Vec<_>>(), keys, "{last}");
    for (key, value) in &fields[..5] {
        assert!(value.len() == 5 && value.parse::<f64>().is_ok_and(|v| (0.0..=1.0).contains(&v)), "{key}");
    }
    assert!(fields[5].1.parse::<u64>().is_ok(), "{last}");
    assert!(last.starts_with("upos=1.000 xpos=1.000 lemma=1.000 uas=1.000 las=1.000 "), "{last}");
}

#[test]
fn segment_eval_scores_the_tokenizer() {
    let output =
        newskg(Path::new("unused-store"), &["model", "eval", "--segment", tiny_gold().to_str().unwrap()]);
    assert_ok(&output);
    let text = stdout(&output);
    let last = text.lines().last().expect("some output");
    assert!(last.contains("token_f1=1.000") && last.ends_with("sentence_f1=1.000"), "{last}");
}

#[test]
fn garbage_models_are_clear_errors() {
    let scratch = Scratch::new();
    let garbage = scratch.file("garbage.bin", b"this is not a model");
    let article = scratch.file("a.txt", b"Chile praised Peru.\n");
    let gold = tiny_gold();
    let runs = [
        vec!["model", "eval", "--model", garbage.to_str().unwrap(), gold.to_str().unwrap()],
        vec!["parse", "--model", garbage.to_str().unwrap(), article.to_str().unwrap()],
    ];
    for args in runs {
        let output = scratch.run(&args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(err.starts_with("error: model file ") && err.contains("garbage.bin"), "{err}");
        assert!(err.contains("not a newskg grammar model") && !err.contains("panicked"), "{err}");
        assert!(stdout(&output).is_empty());
    }
}

// See: issue 4 (UNER evaluation).
#[test]
fn ner_eval_ends_with_the_scores_line() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny.iob2");
    let output = newskg(Path::new("unused-store"), &["model", "eval-ner", gold.to_str().unwrap()]);
    assert_ok(&output);
    let text = stdout(&output);
    let last = text.lines().last().expect("some output");
    let fields: Vec<(&str, &str)> = last.split(' ').filter_map(|field| field.split_once('=')).collect();
    let keys: Vec<&str> = fields.iter().map(|(key, _)| *key).collect();
    assert_eq!(keys.len(), 14, "{last}");
    assert_eq!(&keys[..3], ["per_p", "per_r", "per_f1"], "{last}");
    assert_eq!(&keys[9..], ["all_p", "all_r", "all_f1", "gold", "predicted"], "{last}");
    assert!(last.contains("all_f1=1.000 gold=5 predicted=5"), "{text}");
}
