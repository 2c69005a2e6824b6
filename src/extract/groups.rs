//! Unnamed groups as actors, for event data: "Afghan rebels", "demonstrators in Baghdad".
//!
//! Event data (CAMEO, Phoenix, ICEWS, PLOVER) codes an actor by its country and sector
//! even where the text names no one: "Afghan rebels" is AFGREB, "students throughout
//! Indonesia" IDNEDU. The default extractor leaves such groups out, as the annotation
//! guidelines do (an event needs named ends; rebels and crowds do not act for their
//! country). Asked for groups (`--actors groups`), it adds them as [`EntityClass::Group`]
//! entities, one per country and sector, shared by every article that mentions one.
//!
//! A group is a noun of `ontology/lexicons/groups.tsv` heading its noun phrase ("rebels",
//! or "rebel" before "leaders", "group", "forces"), tied to a country by
//! - a country's name or demonym, or a place of a country, just before it: "Afghan
//!   rebels", "Ivory Coast rebels", "angry French paper workers", "Baghdad residents";
//! - or one just after "in", "of", "from", "throughout" or "across": "rebels in the Ivory
//!   Coast", "demonstrators in the northern city of Kirkuk", "residents of Gaza";
//! - or else the place "in" which the clause it is subject or object of happens:
//!   "ethnic Albanians demonstrated on Tuesday in Serbia" (not for refugees or reporters);
//! - or else, for people a state's police act on, that state: "Egyptian police opened fire
//!   on demonstrators".
//!
//! A people named "ethnic Albanians" is a group of civilians of the country it lives in,
//! never of the state its demonym names; so is "the Albanians of southern Serbia". A
//! counted or described plural demonym is a crowd of its own country ("thousands of
//! Nigerians", "young Algerians"), and a people after a demonym of its state is that
//! state's ("Iraqi Kurds").
//!
//! A group with no country ("the rebels") stays out: its country would be a guess. A
//! state's own forces and officials are not groups: they act for their country and
//! already resolve to it ("Egyptian police" is Egypt).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::gazetteer::{FormKind, Gazetteer, slug};
use super::mentions::{Mention, MentionKind, Mentions, Text, saying_verb_over};
use super::{Entity, EntityClass};

/// The shipped group nouns.
pub const GROUPS_TSV: &str = include_str!("../../ontology/lexicons/groups.tsv");

/// A sector of people: its agent code and the name used in a group's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    pub code: String,
    pub label: String,
}

/// Group nouns (singular, lowercase) and their sectors.
#[derive(Debug, Default)]
pub struct GroupNouns {
    nouns: HashMap<String, Sector>,
}

impl GroupNouns {
    /// Parses the TSV format of `groups.tsv`; a malformed line is an error naming it.
    pub fn parse(tsv: &str) -> Result<GroupNouns, String> {
        let mut nouns = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [noun, code, label] = fields[..] else {
                return Err(format!("groups.tsv:{}: expected 3 tab-separated fields", n + 1));
            };
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(format!("groups.tsv:{}: sector code {code:?} is not three capitals", n + 1));
            }
            nouns.insert(noun.to_string(), Sector { code: code.to_string(), label: label.to_string() });
        }
        Ok(GroupNouns { nouns })
    }

    /// The nouns shipped in `ontology/lexicons/groups.tsv`.
    pub fn builtin() -> &'static GroupNouns {
        static BUILTIN: OnceLock<GroupNouns> = OnceLock::new();
        BUILTIN.get_or_init(|| GroupNouns::parse(GROUPS_TSV).expect("the shipped groups.tsv parses"))
    }

    /// The sector of a word, given its lowercase form and lemma ("rebels", "militiamen").
    pub fn sector(&self, lower: &str, lemma: &str) -> Option<&Sector> {
        self.nouns.get(lemma).or_else(|| self.nouns.get(lower)).or_else(|| self.nouns.get(&singular(lower)))
    }
}

/// A regular English singular: "rebels" → "rebel", "militiamen" → "militiaman".
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        word.strip_suffix('s').unwrap_or(word).to_string()
    }
}

/// Nouns a group noun may qualify while the whole still names the group ("rebel leaders",
/// "the rebel group", "guerrilla forces", "opposition parties").
const GROUP_HEADS: &[&str] = &[
    "bases",
    "camps",
    "commanders",
    "faction",
    "factions",
    "fighters",
    "forces",
    "group",
    "groups",
    "leaders",
    "leadership",
    "members",
    "movement",
    "parties",
    "party",
    "positions",
    "supporters",
    "units",
];

/// Finds the groups of an article and adds them to `mentions`: a GROUP entity each, and a
/// mention over the group's nouns. The country word before a group only qualifies it
/// and is marked as a modifier, so it does not act on its own.
pub fn find_groups(text: &Text<'_>, mentions: &mut Mentions, gazetteer: &Gazetteer, nouns: &GroupNouns) {
    let mut found: Vec<(usize, usize, Entity, Option<usize>)> = Vec::new();
    // Demonym mentions that name a crowd of people rather than their state ("thousands of
    // Nigerians"): the mention and the group it now names.
    let mut crowds: Vec<(usize, Entity)> = Vec::new();
    for i in 0..text.words.len() {
        if let Some(crowd) = people_of_demonym(text, mentions, gazetteer, i) {
            crowds.push(crowd);
            continue;
        }
        let ethnic = ethnic_people(text, gazetteer, i)
            .or_else(|| people_of_country(text, mentions, gazetteer, i))
            .or_else(|| armed_group(text, i));

        let sector = match &ethnic {
            Some(people) => people,
            None => {
                let Some(sector) = nouns.sector(text.low(i), &text.lemma[i]) else { continue };
                // A common noun: "Rebels" opening a sentence is one, the "Workers' Union" is not.
                let tag = text.tag(i);
                // A word the tagger took for an adjective still heads a noun phrase when the
                // parser makes it a subject or object ("a Christian missionary … was arrested").
                let heads_phrase = tag == "JJ"
                    && !text.deprel.is_empty()
                    && matches!(text.deprel[i].split(':').next(), Some("nsubj" | "obj" | "obl" | "nmod"));
                let common = if tag.is_empty() {
                    !text.is_capitalised(i)
                } else {
                    tag.starts_with("NN") || heads_phrase
                };
                if !common || text.is_capitalised(i) && !text.starts_sentence(i) {
                    continue;
                }
                sector
            }
        };
        let mut end = i + 1;
        let n = text.words.len();
        if let Some(j) = (i + 1..(i + 3).min(n))
            .find(|&j| GROUP_HEADS.contains(&text.low(j)))
            .filter(|&j| (i + 1..j).all(|k| text.tag(k) == "JJ" || text.tag(k).starts_with("NN")))
        {
            // "rebel leaders", "the guerrilla forces": a head that still names the group.
            end = j + 1;
        } else if end < n && text.tag(end).starts_with("NN") && !text.is_capitalised(end) {
            // "rebel territory", "student union": the noun qualifies another thing.
            continue;
        }
        if (i..end).any(|k| mentions.at(k).is_some()) || text.sentence_of[end - 1] != text.sentence_of[i] {
            continue;
        }
        let before = country_before(text, mentions, i);
        let country = before
            .map(|(_, c)| c)
            .or_else(|| country_after(text, mentions, end))
            .or_else(|| located_by_clause(text, mentions, end - 1, sector))
            .or_else(|| policed_by(text, mentions, end - 1, sector));
        let Some(country) = country else { continue };
        let Some(entity) = group_entity(mentions, gazetteer, country, sector) else { continue };
        found.push((i, end, entity, before.map(|(m, _)| m)));
    }
    for (start, end, entity, qualifier) in found {
        // The group's own state is an entity of the article even when only a city names it
        // ("demonstrators in Baghdad"): a protest with no stated target is aimed at it.
        let alpha3 = entity.country.clone().unwrap_or_default();
        mentions.country_entity_or_add(gazetteer, &alpha3);
        let idx = mentions.entity_for(entity);
        // The group's own words ("rebels") and, with its country word, the whole phrase
        // ("Sudanese rebels").
        let span = |first: usize| text.text[text.tokens[first].start..text.tokens[end - 1].end].to_string();
        mentions.add_alias(idx, &span(start));
        if let Some(m) = qualifier {
            mentions.add_alias(idx, &span(mentions.mentions[m].start));
            mentions.mentions[m].modifier = true;
        }
        mentions.mentions.push(Mention { start, end, entity: idx, kind: MentionKind::Name, modifier: false });
    }
    for (m, entity) in crowds {
        let alpha3 = entity.country.clone().unwrap_or_default();
        mentions.country_entity_or_add(gazetteer, &alpha3);
        let idx = mentions.entity_for(entity);
        let (start, end) = (mentions.mentions[m].start, mentions.mentions[m].end);
        mentions.add_alias(idx, &text.text[text.tokens[start].start..text.tokens[end - 1].end]);
        mentions.mentions[m].entity = idx;
        mentions.mentions[m].kind = MentionKind::Name;
    }
    mentions.mentions.sort_by_key(|m| (m.start, m.end));
    resolve_speaking_they(text, mentions);
}

/// "Palestinian armed groups", "armed factions": Phoenix's ARMED_GROUP (~UAF). The word
/// "armed" starts the group, whose head ("groups") the group heads extend it to.
fn armed_group(text: &Text<'_>, i: usize) -> Option<Sector> {
    let head = text.words.get(i + 1).map(|w| w.to_lowercase())?;
    let armed =
        text.low(i) == "armed" && matches!(head.as_str(), "group" | "groups" | "faction" | "factions");
    armed.then(|| Sector { code: "UAF".to_string(), label: "armed groups".to_string() })
}

/// A people named as "ethnic Albanians", "ethnic Serbs": a group of civilians (Phoenix's
/// ETHNIC_GROUP, ~CVL) of the country they live in, which the demonym does not give.
fn ethnic_people(text: &Text<'_>, gazetteer: &Gazetteer, i: usize) -> Option<Sector> {
    if i == 0 || text.low(i - 1) != "ethnic" || !text.is_capitalised(i) || !text.words[i].ends_with('s') {
        return None;
    }
    let demonym = gazetteer.lookup(text.words[i])?.iter().any(|&(_, kind)| kind == FormKind::Demonym);
    demonym.then(|| Sector { code: "CVL".to_string(), label: format!("ethnic {}", text.words[i]) })
}

/// Words that count a crowd before "of": "thousands of Nigerians", "dozens of Afghans".
const CROWD_COUNTS: &[&str] = &["dozens", "hundreds", "thousands", "millions", "scores", "tens"];

/// Adjectives that describe a demonym's people rather than its state: "young Algerians".
const PEOPLE_ADJECTIVES: &[&str] = &["angry", "many", "ordinary", "some", "young"];

/// A plural demonym naming people, not their state, at token `i`: "thousands of
/// Nigerians" and "young Algerians" are civilians of their own country; "the Albanians of
/// southern Serbia" civilians of the country they live in. Returns the demonym's mention
/// and the group it names. A bare plural demonym ("the Palestinians rejected") still
/// stands for its side, as GUIDELINES section 1 has it.
fn people_of_demonym(
    text: &Text<'_>,
    mentions: &Mentions,
    gazetteer: &Gazetteer,
    i: usize,
) -> Option<(usize, Entity)> {
    let m = mentions.at(i)?;
    let mention = &mentions.mentions[m];
    let plural = text.words[i].ends_with('s') && text.is_capitalised(i);
    if mention.start != i || mention.end != i + 1 || mention.kind != MentionKind::Demonym || !plural {
        return None;
    }
    let own = mentions.entities[mention.entity].country.as_deref()?;
    let counted = i >= 2 && text.low(i - 1) == "of" && CROWD_COUNTS.contains(&text.low(i - 2));
    let described = i >= 1 && PEOPLE_ADJECTIVES.contains(&text.low(i - 1));
    let lives_in = country_after(text, mentions, i + 1).filter(|&c| c != own);
    let (country, label) = match lives_in {
        Some(c) => (c, text.words[i].to_string()),
        None if counted || described => (own, "civilians".to_string()),
        None => return None,
    };
    let sector = Sector { code: "CVL".to_string(), label };
    Some((m, group_entity(mentions, gazetteer, country, &sector)?))
}

/// A people named after a demonym of the country they live in: "Iraqi Kurds", "Russian
/// Jews", "Israeli Arabs", a civilian group of that country. The people's word is a
/// capitalised plural the gazetteer does not know ("Bosnian Serbs" is left alone: "Serbs"
/// names a state of its own).
fn people_of_country(
    text: &Text<'_>,
    mentions: &Mentions,
    gazetteer: &Gazetteer,
    i: usize,
) -> Option<Sector> {
    let word = text.words[i];
    let people = i > 0 && text.is_capitalised(i) && word.ends_with('s') && word.len() > 3;
    // "the Serbian Workers' Union" is a name.
    let in_name =
        text.is_capitalised(i + 1) || matches!(text.words.get(i + 1).copied(), Some("'" | "'s" | "’s" | "’"));
    if !people || mentions.at(i).is_some() || gazetteer.lookup(word).is_some() || in_name {
        return None;
    }
    let before = mentions.ending_at(i)?;
    (mentions.mentions[before].kind == MentionKind::Demonym && mentions.class(before) == EntityClass::Country)
        .then(|| Sector { code: "CVL".to_string(), label: word.to_string() })
}

/// The country where the clause of a group's noun (`head`, its subject or object) takes
/// place: "ethnic Albanians demonstrated on Tuesday in Serbia", "killed three ethnic
/// Albanians in a gunbattle in southern Serbia". Not for people often abroad, refugees
/// and reporters ("refugees arrived in Germany").
fn located_by_clause<'m>(
    text: &Text<'_>,
    mentions: &'m Mentions,
    head: usize,
    sector: &Sector,
) -> Option<&'m str> {
    if text.head.is_empty() || matches!(sector.code.as_str(), "REF" | "MED") {
        return None;
    }
    // "Thousands of students from across the country protested in Lagos": the count is
    // the subject.
    let mut head = head;
    if text.deprel[head] == "nmod"
        && let Some(count) = text.head[head].filter(|&c| CROWD_COUNTS.contains(&text.low(c)))
    {
        head = count;
    }
    if !(text.deprel[head].starts_with("nsubj") || text.deprel[head] == "obj") {
        return None;
    }
    let verb = text.head[head]?;
    // "in a gunbattle in southeastern Serbia": the place may qualify the verb's oblique.
    let obliques = text.children(verb, "obl");
    let nested = obliques.iter().flat_map(|&k| text.children(k, "nmod"));
    let places: Vec<usize> = obliques.iter().copied().chain(nested).collect();
    places.into_iter().find_map(|k| {
        let at_in = text.children(k, "case").into_iter().any(|c| text.low(c) == "in");
        // The parser may make a date after the place the phrase's head ("in Serbia Friday").
        let named = (text.children(k, "case").first().copied()?..=k).find_map(|j| mentions.at(j));
        country_of(mentions, named.filter(|_| at_in)?)
    })
}

/// The country whose police act on a group with no country of its own: "Egyptian police
/// opened fire to disperse demonstrators", "Kenyan police fired tear gas at protesters".
/// A state's police work at home, so the people they disperse, arrest or beat are that
/// state's. (Soldiers and armies are left out: they fight abroad too.)
fn policed_by<'m>(text: &Text<'_>, mentions: &'m Mentions, head: usize, sector: &Sector) -> Option<&'m str> {
    let acted_on = matches!(text.deprel.get(head).copied(), Some("obj" | "obl"));
    if text.head.is_empty() || !acted_on || matches!(sector.code.as_str(), "REF" | "MED") {
        return None;
    }
    let mut verb = text.head[head]?;
    // "police opened fire to disperse demonstrators": the purpose clause's subject is the
    // subject of the verb it serves, which the parser may hang on the verb's object.
    for _ in 0..2 {
        if !text.children(verb, "nsubj").is_empty() {
            break;
        }
        match text.deprel[verb] {
            "xcomp" | "advcl" => verb = text.head[verb]?,
            "acl" => verb = text.head[text.head[verb]?]?,
            _ => break,
        }
    }
    let subject = *text.children(verb, "nsubj").first()?;
    if !matches!(text.low(subject), "police" | "policemen" | "authorities") {
        return None;
    }
    // The police's demonym or "of" phrase, else the subject itself ("Egyptian police" read
    // as one mention of Egypt).
    let qualifiers = ["amod", "compound", "nmod"].into_iter().flat_map(|r| text.children(subject, r));
    qualifiers.chain(std::iter::once(subject)).find_map(|k| {
        let m = mentions.at(k)?;
        (mentions.class(m) == EntityClass::Country).then(|| country_of(mentions, m)).flatten()
    })
}

/// "The Fijian rebels said they will release …": "they" in a clause a group says is the
/// group.
fn resolve_speaking_they(text: &Text<'_>, mentions: &mut Mentions) {
    if text.head.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for i in (0..text.words.len()).filter(|&i| text.low(i) == "they" && text.deprel[i].starts_with("nsubj")) {
        if mentions.at(i).is_some() {
            continue;
        }
        let Some(verb) = saying_verb_over(text, i) else { continue };
        let speaker = text.children(verb, "nsubj").into_iter().find_map(|k| {
            let m = mentions.at(k)?;
            (mentions.class(m) == EntityClass::Group).then_some(mentions.mentions[m].entity)
        });
        added.extend(speaker.map(|entity| Mention::pronoun(i, entity)));
    }
    mentions.mentions.extend(added);
    mentions.mentions.sort_by_key(|m| (m.start, m.end));
}

/// A country the group is "of": the ISO code of a country, or of a place's country.
fn country_of(mentions: &Mentions, m: usize) -> Option<&str> {
    let mention = &mentions.mentions[m];
    if mention.kind == MentionKind::Pronoun {
        return None;
    }
    let entity = &mentions.entities[mention.entity];
    match entity.class {
        EntityClass::Country | EntityClass::Place => entity.country.as_deref(),
        _ => None,
    }
}

/// The country named just before token `i`, past a few adjectives and nouns ("Afghan
/// rebels", "French paper workers", "Sierra Leone's rebels"): its mention and ISO code.
fn country_before<'m>(text: &Text<'_>, mentions: &'m Mentions, i: usize) -> Option<(usize, &'m str)> {
    let mut k = i;
    while k > 0 && i - k < 3 {
        if let Some(m) = mentions.ending_at(k) {
            return country_of(mentions, m).map(|c| (m, c));
        }
        let word = text.low(k - 1);
        let plain =
            !text.is_capitalised(k - 1) && (text.tag(k - 1) == "JJ" || text.tag(k - 1).starts_with("NN"));
        // "Turkish Kurd refugees", "Iraqi Kurdish refugees": a people's name between the
        // demonym and the group, one the gazetteer does not know.
        let people = k - 1 > 0
            && k == i
            && text.is_capitalised(k - 1)
            && !text.starts_sentence(k - 1)
            && mentions.at(k - 1).is_none();
        if word == "'s" || word == "’s" || plain || people {
            k -= 1;
        } else {
            return None;
        }
    }
    None
}

/// The country or place named after "in", "of", "from", "throughout" or "across" right after the
/// group ("rebels in the Ivory Coast", "demonstrators in the northern city of Kirkuk").
fn country_after<'m>(text: &Text<'_>, mentions: &'m Mentions, end: usize) -> Option<&'m str> {
    if end >= text.words.len() || !matches!(text.low(end), "in" | "of" | "from" | "throughout" | "across") {
        return None;
    }
    let mut k = end + 1;
    while k < text.words.len() && k < end + 6 {
        if let Some(m) = mentions.at(k) {
            // "workers of the United Bus Company of Tehran": an organisation's country.
            let org = mentions.class(m) == EntityClass::Org && text.low(end) == "of";
            let owner =
                || org.then(|| mentions.entities[mentions.mentions[m].entity].country.as_deref()).flatten();
            return (mentions.mentions[m].start == k)
                .then(|| country_of(mentions, m).or_else(owner))
                .flatten();
        }
        let word = text.low(k);
        let skip = matches!(word, "the" | "of" | "its" | "their")
            || !text.is_capitalised(k) && (text.tag(k) == "JJ" || text.tag(k).starts_with("NN"));
        if !skip {
            return None;
        }
        k += 1;
    }
    None
}

/// The GROUP entity for a country and sector: "Afghanistan rebels", code AFGREB.
fn group_entity(mentions: &Mentions, gazetteer: &Gazetteer, alpha3: &str, sector: &Sector) -> Option<Entity> {
    let (label, code) = match mentions.country_entity(alpha3) {
        Some(e) => {
            let country = &mentions.entities[e];
            (country.label.clone(), country.cameo.clone().unwrap_or_else(|| alpha3.to_string()))
        }
        None => {
            let entry = &gazetteer.entries[gazetteer.country(alpha3)?];
            (entry.label.clone(), entry.cameo.clone().unwrap_or_else(|| alpha3.to_string()))
        }
    };
    let label = format!("{label} {}", sector.label);
    Some(Entity {
        id: format!("ent:group-{}", slug(&label)),
        class: EntityClass::Group,
        aliases: vec![label.clone()],
        label,
        wikidata: None,
        cameo: Some(format!("{}{}", &code[..3.min(code.len())], sector.code)),
        country: Some(alpha3.to_string()),
        lat: None,
        lon: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_nouns_parse_and_know_plurals() {
        let nouns = GroupNouns::builtin();
        assert_eq!(nouns.sector("rebels", "rebels").map(|s| s.code.as_str()), Some("REB"));
        assert_eq!(nouns.sector("militiamen", "militiamen").map(|s| s.code.as_str()), Some("UAF"));
        assert_eq!(nouns.sector("students", "student").map(|s| s.label.as_str()), Some("students"));
        assert!(nouns.sector("police", "police").is_none(), "a state's forces are not a group");
    }

    #[test]
    fn a_malformed_line_is_named() {
        let err = GroupNouns::parse("# c\nrebel\tREB\trebels\nstudent\tedu\tstudents\n").unwrap_err();
        assert!(err.contains("groups.tsv:3"), "{err}");
        assert!(GroupNouns::parse("rebel\tREB\n").unwrap_err().contains("groups.tsv:1"));
    }
}
