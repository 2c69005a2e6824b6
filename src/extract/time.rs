//! Resolves time expressions ("on Thursday", "last month", "April 13") against the article's date.
//!
//! [`find_dates`] scans a sentence for expressions that fix a day or a range
//! and resolves them. A weekday names the latest such day on or before the
//! article date ("on Sunday" in a Thursday article is four days earlier),
//! unless the event is planned, when it names the next one. "last month" and
//! "this week" give ranges. Expressions that fix nothing ("recently") are not
//! returned, so an event without one keeps an unknown date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A resolved time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span of the expression in the sentence text.
    pub start: usize,
    pub end: usize,
    /// The first day the expression covers.
    pub date: NaiveDate,
    /// The last day, for ranges such as "last month"; equal to `date` for a single day.
    pub until: NaiveDate,
    /// True when the expression is a weekday that could point forwards or backwards.
    pub weekday: bool,
}

impl DateMention {
    /// Whether the expression names exactly one day.
    pub fn is_day(&self) -> bool {
        self.date == self.until
    }
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// A word of the sentence with its byte span.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in sentence.char_indices() {
        let part_of_word = ch.is_alphanumeric();
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { text: &sentence[s..i], start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { text: &sentence[s..], start: s, end: sentence.len() });
    }
    out
}

/// Finds and resolves every date expression in `sentence`, given the article date.
///
/// `planned` makes bare weekdays point forwards ("will meet on Monday").
pub fn find_dates(sentence: &str, article_date: NaiveDate, planned: bool) -> Vec<DateMention> {
    let words = words(sentence);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((mention, used)) = match_at(&words, &lower, i, article_date, planned) {
            out.push(mention);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

fn match_at(
    words: &[Word<'_>],
    lower: &[String],
    i: usize,
    article_date: NaiveDate,
    planned: bool,
) -> Option<(DateMention, usize)> {
    let word = lower[i].as_str();
    let next = lower.get(i + 1).map(String::as_str);
    let span = |from: usize, to: usize| (words[from].start, words[to].end);
    // Relative day words.
    // "overnight" and "last night" in a report mean the night before the article's day,
    // and the event is dated by the evening it began.
    let day_offset = match word {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        "overnight" if !planned => Some(-1),
        _ => None,
    };
    if let Some(offset) = day_offset {
        let date = article_date + Duration::days(offset);
        let (start, end) = span(i, i);
        return Some((DateMention { start, end, date, until: date, weekday: false }, 1));
    }
    if word == "last" && next == Some("night") {
        let date = article_date - Duration::days(1);
        let (start, end) = span(i, i + 1);
        return Some((DateMention { start, end, date, until: date, weekday: false }, 2));
    }
    // "last week|month|year", "this week|month", "next week".
    if matches!(word, "last" | "this" | "next" | "past") {
        if let Some(unit) = next {
            if let Some((date, until)) = relative_period(word, unit, article_date) {
                let (start, end) = span(i, i + 1);
                return Some((DateMention { start, end, date, until, weekday: false }, 2));
            }
        }
    }
    // Weekdays, optionally after "last" or "next".
    if let Some(weekday) = weekday_of(word) {
        let before = if i > 0 { lower[i - 1].as_str() } else { "" };
        let forwards = before == "next" || (planned && before != "last");
        let date = if forwards {
            next_weekday(article_date, weekday)
        } else {
            previous_weekday(article_date, weekday)
        };
        let first = if matches!(before, "last" | "next" | "late" | "early") { i - 1 } else { i };
        let (start, end) = span(first, i);
        return Some((DateMention { start, end, date, until: date, weekday: true }, 1));
    }
    // "April 13", "April 13, 2025", "13 April", "13 April 2025".
    let month_day = month_of(word).zip(next.and_then(day_number));
    let day_month = day_number(word).zip(next.and_then(month_of)).map(|(day, month)| (month, day));
    let (month, day) = month_day.or(day_month)?;
    let year_word = lower.get(i + 2).and_then(|w| year_number(w));
    let year = year_word.unwrap_or_else(|| nearest_year(article_date, month, day, planned));
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let used = if year_word.is_some() { 3 } else { 2 };
    let (start, end) = span(i, i + used - 1);
    Some((DateMention { start, end, date, until: date, weekday: false }, used))
}

pub(super) fn weekday_of(word: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(name, _)| *name == word).map(|(_, day)| *day)
}

fn month_of(word: &str) -> Option<u32> {
    // "may" is a modal verb far more often than a month; accept it only capitalised,
    // which the caller cannot see here, so leave it out.
    if word == "may" || word == "mar" {
        return None;
    }
    MONTHS.iter().find(|(name, _)| *name == word).map(|(_, m)| *m)
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !suffix.is_empty() && !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2100).contains(&year)).then_some(year)
}

/// The year that puts month/day closest to the article date. News rarely looks far
/// ahead, so future dates count as further away; an event not marked as planned lies
/// at most days ahead (an announced drill, a time zone), so "the 7 October attack" in an
/// article of late September is last year's.
fn nearest_year(article_date: NaiveDate, month: u32, day: u32, planned: bool) -> i32 {
    let future_weight = |days: i64| match (planned, days) {
        (true, _) => 3,
        (false, ..=7) => 20,
        (false, _) => 1000,
    };
    let year = article_date.year();
    let candidates = [year - 1, year, year + 1];
    candidates
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day).map(|d| (y, d)))
        .min_by_key(|(_, d)| {
            let days = (*d - article_date).num_days();
            // A date in the future counts as further away than one in the past.
            if days > 0 { days * future_weight(days) } else { -days }
        })
        .map(|(y, _)| y)
        .unwrap_or(year)
}

fn previous_weekday(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    date - Duration::days(i64::from(back))
}

fn next_weekday(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

fn relative_period(which: &str, unit: &str, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match (which, unit) {
        ("last" | "past", "week") => {
            let monday = previous_weekday(date, Weekday::Mon) - Duration::days(7);
            Some((monday, monday + Duration::days(6)))
        }
        ("this", "week") => {
            let monday = previous_weekday(date, Weekday::Mon);
            Some((monday, date))
        }
        ("next", "week") => {
            let monday = next_weekday(date + Duration::days(1), Weekday::Mon);
            Some((monday, monday + Duration::days(6)))
        }
        ("last" | "past", "month") => {
            let first_this = date.with_day(1)?;
            let last_prev = first_this - Duration::days(1);
            Some((last_prev.with_day(1)?, last_prev))
        }
        ("this", "month") => Some((date.with_day(1)?, date)),
        ("last" | "past", "year") => {
            let year = date.year() - 1;
            Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
        }
        ("last", "weekend") => {
            let saturday = previous_weekday(date - Duration::days(1), Weekday::Sat);
            Some((saturday, saturday + Duration::days(1)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[track_caller]
    fn check(sentence: &str, article: &str, planned: bool, expected: &[(&str, &str)]) {
        let found: Vec<(String, String)> = find_dates(sentence, day(article), planned)
            .iter()
            .map(|m| (m.date.to_string(), m.until.to_string()))
            .collect();
        let expected: Vec<(String, String)> =
            expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(found, expected, "{sentence}");
    }

    #[test]
    fn weekdays_point_back() {
        check("Rubio arrived in Paris on Thursday", "2025-04-17", false, &[("2025-04-17", "2025-04-17")]);
        check("On Sunday, a missile killed 35", "2025-04-17", false, &[("2025-04-13", "2025-04-13")]);
        check("Late Wednesday, a drone attack", "2025-04-17", false, &[("2025-04-16", "2025-04-16")]);
        check("talks in Saint Petersburg last Friday", "2025-04-17", false, &[("2025-04-11", "2025-04-11")]);
    }

    #[test]
    fn overnight_and_last_night_are_the_evening_before() {
        check("a wave of overnight airstrikes", "2024-09-28", false, &[("2024-09-27", "2024-09-27")]);
        check("Drones struck Kyiv last night", "2024-09-28", false, &[("2024-09-27", "2024-09-27")]);
        // A planned overnight operation is not dated by this rule.
        check("troops will move overnight", "2024-09-28", true, &[]);
    }

    #[test]
    fn planned_weekdays_point_forward() {
        check("Another round is scheduled for Saturday", "2025-04-17", true, &[("2025-04-19", "2025-04-19")]);
        check("They will meet next Monday", "2025-04-17", false, &[("2025-04-21", "2025-04-21")]);
    }

    #[test]
    fn ranges() {
        check("Putin last month rejected a proposal", "2025-04-17", false, &[("2025-03-01", "2025-03-31")]);
        check("Witkoff said this week", "2025-04-17", false, &[("2025-04-14", "2025-04-17")]);
    }

    #[test]
    fn explicit_dates() {
        check("on April 13, 2025, it said", "2025-04-17", false, &[("2025-04-13", "2025-04-13")]);
        check("on 3 December", "2026-01-02", false, &[("2025-12-03", "2025-12-03")]);
        check("signed on Oct. 5th", "2025-10-20", false, &[("2025-10-05", "2025-10-05")]);
    }

    #[test]
    fn nothing_to_resolve() {
        check("The talks may resume soon", "2025-04-17", false, &[]);
        check("", "2025-04-17", false, &[]);
    }
}
