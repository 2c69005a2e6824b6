//! Reads casualty counts from a sentence: "killed at least 35 people", "12 were wounded".
//!
//! Violent events (CAMEO 18–20) carry the counts stated in their sentence as
//! attributes: how many died and how many were injured, and whether the number
//! is a lower bound ("at least", "more than"). A count is read only next to a
//! word of dying or wounding, in either order ("killing 35", "35 people were
//! killed", "the death toll rose to 35"); a number elsewhere in the sentence
//! (a date, a distance, an amount) is never taken for one. Scanning is linear
//! in the sentence length.

use serde::Serialize;

/// Casualty counts stated for one event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Casualties {
    /// People killed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead: Option<u32>,
    /// People injured or wounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
    /// The counts are lower bounds ("at least 35", "more than 100").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
}

impl Casualties {
    /// Whether the sentence stated no count.
    pub fn is_empty(&self) -> bool {
        self.dead.is_none() && self.injured.is_none()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Harm {
    Dead,
    Injured,
}

/// Words of dying or wounding, as they appear in news.
fn harm_of(word: &str) -> Option<Harm> {
    match word {
        "killed" | "killing" | "kills" | "kill" | "dead" | "died" | "deaths" | "death" | "fatalities" => {
            Some(Harm::Dead)
        }
        "wounded" | "wounding" | "injured" | "injuring" | "injuries" | "hurt" => Some(Harm::Injured),
        _ => None,
    }
}

/// Words between a number and its harm word that do not break the link:
/// "35 people were killed", "12 Ukrainian soldiers have been wounded".
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "civilians"
            | "soldiers"
            | "troops"
            | "children"
            | "others"
            | "were"
            | "was"
            | "have"
            | "has"
            | "had"
            | "been"
            | "are"
            | "being"
            | "reportedly"
            | "and"
            | "women"
            | "men"
            | "fighters"
            | "militants"
            | "police"
            | "officers"
            | "residents"
            | "workers"
            | "of"
            | "them"
    ) || word.chars().next().is_some_and(char::is_uppercase)
}

/// Words between a harm word and its count: "killed at least 35", "the toll rose to 35".
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "about", "almost", "around", "at", "climbed", "least", "more", "nearly", "of", "over",
    "reached", "risen", "rose", "some", "than", "to",
];

/// Reads the casualty counts of `sentence`.
pub fn find_casualties(sentence: &str) -> Casualties {
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ';' | ':' | '"' | '“' | '”'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ',' | '!' | '?' | '\'' | '’')))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut out = Casualties::default();
    for (i, word) in lower.iter().enumerate() {
        let Some(count) = number(word) else { continue };
        let at_least = i >= 2
            && matches!((lower[i - 2].as_str(), lower[i - 1].as_str()), ("at", "least") | ("more", "than"))
            || i >= 1 && matches!(lower[i - 1].as_str(), "over" | "least");
        // "killing 35", "killed at least 35 people", "the death toll rose to 35"
        let mut before = None;
        for back in 1..=4 {
            let Some(k) = i.checked_sub(back) else { break };
            let w = lower[k].as_str();
            if w == "toll" {
                before = Some(Harm::Dead);
                break;
            }
            if let Some(harm) = harm_of(w) {
                before = Some(harm);
                break;
            }
            if !QUALIFIERS.contains(&w) {
                break;
            }
        }
        // "35 people were killed", "12 wounded"
        let after = || {
            let mut k = i + 1;
            while k < lower.len() && k <= i + 5 {
                if let Some(harm) = harm_of(&lower[k]) {
                    return Some(harm);
                }
                if !is_filler(&lower[k]) && !is_filler(words[k]) {
                    return None;
                }
                k += 1;
            }
            None
        };
        let Some(harm) = before.or_else(after) else { continue };
        let slot = match harm {
            Harm::Dead => &mut out.dead,
            Harm::Injured => &mut out.injured,
        };
        if slot.is_none() {
            *slot = Some(count);
            out.at_least |= at_least;
        }
    }
    out
}

/// A count in digits ("35", "1,200") or words ("three", "twenty").
fn number(word: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    let tens = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = tens.iter().position(|w| *w == word) {
        return u32::try_from(30 + 10 * n).ok();
    }
    let digits: String = word.chars().filter(|c| *c != ',').collect();
    let groups_ok = word.split(',').skip(1).all(|g| g.len() == 3);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || !groups_ok || digits.len() > 7 {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dead, injured, and whether they are lower bounds.
    type Read = (Option<u32>, Option<u32>, bool);

    fn read(sentence: &str) -> Read {
        let c = find_casualties(sentence);
        (c.dead, c.injured, c.at_least)
    }

    #[test]
    fn counts_in_either_order() {
        let cases: &[(&str, Read)] = &[
            ("A Russian missile strike killed at least 35 people in Sumy.", (Some(35), None, true)),
            ("The attack killed three people and wounded 12 others.", (Some(3), Some(12), false)),
            ("At least 1,200 people were killed, officials said.", (Some(1200), None, true)),
            ("The death toll rose to 51 on Monday.", (Some(51), None, false)),
            ("Five soldiers were wounded in the shelling.", (None, Some(5), false)),
            ("More than 100 civilians have been killed.", (Some(100), None, true)),
        ];
        for (sentence, want) in cases {
            assert_eq!(read(sentence), *want, "{sentence}");
        }
    }

    #[test]
    fn other_numbers_are_not_casualties() {
        for sentence in [
            "On March 13 Russia struck Kyiv with 40 drones.",
            "The 2022 invasion killed civilians.",
            "Troops advanced 12 kilometres.",
            "It cost $50,000.",
            "",
            "killed",
        ] {
            assert_eq!(read(sentence), (None, None, false), "{sentence}");
        }
    }
}
