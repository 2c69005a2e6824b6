//! Filters on the network exports, checked on the example store's edge list.

use crate::util::*;

fn built() -> Scratch {
    let scratch = Scratch::new();
    let examples = examples();
    assert_ok(&scratch.run(&["build", examples.to_str().unwrap()]));
    scratch
}

/// The edge rows (`source,target,relation,…`) of `export --format csv` with `filters`.
fn edges(scratch: &Scratch, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["export", "--format", "csv"];
    args.extend_from_slice(filters);
    let output = scratch.run(&args);
    assert_ok(&output);
    let text = stdout(&output);
    let table = text.split("\nsource,target,").nth(1).unwrap_or_else(|| panic!("no edge table: {text}"));
    table.lines().skip(1).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[track_caller]
fn check(scratch: &Scratch, filters: &[&str], keeps: &[&str], drops: &[&str], all: impl Fn(&str) -> bool) {
    let rows = edges(scratch, filters);
    assert!(!rows.is_empty(), "{filters:?}: no edges");
    for wanted in keeps {
        assert!(rows.iter().any(|r| r.starts_with(wanted)), "{filters:?}: no {wanted}\n{rows:#?}");
    }
    for unwanted in drops {
        assert!(!rows.iter().any(|r| r.starts_with(unwanted)), "{filters:?}: kept {unwanted}\n{rows:#?}");
    }
    for row in &rows {
        assert!(all(row), "{filters:?}: unexpected row {row}");
    }
}

fn column(row: &str, n: usize) -> &str {
    row.split(',').nth(n).unwrap_or("")
}

#[test]
fn each_filter_narrows_the_network() {
    let s = built();
    let all = edges(&s, &[]);
    check(&s, &["--ego", "rubio"], &["ent:marco-rubio,ent:emmanuel-macron,meets"], &["ent:russia,"], |r| {
        r.contains("ent:marco-rubio")
    });
    let depth2 = edges(&s, &["--ego", "Marco Rubio", "--depth", "2"]);
    assert!(depth2.len() > edges(&s, &["--ego", "Marco Rubio"]).len() && depth2.len() < all.len());
    check(
        &s,
        &["--since", "2025-04-12", "--until", "2025-04-16"],
        &["ent:russia,ent:sumy,kills"],
        &[],
        |r| ("2025-04-12".."2025-04-17").contains(&column(r, 8)),
    );
    check(&s, &["--cameo", "19"], &["ent:russia,ent:dnipro,attacks"], &[], |r| column(r, 4) == "19");
    check(&s, &["--cameo", "04,12"], &["ent:vladimir-putin,ent:united-states,rejects"], &[], |r| {
        ["04", "12"].contains(&column(r, 4))
    });
    check(&s, &["--quad", "material-conflict,verbal-conflict"], &[], &[], |r| {
        ["3", "4"].contains(&column(r, 5))
    });
    check(
        &s,
        &["--class", "COUNTRY"],
        &["ent:ukraine,ent:united-states,meets"],
        &["ent:marco-rubio"],
        |_| true,
    );
    check(&s, &["--min-weight", "2"], &["ent:marco-rubio,ent:paris,visits"], &[], |r| {
        column(r, 6).parse::<usize>().unwrap() >= 2
    });
    check(
        &s,
        &["--collapse-to-country"],
        &["ent:united-states,ent:france,meets", "ent:united-states,ent:russia,talksWith"],
        &["ent:marco-rubio", "ent:vladimir-putin"],
        |r| column(r, 0) != column(r, 1),
    );
}

#[test]
fn an_unknown_ego_gets_the_closest_names() {
    let s = built();
    let output = s.run(&["export", "--format", "dot", "--ego", "Marco Rubbio"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("no actor is named \"Marco Rubbio\"; did you mean \"Marco Rubio\""), "{err}");
}

#[test]
fn an_empty_selection_is_a_valid_graph_with_a_warning() {
    let s = built();
    let output = s.run(&["export", "--format", "graphml", "--since", "2030-01-01"]);
    assert_ok(&output);
    assert!(stderr(&output).contains("warning: the network is empty (no events match the filters)"));
    let xml = stdout(&output);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("node")).count(), 0);
}

#[test]
fn bad_filter_values_get_clear_errors() {
    let s = built();
    for (args, message) in [
        (&["--quad", "peace"][..], "invalid value 'peace' for '--quad <QUADS>'"),
        (&["--class", "ANIMAL"][..], "invalid value 'ANIMAL' for '--class <CLASSES>'"),
        (&["--cameo", "1x"][..], "expected CAMEO event codes"),
        (&["--since", "April"][..], "expected YYYY-MM-DD"),
        (&["--depth", "2"][..], "--ego <NAME>"),
    ] {
        let mut full = vec!["export"];
        full.extend_from_slice(args);
        let output = s.run(&full);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
}
