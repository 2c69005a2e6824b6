//! Extraction cases: a short text and the edges it must (and must not) give.
//!
//! Each case is data: text, then expected `subject relation object` triples in
//! the direct-triple vocabulary. They run through the library, not the binary.

use newskg::{Document, Extractor, RuleExtractor};

#[track_caller]
fn check(text: &str, expected: &[&str], absent: &[&str]) {
    let mut doc = Document::new("case", text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 17);
    let extraction = RuleExtractor::shared().extract(&doc);
    let edges: Vec<String> = extraction
        .events
        .iter()
        .filter(|e| newskg::extract::jsonl::is_certain(e))
        .map(|e| format!("{} {} {}", e.subject, e.relation, e.object))
        .collect();
    for want in expected {
        assert!(edges.iter().any(|e| e == want), "missing {want:?}; got {edges:#?}\nin: {text}");
    }
    for unwanted in absent {
        assert!(!edges.iter().any(|e| e == unwanted), "unexpected {unwanted:?}; got {edges:#?}\nin: {text}");
    }
}

#[test]
fn purpose_clause_borrows_the_subject() {
    check(
        "U.S. Secretary of State Marco Rubio arrived in Paris on Thursday to meet French President Emmanuel Macron.",
        &["ent:marco-rubio visits ent:paris", "ent:marco-rubio meets ent:emmanuel-macron"],
        &["ent:paris meets ent:emmanuel-macron", "ent:united-states meets ent:emmanuel-macron"],
    );
}

#[test]
fn coordination_multiplies_actors() {
    check(
        "Britain and France condemned Russia and Belarus.",
        &[
            "ent:united-kingdom criticizes ent:russia",
            "ent:united-kingdom criticizes ent:belarus",
            "ent:france criticizes ent:russia",
            "ent:france criticizes ent:belarus",
        ],
        &[],
    );
}

#[test]
fn nominal_events_take_possessives_and_demonyms() {
    check("Russia's recent deadly strikes in Ukraine continued.", &["ent:russia strikes ent:ukraine"], &[]);
    check(
        "Late Wednesday, a Russian drone attack on the Ukrainian city of Dnipro killed three people.",
        &["ent:russia attacks ent:dnipro"],
        &["ent:ukraine attacks ent:dnipro"],
    );
}

#[test]
fn passives_swap_the_roles() {
    check(
        "Ukraine was attacked by Russia on Sunday.",
        &["ent:russia attacks ent:ukraine"],
        &["ent:ukraine attacks ent:russia"],
    );
}

#[test]
fn negated_events_are_not_asserted() {
    check("Germany did not meet Poland.", &[], &["ent:germany meets ent:poland"]);
}

#[test]
fn dates_resolve_against_the_article() {
    let mut doc = Document::new("case", "Witkoff said talks were held. Britain met France last Friday.");
    doc.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 17);
    let extraction = RuleExtractor::shared().extract(&doc);
    let event = extraction.events.iter().find(|e| e.subject == "ent:united-kingdom").expect("an event");
    assert_eq!(event.date.map(|d| d.to_string()).as_deref(), Some("2025-04-11"));
}

#[test]
fn roles_are_found_before_and_after_names() {
    let mut doc = Document::new(
        "case",
        "Kremlin spokesman Dmitry Peskov spoke. Keith Kellogg, U.S. President Donald Trump's special envoy to Ukraine, arrived.",
    );
    doc.date = None;
    let extraction = RuleExtractor::shared().extract(&doc);
    let roles: Vec<String> =
        extraction.roles.iter().map(|r| format!("{} {} {}", r.person, r.org, r.title)).collect();
    assert!(roles.contains(&"ent:dmitry-peskov ent:russia spokesman".to_string()), "{roles:#?}");
    assert!(roles.contains(&"ent:donald-trump ent:united-states President".to_string()), "{roles:#?}");
    assert!(
        roles.contains(&"ent:keith-kellogg ent:united-states special envoy to Ukraine".to_string()),
        "{roles:#?}"
    );
}

#[test]
fn odd_inputs_never_panic() {
    let cases = [
        "",
        ".",
        "Russia",
        "Russia's",
        "the U.S.",
        "Russian",
        "Russian forces attacked",
        "He met",
        "President",
        "Kremlin spokesman",
        "talks between",
        "was attacked by",
        "\"\"\"",
        "Israel struck Gaza, the",
        "U.S. Secretary of State",
        "Rubio and",
        "A and B met C, D and",
        "🙂 Russia 🙂 attacked 🙂 Ukraine 🙂",
        "RUSSIA ATTACKED UKRAINE",
        "on Monday, last Friday, next week, April 31, 2025",
    ];
    for text in cases {
        let mut doc = Document::new("odd", text);
        doc.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 17);
        let _ = RuleExtractor::shared().extract(&doc);
    }
}
