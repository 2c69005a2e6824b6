//! The main path: build the examples, query them, rebuild, replace an article.

use crate::util::*;

#[test]
fn build_then_meetings_lists_rubio_and_macron() {
    let scratch = Scratch::new();
    let examples = examples();
    let output = scratch.run(&["build", examples.to_str().unwrap()]);
    assert_ok(&output);
    assert!(stderr(&output).contains("built 6 articles"), "{}", stderr(&output));

    let meetings = query_file("meetings.rq");
    let output = scratch.run(&["query", "--file", meetings.to_str().unwrap(), "--format", "csv"]);
    assert_ok(&output);
    let text = stdout(&output);
    let row = text
        .lines()
        .find(|l| l.contains("Marco Rubio") && l.contains("Emmanuel Macron"))
        .unwrap_or_else(|| panic!("no Rubio–Macron row in:\n{text}"));
    assert!(row.contains("2025-04-17"), "{row}");
    assert!(row.contains("seed-rubio-paris"), "{row}");
}

#[test]
fn building_twice_changes_nothing() {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    let first = scratch.quad_count();
    let output = scratch.run(&["build", examples.to_str().unwrap()]);
    assert_ok(&output);
    assert!(stderr(&output).contains("0 new or changed, 6 unchanged"), "{}", stderr(&output));
    assert_eq!(scratch.quad_count(), first);
    // Forcing re-extraction replaces each graph with the same content.
    assert_ok(&scratch.run(&["build", "--force", examples.to_str().unwrap()]));
    assert_eq!(scratch.quad_count(), first);
}

#[test]
fn a_changed_article_replaces_the_old_version() {
    let scratch = Scratch::new();
    let article =
        scratch.file("inputs/a1.txt", b"date 2024-05-01 Talks\n\nFrance met Germany in Paris on Monday.\n");
    assert_ok(&scratch.run(&["build", article.to_str().unwrap()]));
    let ask = "ASK { ent:france nkg:meets ent:germany }";
    assert_eq!(stdout(&scratch.run(&["query", ask, "--format", "table"])).trim(), "true");

    std::fs::write(&article, "date 2024-05-02 Talks\n\nFrance met Italy in Rome on Monday.\n").unwrap();
    let output = scratch.run(&["build", article.to_str().unwrap()]);
    assert_ok(&output);
    assert!(stderr(&output).contains("1 new or changed"), "{}", stderr(&output));
    assert_eq!(stdout(&scratch.run(&["query", ask, "--format", "table"])).trim(), "false");
    let ask_italy = "ASK { ent:france nkg:meets ent:italy }";
    assert_eq!(stdout(&scratch.run(&["query", ask_italy, "--format", "table"])).trim(), "true");
}

#[test]
fn stdin_and_jsonl_inputs_are_read() {
    let scratch = Scratch::new();
    let jsonl = scratch.file(
        "in.jsonl",
        br#"{"id":"x1","date":"2024-03-03","text":"Japan praised South Korea on Sunday."}
{"id":"x2","body":"Brazil criticized Argentina.","published":"2024-03-04T10:00:00Z"}
"#,
    );
    let output = scratch.run(&["extract", jsonl.to_str().unwrap()]);
    assert_ok(&output);
    let text = stdout(&output);
    assert!(text.contains(r#""doc":"x1""#) && text.contains(r#""doc":"x2""#), "{text}");
    assert!(text.contains(r#""subject":"ent:japan""#), "{text}");
}

#[test]
fn select_results_come_in_standard_formats() {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    let query = "SELECT ?label WHERE { ent:russia rdfs:label ?label } LIMIT 1";
    for (format, needle) in [
        ("json", r#""label""#),
        ("xml", "<sparql"),
        ("csv", "label\r\nRussia"),
        ("tsv", "?label\n\"Russia\""),
        ("table", "Russia"),
    ] {
        let output = scratch.run(&["query", query, "--format", format]);
        assert_ok(&output);
        assert!(stdout(&output).contains(needle), "{format}: {}", stdout(&output));
    }
    let construct = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 3";
    let output = scratch.run(&["query", construct, "--format", "turtle"]);
    assert_ok(&output);
    assert!(stdout(&output).contains("rdfs:label"), "{}", stdout(&output));
}

#[test]
fn stats_counts_articles_and_events() {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    let output = scratch.run(&["stats"]);
    assert_ok(&output);
    let text = stdout(&output);
    assert!(text.contains("articles: 6"), "{text}");
    assert!(text.contains("Person") && text.contains("Country"), "{text}");
    assert!(text.contains("04"), "{text}");
}

#[test]
fn facts_reported_twice_are_one_triple_until_no_article_supports_them() {
    let scratch = Scratch::new();
    let a = scratch.file("in/a.txt", b"date 2024-05-01 A\n\nFrance met Germany on Monday.\n");
    let b = scratch.file("in/b.txt", b"date 2024-05-02 B\n\nFrance met Germany again.\n");
    let folder = scratch.dir.path().join("in");
    assert_ok(&scratch.run(&["build", folder.to_str().unwrap()]));
    let count = |scratch: &Scratch, query: &str| -> String {
        let output = scratch.run(&["query", query, "--format", "csv"]);
        assert_ok(&output);
        stdout(&output).lines().nth(1).unwrap_or("").to_string()
    };
    let triples = "SELECT (COUNT(*) AS ?n) WHERE { ent:france nkg:meets ent:germany }";
    let labels = "SELECT (COUNT(*) AS ?n) WHERE { ent:france rdfs:label ?l }";
    let events = "SELECT (COUNT(*) AS ?n) WHERE { ?e nkg:actor ent:france ; nkg:target ent:germany }";
    assert_eq!(count(&scratch, triples), "1");
    assert_eq!(count(&scratch, labels), "1");
    assert_eq!(count(&scratch, events), "2");

    // One article changes: the other still supports the triple.
    std::fs::write(&a, "date 2024-05-01 A\n\nFrance met Spain on Monday.\n").unwrap();
    assert_ok(&scratch.run(&["build", folder.to_str().unwrap()]));
    assert_eq!(count(&scratch, triples), "1");
    assert_eq!(count(&scratch, events), "1");

    // Now neither does.
    std::fs::write(&b, "date 2024-05-02 B\n\nFrance met Italy again.\n").unwrap();
    assert_ok(&scratch.run(&["build", folder.to_str().unwrap()]));
    assert_eq!(count(&scratch, triples), "0");
    assert_eq!(count(&scratch, events), "0");
}

#[test]
fn one_happening_reported_by_two_articles_is_one_occurrence_with_two_sources() {
    let scratch = Scratch::new();
    // Both articles date the strike to Friday 2024-05-03; the third strike is another day.
    scratch.file(
        "in/a.txt",
        b"date 2024-05-04 A\n\nRussia struck Kharkiv on Friday, killing at least 7 people.\n",
    );
    scratch.file("in/b.txt", b"date 2024-05-05 B\n\nOn Friday, Russia struck Kharkiv again.\n");
    scratch.file("in/c.txt", b"date 2024-05-05 C\n\nRussia struck Kharkiv on Sunday.\n");
    let folder = scratch.dir.path().join("in");
    assert_ok(&scratch.run(&["build", folder.to_str().unwrap()]));
    let query = "SELECT ?date (COUNT(DISTINCT ?article) AS ?sources) (MAX(?dead) AS ?killed) WHERE {
        ?e nkg:occurrence ?o ; nkg:actor ent:russia ; nkg:target ent:kharkiv ;
           nkg:eventDate ?date ; nkg:sourceArticle ?article .
        OPTIONAL { ?e nkg:dead ?stated } BIND(COALESCE(?stated, 0) AS ?dead) } GROUP BY ?o ?date ORDER BY ?date";
    let output = scratch.run(&["query", query, "--format", "csv"]);
    assert_ok(&output);
    let rows: Vec<String> = stdout(&output).lines().skip(1).map(|l| l.trim().to_string()).collect();
    assert_eq!(rows, ["2024-05-03,2,7", "2024-05-05,1,0"], "{}", stdout(&output));

    // The shipped query over the same store puts the twice-reported strike first.
    let output = scratch.run(&[
        "query",
        "--file",
        query_file("most-reported.rq").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_ok(&output);
    let first = stdout(&output).lines().nth(1).unwrap_or("").to_string();
    assert!(first.starts_with("Russia,strike,Kharkiv,2024-05-03,2,2"), "{first}");
}

#[test]
fn groups_are_built_queried_and_drawn_when_asked_for() {
    let scratch = Scratch::new();
    let article = scratch.file(
        "rebels.txt",
        b"date 2024-05-05 Rebels shell a town\nSudanese rebels shelled the town of Kadugli on Sunday, killing four people.\n",
    );
    let path = article.to_str().unwrap();
    // `extract` says which actors it looks for; the default has no groups.
    let named = stdout(&scratch.run(&["extract", path]));
    assert!(!named.contains(r#""class":"GROUP""#), "{named}");
    let grouped = scratch.run(&["extract", "--actors", "groups", path]);
    assert_ok(&grouped);
    let grouped = stdout(&grouped);
    assert!(grouped.contains(r#""class":"GROUP""#) && grouped.contains(r#""code":"SDNREB""#), "{grouped}");

    assert_ok(&scratch.run(&["build", "--actors", "groups", path]));
    let query = "SELECT ?code WHERE { ?g a nkg:Group ; nkg:cameoActorCode ?code . ?e nkg:actor ?g }";
    let output = scratch.run(&["query", query, "--format", "tsv"]);
    assert_ok(&output);
    assert!(stdout(&output).contains("SDNREB"), "{}", stdout(&output));
    let dot = scratch.run(&["export", "--format", "dot"]);
    assert_ok(&dot);
    assert!(stdout(&dot).contains("Sudan rebels") && stdout(&dot).contains("octagon"), "{}", stdout(&dot));
}
