//! Bad inputs are reported as FILE:LINE and skipped; the rest of the batch is stored.

use crate::util::*;

#[test]
fn bad_articles_are_reported_and_skipped() {
    let scratch = Scratch::new();
    scratch.file("in/good.txt", b"date 2024-01-02 Good\n\nPoland criticized Belarus on Monday.\n");
    scratch.file(
        "in/feed.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Chile praised Peru.\"}\n{\"id\": broken\n{\"id\":\"nobody\",\"title\":\"x\"}\n",
    );
    scratch.file("in/latin1.txt", b"date 2024-01-02 Caf\xe9\n\nFrance met Spain.\n");
    scratch.file("in/empty.txt", b"  \n");
    scratch.file("in/title-only.txt", b"date 2024-01-02 Only a title\n\n");
    let folder = scratch.dir.path().join("in");
    let missing = scratch.dir.path().join("does-not-exist.txt");
    let output = scratch.run(&["build", folder.to_str().unwrap(), missing.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(1), "skipping must give a non-zero status");
    let err = stderr(&output);
    let expect = [
        "feed.jsonl:2: malformed JSON",
        "feed.jsonl:3: article has no body",
        "latin1.txt:1: not UTF-8 text",
        "empty.txt: empty file",
        "title-only.txt: article has no body",
        "does-not-exist.txt: cannot read file",
    ];
    for needle in expect {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("built 2 articles"), "{err}");
    let ask = "ASK { ent:poland nkg:criticizes ent:belarus }";
    assert_eq!(stdout(&scratch.run(&["query", ask, "--format", "table"])).trim(), "true");
}

#[test]
fn malformed_sparql_exits_with_status_2() {
    let scratch = Scratch::new();
    scratch.file("a.txt", b"France met Spain.\n");
    assert_ok(&scratch.run(&["build", scratch.dir.path().join("a.txt").to_str().unwrap()]));
    let output = scratch.run(&["query", "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("malformed SPARQL query"), "{err}");
    assert!(err.contains("1:") || err.contains("line"), "the error gives a position: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_folder_that_is_not_a_store_is_refused() {
    let scratch = Scratch::new();
    scratch.file("notes/todo.txt", b"not a database");
    let folder = scratch.dir.path().join("notes");
    let output = newskg(&folder, &["stats"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is not a newskg store"), "{}", stderr(&output));
    // Building into it is refused too, and leaves the folder as it was.
    let article = scratch.file("a.txt", b"France met Spain.\n");
    let output = newskg(&folder, &["build", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}

#[test]
fn a_missing_store_is_explained() {
    let scratch = Scratch::new();
    let output = scratch.run(&["query", "ASK {}"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("run `newskg build` first"), "{}", stderr(&output));
}

#[test]
fn a_locked_store_is_explained() {
    let scratch = Scratch::new();
    let article = scratch.file("a.txt", b"France met Spain.\n");
    assert_ok(&scratch.run(&["build", article.to_str().unwrap()]));
    // This test process holds the store open, as a running build or server would.
    let held = newskg::GraphStore::open(&scratch.store(), false).unwrap();
    let output = scratch.run(&["build", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is locked by another process"), "{}", stderr(&output));
    drop(held);
    assert_ok(&scratch.run(&["stats"]));
}
