//! Finds people's positions: "U.S. Secretary of State Marco Rubio", "Keith Kellogg, Trump's special envoy to Ukraine".
//!
//! A title is a run of title words ending in a head word (minister, envoy,
//! spokesman...). Its organisation is the country, demonym, seat of
//! government or organisation just before it, or a possessive ("France's",
//! "Trump's", taking the person's own country). Three shapes are read: title
//! before the name, the name followed by a title in commas, and a title
//! followed by the name in commas. Mentions used to qualify a title are marked
//! as modifiers, and appositions are returned so that event finding skips them.
//! A title with no organisation of its own ("President Nicolas Maduro") takes
//! the person's country from the Phoenix dictionaries at the article's date,
//! else the article's main country. People's CAMEO codes are set here too.

use std::ops::Range;

use chrono::NaiveDate;

use super::gazetteer::{Gazetteer, slug};
use super::mentions::{GOVERNMENT_NOUNS, Mention, MentionKind, Mentions, Text, is_title_head, is_title_word};
use super::{EntityClass, Role};

/// Roles found in an article, and the token spans of appositions that describe a person.
#[derive(Debug, Default)]
pub struct RoleFinding {
    pub roles: Vec<Role>,
    pub appositions: Vec<Range<usize>>,
    /// The entity index of the country the article is mostly about, if one stands out.
    pub main_country: Option<usize>,
}

/// Gives each person the Phoenix dictionary knows by full name its CAMEO code and country.
/// A lone surname after a title ("President Mugabe") is first completed to the full name
/// of the one office holder of that name on the article's date.
fn assign_dictionary_codes(
    text: &Text<'_>,
    mentions: &mut Mentions,
    gazetteer: &Gazetteer,
    date: Option<NaiveDate>,
) {
    // Only a lone surname is completed, so only its stated country is needed.
    let stated_countries: Vec<Option<String>> = (0..mentions.entities.len())
        .map(|idx| {
            let entity = &mentions.entities[idx];
            let lone_surname = entity.class == EntityClass::Person && !entity.label.contains(' ');
            lone_surname.then(|| stated_country(text, mentions, idx)).flatten()
        })
        .collect();
    for (idx, entity) in mentions.entities.iter_mut().enumerate() {
        if entity.class != EntityClass::Person || entity.cameo.is_some() {
            continue;
        }
        // A title before the name, or a government after it ("the Biden administration"),
        // says the person holds office.
        let titled = || {
            mentions.mentions.iter().any(|m| {
                m.entity == idx
                    && m.kind == MentionKind::Name
                    && (m.start > 0 && is_title_word(text.low(m.start - 1))
                        || GOVERNMENT_NOUNS.contains(&text.low(m.end)))
            })
        };
        // "King Hassan of Morocco" is not a Somali president named Hassan: the holder's
        // country must not contradict the country the article gives the title.
        let holder_country = |full: &str| {
            let code = gazetteer.person_code(full, date)?;
            let country = gazetteer.country_by_cameo(code.get(..3)?)?;
            gazetteer.entries[country].country.clone()
        };
        let stated = &stated_countries[idx];
        if !entity.label.contains(' ')
            && let Some(full) = date.and_then(|d| gazetteer.office_holder_by_surname(&entity.label, d))
            && titled()
            && (stated.is_none() || holder_country(full) == *stated)
        {
            entity.id = format!("ent:{}", slug(full));
            entity.label = full.to_string();
            entity.aliases.insert(0, full.to_string());
        }
        let Some(code) = gazetteer.person_code(&entity.label, date) else { continue };
        let country = code.get(..3).and_then(|c| gazetteer.country_by_cameo(c));
        entity.country = country.and_then(|c| gazetteer.entries[c].country.clone());
        entity.cameo = Some(code.to_string());
    }
}

/// Makes "the Biden administration" and "the Assad regime" their country (GUIDELINES
/// section 1: a state's government is the COUNTRY), for every person whose country the
/// dictionaries or a title gave. The name then only qualifies the noun, which becomes a
/// mention of the country; "Trump's administration" reads the same way.
pub fn resolve_leaders_governments(text: &Text<'_>, mentions: &mut Mentions, gazetteer: &Gazetteer) {
    let mut added = Vec::new();
    for m in 0..mentions.mentions.len() {
        let mention = &mentions.mentions[m];
        let person = &mentions.entities[mention.entity];
        if person.class != EntityClass::Person || mention.kind != MentionKind::Name {
            continue;
        }
        let mut noun = mention.end;
        if matches!(text.low(noun), "'s" | "’s") {
            noun += 1;
        }
        if !GOVERNMENT_NOUNS.contains(&text.low(noun)) || mentions.at(noun).is_some() {
            continue;
        }
        let Some(alpha3) = person.country.clone() else { continue };
        let Some(country) = mentions.country_entity_or_add(gazetteer, &alpha3) else { continue };
        mentions.mentions[m].modifier = true;
        added.push(Mention {
            start: noun,
            end: noun + 1,
            entity: country,
            kind: MentionKind::Description,
            modifier: false,
        });
    }
    mentions.mentions.extend(added);
    mentions.mentions.sort_by_key(|m| (m.start, m.end));
}

/// The country an article states for a person's title: "King Hassan of Morocco",
/// "Moroccan King Hassan", "Morocco's King Hassan" (ISO alpha-3).
fn stated_country(text: &Text<'_>, mentions: &Mentions, entity: usize) -> Option<String> {
    let country_at = |k: usize| {
        let m = mentions.at(k)?;
        let e = &mentions.entities[mentions.mentions[m].entity];
        (e.class == EntityClass::Country).then(|| e.country.clone()).flatten()
    };
    mentions.mentions.iter().filter(|m| m.entity == entity && m.kind == MentionKind::Name).find_map(|m| {
        let after = (text.low(m.end) == "of").then(|| country_at(m.end + 1)).flatten();
        let mut k = m.start;
        while k > 0 && (is_title_word(text.low(k - 1)) || matches!(text.low(k - 1), "'s" | "’s")) {
            k -= 1;
        }
        let before = (k > 0 && k < m.start).then(|| country_at(k - 1)).flatten();
        after.or(before)
    })
}

/// The country named most often, when it is named at least twice and more often than any other.
fn main_country(mentions: &Mentions) -> Option<usize> {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for m in mentions
        .mentions
        .iter()
        .filter(|m| !matches!(m.kind, MentionKind::Pronoun | MentionKind::Description))
    {
        if mentions.entities[m.entity].class == EntityClass::Country {
            *counts.entry(m.entity).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(e, n)| (n, e)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked[..] {
        [(n, e)] if n >= 2 => Some(e),
        [(n, e), (second, _), ..] if n >= 2 && n > second => Some(e),
        _ => None,
    }
}

/// Finds roles around every person mention, marking qualifying mentions as modifiers.
pub fn find_roles(
    text: &Text<'_>,
    mentions: &mut Mentions,
    gazetteer: &Gazetteer,
    date: Option<NaiveDate>,
) -> RoleFinding {
    assign_dictionary_codes(text, mentions, gazetteer, date);
    let main_country = main_country(mentions);
    let mut found = RoleFinding { main_country, ..RoleFinding::default() };
    let persons: Vec<usize> = (0..mentions.mentions.len())
        .filter(|&m| {
            mentions.mentions[m].kind == MentionKind::Name && mentions.class(m) == EntityClass::Person
        })
        .collect();
    // Titles before names come first, so that "Trump's special envoy" can use
    // the country of "U.S. President Donald Trump" named later in the article.
    for &m in &persons {
        title_before_name(text, mentions, m, &mut found);
    }
    assign_countries(mentions, &found.roles);
    for &m in &persons {
        title_after_name(text, mentions, m, &mut found);
    }
    assign_countries(mentions, &found.roles);
    assign_nationalities(text, mentions, &persons);
    found
}

/// A person with no country yet takes the one a demonym gives them before a plain
/// description: "suspected British militant Haroon Rashid Aswad", "Saudi businessman
/// Khalid Ali". This is nationality, not a position, so no role is made.
fn assign_nationalities(text: &Text<'_>, mentions: &mut Mentions, persons: &[usize]) {
    for &m in persons {
        let entity = mentions.mentions[m].entity;
        if mentions.entities[entity].country.is_some() {
            continue;
        }
        let mut k = mentions.mentions[m].start;
        let mut described = 0;
        while k > 0
            && described < 3
            && matches!(text.tag(k - 1), "NN" | "JJ" | "VBN")
            && !is_title_word(text.low(k - 1))
            && mentions.at(k - 1).is_none()
        {
            k -= 1;
            described += 1;
        }
        if described == 0 || k == 0 {
            continue;
        }
        let Some(d) = mentions.ending_at(k) else { continue };
        let demonym = &mentions.mentions[d];
        let nation = &mentions.entities[demonym.entity];
        if demonym.kind == MentionKind::Demonym && nation.class == EntityClass::Country {
            let country = nation.country.clone();
            mentions.entities[entity].country = country;
        }
    }
    for &m in persons {
        let entity = mentions.mentions[m].entity;
        if mentions.entities[entity].country.is_none() {
            let country = nationality_in_apposition(text, mentions, m);
            mentions.entities[entity].country = country;
        }
    }
}

/// The nationality a description in commas gives a person: "Salaheddine Sidhoum,
/// Algeria's leading human rights activist," or "A member of the Syrian parliament,
/// Mohammed Mamoun,". The description is a short noun phrase (no verb, no other person)
/// naming one country by a demonym or a possessive.
fn nationality_in_apposition(text: &Text<'_>, mentions: &Mentions, m: usize) -> Option<String> {
    let (start, end) = (mentions.mentions[m].start, mentions.mentions[m].end);
    let sentence = &text.sentences[text.sentence_of[start]].tokens;
    let after = (end < sentence.end && text.words[end] == ",").then(|| {
        let close =
            (end + 1..sentence.end).find(|&k| matches!(text.words[k], "," | ".")).unwrap_or(sentence.end);
        end + 1..close
    });
    // Before the name, the description must open the sentence.
    let before = (start > sentence.start + 1 && text.words[start - 1] == ",")
        .then(|| sentence.start..start - 1)
        .filter(|span| !span.clone().any(|k| text.words[k] == ","));
    [after, before].into_iter().flatten().find_map(|span| {
        let short = (2..=10).contains(&span.len());
        let nominal =
            span.clone().all(|k| !text.tag(k).starts_with("VB") || matches!(text.tag(k), "VBN" | "VBG"));
        if !short
            || !nominal
            || !matches!(text.low(span.start), "a" | "an" | "the") && mentions.at(span.start).is_none()
        {
            return None;
        }
        let mut countries = span.clone().filter_map(|k| {
            let n = mentions.at(k).filter(|&n| mentions.mentions[n].start == k)?;
            let mention = &mentions.mentions[n];
            let possessive = matches!(text.words.get(mention.end).copied(), Some("'s" | "’s"));
            let nation = &mentions.entities[mention.entity];
            match nation.class {
                EntityClass::Person => Some(None),
                EntityClass::Country if mention.kind == MentionKind::Demonym || possessive => {
                    Some(nation.country.clone())
                }
                _ => None,
            }
        });
        let country = countries.next()??;
        countries.next().is_none().then_some(country)
    })
}

/// A person's country and CAMEO code come from their first role, unless the
/// dictionaries gave them already: the country's code plus the sector the title
/// names ("Kremlin spokesman" → RUSGOV, "General" → MIL), or the organisation's code.
fn assign_countries(mentions: &mut Mentions, roles: &[Role]) {
    for role in roles {
        let Some(person) = mentions.entities.iter().position(|e| e.id == role.person) else { continue };
        let Some(org) = mentions.entities.iter().find(|e| e.id == role.org) else { continue };
        let org_country = org.country.clone();
        let code = match (org.class, &org.cameo) {
            (EntityClass::Country, Some(country)) => Some(format!("{country}{}", sector(&role.title))),
            (_, Some(code)) => Some(code.clone()),
            _ => None,
        };
        let entity = &mut mentions.entities[person];
        if entity.country.is_none() {
            entity.country = org_country;
        }
        if entity.cameo.is_none() {
            entity.cameo = code;
        }
    }
}

/// The CAMEO sector of a title: MIL for officers, JUD for judges, LEG for lawmakers,
/// OPP for the opposition, ELI for former office holders, GOV otherwise (defence
/// ministers included, as CAMEO codes them).
fn sector(title: &str) -> &'static str {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split([' ', '-']).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&["former", "ex", "then"]) {
        "ELI"
    } else if has(&["opposition"]) {
        "OPP"
    } else if has(&[
        "minister",
        "ministry",
        "secretary",
        "president",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    ]) {
        "GOV"
    } else if has(&[
        "general",
        "gen.",
        "gen",
        "admiral",
        "adm.",
        "colonel",
        "col.",
        "commander",
        "captain",
        "capt.",
        "lt.",
        "maj.",
        "army",
        "military",
    ]) {
        "MIL"
    } else if has(&["judge", "prosecutor", "justice"]) {
        "JUD"
    } else if has(&[
        "lawmaker",
        "senator",
        "sen.",
        "congressman",
        "congresswoman",
        "representative",
        "rep.",
        "speaker",
    ]) {
        "LEG"
    } else {
        "GOV"
    }
}

/// Title heads that name a country's leader ("the Kremlin chief", "the French president").
const LEADER_WORDS: &[&str] =
    &["chancellor", "chief", "emir", "king", "leader", "premier", "president", "prime"];

/// Resolves descriptions such as "the Kremlin chief" or "the French president" to the
/// person the article names as that country's leader; the country becomes a modifier.
pub fn resolve_descriptions(text: &Text<'_>, mentions: &mut Mentions, roles: &[Role]) {
    for m in 0..mentions.mentions.len() {
        let mention = mentions.mentions[m].clone();
        let country = &mentions.entities[mention.entity];
        if country.class != EntityClass::Country || mention.kind == MentionKind::Pronoun {
            continue;
        }
        let mut end = mention.end;
        if matches!(text.low(end), "'s" | "’s") {
            end += 1;
        }
        let title_start = end;
        while is_title_word(text.low(end)) {
            end += 1;
        }
        let title: Vec<&str> = (title_start..end).map(|k| text.low(k)).collect();
        if !title.iter().any(|w| LEADER_WORDS.contains(w)) {
            continue;
        }
        // "Russian President Vladimir Putin" names the person itself: not a description.
        if mentions.at(end).is_some()
            || text.is_capitalised(end) && !text.low(end).ends_with('.') && text.words[end].len() > 1
        {
            continue;
        }
        let leader = roles.iter().find(|r| r.org == country.id && is_leader_title(&r.title));
        let person = match leader {
            Some(leader) => mentions.entities.iter().position(|e| e.id == leader.person),
            None => sole_office_holder(mentions, roles, mention.entity),
        };
        let Some(person) = person else { continue };
        let surface = text.text[text.tokens[mention.start].start..text.tokens[end - 1].end].to_string();
        let entity = &mut mentions.entities[person];
        if !entity.aliases.contains(&surface) {
            entity.aliases.push(surface);
        }
        let target = &mut mentions.mentions[m];
        target.entity = person;
        target.end = end;
        target.kind = MentionKind::Description;
    }
}

/// How many sentences back "the minister" may refer to the person named with that title.
const TITLE_REFERENCE_SENTENCES: usize = 3;

/// Resolves a title used alone, "the minister", "the general", "the prime minister", to
/// the person named last with that title in the sentences just before: news names a
/// person once with the title and then refers back by the title. Every word of the
/// description must be in the person's title, so "the prime minister" is not the foreign
/// minister. A title followed by "of" or by a name is not a reference back ("the president
/// of Brazil", "the minister Sergei Lavrov").
pub fn resolve_titles(text: &Text<'_>, mentions: &mut Mentions, roles: &[Role]) {
    mentions.mentions.sort_by_key(|m| (m.start, m.end));
    // Each role's title in lowercase words, abbreviations spelled out.
    let titles: Vec<(&str, Vec<String>)> = roles
        .iter()
        .map(|r| {
            let words = r.title.split(' ').map(|w| full_title_word(&w.to_lowercase()).to_string()).collect();
            (r.person.as_str(), words)
        })
        .collect();
    let mut added = Vec::new();
    for start in 1..text.words.len() {
        if text.low(start - 1) != "the" || mentions.at(start).is_some() {
            continue;
        }
        let mut end = start;
        while end < text.words.len() && is_title_word(text.low(end)) {
            end += 1;
        }
        if end == start || !is_title_head(text.low(end - 1)) {
            continue;
        }
        let sentence = text.sentence_of[start];
        let same_sentence = |k: usize| k < text.words.len() && text.sentence_of[k] == sentence;
        let names_next = mentions.at(end).is_some() || same_sentence(end) && text.is_capitalised(end);
        if names_next || matches!(text.low(end), "of" | "for" | "'s" | "’s") {
            continue;
        }
        let words: Vec<&str> = (start..end).map(|k| full_title_word(text.low(k))).collect();
        let holds_title = |entity: usize| {
            let id = mentions.entities[entity].id.as_str();
            titles
                .iter()
                .any(|(person, title)| *person == id && words.iter().all(|w| title.iter().any(|t| t == w)))
        };
        let person = mentions
            .mentions
            .iter()
            .filter(|m| m.end < start && m.kind != MentionKind::Pronoun)
            .filter(|m| sentence - text.sentence_of[m.start] <= TITLE_REFERENCE_SENTENCES)
            .filter(|m| mentions.entities[m.entity].class == EntityClass::Person)
            .rfind(|m| holds_title(m.entity));
        if let Some(person) = person {
            added.push(Mention {
                start: start - 1,
                end,
                entity: person.entity,
                kind: MentionKind::Description,
                modifier: false,
            });
        }
    }
    mentions.mentions.extend(added);
    mentions.mentions.sort_by_key(|m| (m.start, m.end));
}

/// A title word with its abbreviation spelled out ("gen." is "general").
fn full_title_word(word: &str) -> &str {
    match word.trim_end_matches('.') {
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "maj" => "major",
        "adm" => "admiral",
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        _ => word,
    }
}

/// Whether a title names a country's leader ("President", "Prime Minister", "Kremlin chief").
fn is_leader_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    LEADER_WORDS.iter().any(|w| lower.split(' ').any(|x| x == *w))
}

/// The one person of the country named in the article who holds its government office
/// by the dictionaries (a CAMEO code such as RUSGOV) and has no other role stated: the
/// leader "the Kremlin chief" means when the article names Vladimir Putin without a title.
fn sole_office_holder(mentions: &Mentions, roles: &[Role], country: usize) -> Option<usize> {
    let country = &mentions.entities[country];
    let alpha3 = country.country.as_deref()?;
    let mut holders = mentions.entities.iter().enumerate().filter(|(_, e)| {
        e.class == EntityClass::Person
            && e.country.as_deref() == Some(alpha3)
            && e.cameo.as_deref().is_some_and(|code| code.ends_with("GOV"))
            && !roles.iter().any(|r| r.person == e.id && !is_leader_title(&r.title))
    });
    let (person, _) = holders.next()?;
    holders.next().is_none().then_some(person)
}

/// "French President Emmanuel Macron", "France's Foreign Minister, Jean-Noel Barrot".
fn title_before_name(text: &Text<'_>, mentions: &mut Mentions, m: usize, found: &mut RoleFinding) {
    let start = mentions.mentions[m].start;
    let sentence_start = text.sentences[text.sentence_of[start]].tokens.start;
    // Skip a comma between title and name ("Defence Minister, Sebastien Lecornu").
    let mut end = start;
    if end > sentence_start && text.words[end - 1] == "," {
        end -= 1;
    }
    let title_start = |end: usize| {
        let mut first = end;
        while first > sentence_start
            && (is_title_word(text.low(first - 1)) || is_inner_of(text, first - 1, sentence_start))
        {
            first -= 1;
        }
        first
    };
    let mut first = title_start(end);
    // "The US commander in Iraq, General David Petraeus": a rank alone before the name
    // leaves the title to the phrase before the comma.
    if first < end
        && first > sentence_start + 1
        && text.words[first - 1] == ","
        && (first..end).all(|k| is_rank(text.low(k)))
    {
        // A posting may follow the title: "commander in Iraq".
        let mut title_end = first - 1;
        if let Some(posting) = mentions.ending_at(title_end)
            && mentions.mentions[posting].start > sentence_start + 1
            && text.low(mentions.mentions[posting].start - 1) == "in"
        {
            title_end = mentions.mentions[posting].start - 1;
        }
        let before = title_start(title_end);
        if before < title_end && (before..title_end).any(|k| is_title_head(text.low(k))) {
            end = title_end;
            first = before;
        }
    }
    if first == end || !(first..end).any(|k| is_title_head(text.low(k))) {
        return;
    }
    let (org, first) = match org_before_modifiers(text, mentions, first, sentence_start) {
        Some((org, first)) => (Some(org), first),
        None => (org_after_of(mentions, text, mentions.mentions[m].end), first),
    };
    let Some(org) = org.or_else(|| implicit_org(mentions, m, found.main_country)) else { return };
    let title = clean_title(&text.text[text.tokens[first].start..text.tokens[end - 1].end]);
    push_role(mentions, m, org, title, found);
}

/// A military or honorific rank that may stand between a title and a name.
fn is_rank(word: &str) -> bool {
    matches!(
        word,
        "general"
            | "gen."
            | "gen"
            | "lt."
            | "lieutenant"
            | "col."
            | "colonel"
            | "major"
            | "maj."
            | "admiral"
            | "adm."
            | "brigadier"
            | "captain"
            | "capt."
            | "marshal"
            | "dr."
            | "sheikh"
    )
}

/// The organisation before a title, allowing up to two plain lowercase words between
/// them ("Hezbollah's missile unit commander", "U.N. humanitarian chief"); returns
/// it with the title's new first token.
fn org_before_modifiers(
    text: &Text<'_>,
    mentions: &mut Mentions,
    first: usize,
    lower_bound: usize,
) -> Option<(usize, usize)> {
    if let Some(org) = org_before(text, mentions, first) {
        return Some((org, first));
    }
    for n_words in 1..=2 {
        let k = first.checked_sub(n_words)?;
        // Only nouns and adjectives qualify a title; a verb ends the noun phrase
        // ("Maduro's government barred opposition leader X").
        let tag = text.tag(k);
        let qualifier = tag.is_empty() || matches!(tag, "NN" | "NNS" | "JJ" | "VBN" | "VBG");
        if k < lower_bound || !is_plain_lowercase(text.words[k]) || !qualifier {
            return None;
        }
        // A participle after a noun is that noun's verb: "the Russian army attacked
        // President Zelensky", not a title "army attacked President" (but "Russia's
        // jailed opposition leader").
        if n_words == 2 && matches!(tag, "NN" | "NNS") && matches!(text.tag(k + 1), "VBN" | "VBG" | "VBD") {
            return None;
        }
        if let Some(org) = org_before(text, mentions, k) {
            return Some((org, k));
        }
    }
    None
}

/// A lowercase word that may qualify a title ("missile", "far-right"), not a function word.
fn is_plain_lowercase(word: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "said", "says",
        "that", "the", "to", "was", "were", "who", "with",
    ];
    word.chars().all(|c| c.is_lowercase() || c == '-') && !FUNCTION_WORDS.contains(&word)
}

/// "Lt. Gen. Lee Hong-ki of the South's Joint Chiefs of Staff": the organisation after "of".
fn org_after_of(mentions: &mut Mentions, text: &Text<'_>, stop: usize) -> Option<usize> {
    if text.low(stop) != "of" {
        return None;
    }
    let mut k = stop + 1;
    if text.low(k) == "the" {
        k += 1;
    }
    let m = mentions.at(k).filter(|&m| mentions.mentions[m].start == k)?;
    let entity = mentions.mentions[m].entity;
    matches!(mentions.entities[entity].class, EntityClass::Country | EntityClass::Org).then(|| {
        mentions.mentions[m].modifier = true;
        entity
    })
}

/// The country of a title that names none: the person's own, from the dictionaries,
/// if the article names it, else the article's main country.
fn implicit_org(mentions: &Mentions, m: usize, main_country: Option<usize>) -> Option<usize> {
    let person = &mentions.entities[mentions.mentions[m].entity];
    if let Some(country) = &person.country {
        return mentions
            .entities
            .iter()
            .position(|e| e.class == EntityClass::Country && e.country.as_ref() == Some(country));
    }
    main_country
}

/// "Keith Kellogg, U.S. President Donald Trump's special envoy to Ukraine," and
/// "Guenter Sautter, the ministry's political director".
fn title_after_name(text: &Text<'_>, mentions: &mut Mentions, m: usize, found: &mut RoleFinding) {
    let stop = mentions.mentions[m].end;
    let sentence_end = text.sentences[text.sentence_of[stop.saturating_sub(1)]].tokens.end;
    if stop >= sentence_end || text.words[stop] != "," {
        return;
    }
    // The apposition runs to the next comma or the end of the sentence.
    let close = (stop + 1..sentence_end)
        .find(|&k| text.words[k] == "," || text.words[k] == ".")
        .unwrap_or(sentence_end);
    if close - stop > 16 {
        return;
    }
    // Find the title: the last run of title words with a head in the apposition.
    let Some(head) = (stop + 1..close).rev().find(|&k| is_title_head(text.low(k))) else { return };
    let mut first = head;
    while first > stop + 1 && (is_title_word(text.low(first - 1)) || is_inner_of(text, first - 1, stop + 1)) {
        first -= 1;
    }
    // A person named after the head means the title is theirs, not ours.
    if mentions.at(head + 1).is_some_and(|n| mentions.class(n) == EntityClass::Person) {
        return;
    }
    let mut last = head + 1;
    // "special envoy to Ukraine": keep a short "to X" / "for X" complement in the title.
    if last + 1 < close && matches!(text.low(last), "to" | "for" | "of" | "on") {
        last = close;
    }
    let (org, first) = match org_before_modifiers(text, mentions, first, stop + 1) {
        Some((org, first)) => (Some(org), first),
        None => (org_in(mentions, head + 1..last), first),
    };
    let title = clean_title(&text.text[text.tokens[first].start..text.tokens[last - 1].end]);
    if let Some(org) = org {
        push_role(mentions, m, org, title, found);
    }
    found.appositions.push(stop..close + 1);
}

/// The first country or organisation named in a title's complement ("spokesman for
/// Iran's foreign ministry", "President of the European Council").
fn org_in(mentions: &mut Mentions, span: Range<usize>) -> Option<usize> {
    let m = span.clone().find_map(|k| mentions.at(k)).filter(|&m| {
        let class = mentions.class(m);
        (class == EntityClass::Country || class == EntityClass::Org) && mentions.mentions[m].end <= span.end
    })?;
    mentions.mentions[m].modifier = true;
    Some(mentions.mentions[m].entity)
}

/// "of" inside a title ("Secretary of State", "chief of staff").
fn is_inner_of(text: &Text<'_>, k: usize, lower_bound: usize) -> bool {
    text.low(k) == "of" && k > lower_bound && is_title_word(text.low(k - 1)) && is_title_word(text.low(k + 1))
}

/// The country or organisation a title ending before `first` belongs to: a mention
/// right before it, or a possessive ("France's", "Zelensky's"), after an optional "the".
fn org_before(text: &Text<'_>, mentions: &mut Mentions, first: usize) -> Option<usize> {
    let mut k = first;
    let possessive = k > 0 && matches!(text.words[k - 1], "'s" | "’s" | "'");
    if possessive {
        k -= 1;
    }
    let Some(m) = mentions.ending_at(k) else {
        return if possessive { country_referred_to(text, mentions, k) } else { None };
    };
    mentions.mentions[m].modifier = true;
    let entity = mentions.mentions[m].entity;
    match mentions.entities[entity].class {
        EntityClass::Country | EntityClass::Org => Some(entity),
        EntityClass::Person if possessive => {
            let country = mentions.entities[entity].country.as_deref()?;
            mentions.country_entity(country)
        }
        _ => None,
    }
}

/// "the country's", "the ministry's": the country last named before token `k`.
fn country_referred_to(text: &Text<'_>, mentions: &Mentions, k: usize) -> Option<usize> {
    const NOUNS: &[&str] = &["country", "government", "ministry", "nation", "state"];
    if k < 2 || !NOUNS.contains(&text.low(k - 1)) || text.low(k - 2) != "the" {
        return None;
    }
    mentions
        .mentions
        .iter()
        .rev()
        .filter(|m| m.end < k - 1 && m.kind != MentionKind::Pronoun)
        .find(|m| mentions.entities[m.entity].class == EntityClass::Country)
        .map(|m| m.entity)
}

fn push_role(mentions: &Mentions, m: usize, org: usize, title: String, found: &mut RoleFinding) {
    let person = &mentions.entities[mentions.mentions[m].entity];
    let org = &mentions.entities[org];
    if person.id == org.id {
        return;
    }
    let role = Role { person: person.id.clone(), org: org.id.clone(), title };
    if !found.roles.iter().any(|r| r.person == role.person && r.org == role.org) {
        found.roles.push(role);
    }
}

/// Drops a leading article and honorifics from a title.
fn clean_title(raw: &str) -> String {
    let mut title = raw.trim();
    for prefix in ["the ", "The ", "a ", "A ", "Mr. ", "Mrs. ", "Ms. ", "Dr. "] {
        if let Some(rest) = title.strip_prefix(prefix) {
            title = rest;
        }
    }
    title.trim_end_matches(',').trim().to_string()
}
