//! Splits news English into tokens and sentences, keeping byte offsets into the original text.
//!
//! Tokens follow Universal Dependencies English (EWT) conventions: punctuation and clitics
//! (`n't`, `'s`) are split off, while abbreviations, numbers, URLs and hyphenated words stay
//! whole. Sentences end at terminal punctuation, paragraph breaks and after a dateline.
//! Nothing here allocates strings or fails on any input; part of speech, lemmas and entity
//! spans are left to the later `nlp` stages.

use std::ops::Range;

/// A token: a byte span into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// Returns the token's text; `text` must be the string the token was produced from.
    /// A span that does not fit `text` gives an empty string instead of a panic.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// A sentence: a byte span and the range of its tokens in the token list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// Splits `text` into tokens, in order, skipping whitespace and control characters.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start = None;
    for (index, c) in text.char_indices() {
        if is_space(c) {
            if let Some(start) = chunk_start.take() {
                split_chunk(text, start..index, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(index);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, start..text.len(), &mut tokens);
    }
    tokens
}

/// Tokenizes and splits into sentences in one pass; `tokens` indexes into the returned token vector.
/// A dateline that opens the text or any paragraph is a sentence of its own.
pub fn segment(text: &str) -> (Vec<Token>, Vec<Sentence>) {
    let tokens = tokenize(text);
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut index = 0;
    let mut dateline_end = None;
    while index < tokens.len() {
        if index == first && starts_paragraph(text, &tokens, index) {
            let start = tokens[index].start;
            dateline_end = parse_dateline(&text[start..]).map(|found| start + found.end);
        }
        match sentence_end(text, &tokens, index, dateline_end) {
            Some(last) => {
                sentences.push(make_sentence(&tokens, first..last + 1));
                first = last + 1;
                index = last + 1;
            }
            None => index += 1,
        }
    }
    if first < tokens.len() {
        sentences.push(make_sentence(&tokens, first..tokens.len()));
    }
    (tokens, sentences)
}

/// Returns the byte span of the dateline's place name (`PARIS`, `NEW YORK`) when `text`
/// opens with one: an all-caps name followed by a dash, a comma and a date, an agency in
/// brackets, a colon, or the end of the line.
pub fn dateline(text: &str) -> Option<(usize, usize)> {
    parse_dateline(text).map(|found| found.place)
}

/// Abbreviations that keep their period, written without it and matched case-sensitively.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Assn", "Assoc", "Aug", "Ave", "Bros", "Blvd", "Calif",
    "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb",
    "Fla", "Fri", "Ft", "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Jan", "Jr", "Jul", "Jun", "Kan",
    "Ky", "La", "Lt", "Ltd", "Maj", "Mar", "Md", "Messrs", "Mich", "Minn", "Mo", "Mon", "Mr", "Mrs",
    "Ms", "Mt", "Neb", "Nev", "Nov", "Oct", "Okla", "Ore", "Pa", "Pfc", "Prof", "Rep", "Reps",
    "Rev", "Sat", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn", "Tex", "Thu",
    "Thurs", "Tue", "Tues", "Va", "Vt", "Wed", "Wis", "Wyo", "al", "approx", "cf", "etc", "est",
    "ft", "vs",
];

/// Abbreviations that stand before a name or number and so never end a sentence.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Adm", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Ft", "Gen", "Gov", "Hon", "Lt", "Maj", "Messrs",
    "Mr", "Mrs", "Ms", "Mt", "Pfc", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St",
    "Supt", "cf", "e.g", "i.e", "vs",
];

/// Abbreviations that keep their period only before a number, as in `No. 5`.
#[rustfmt::skip]
const NUMBER_ABBREVIATIONS: &[&str] =
    &["Art", "No", "Nos", "Vol", "c", "ca", "no", "p", "pp", "vol"];

/// Words that often open a news sentence; after an abbreviation like `U.S.` they mark a new one.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "A", "According", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Before",
    "Both", "But", "By", "Despite", "During", "Earlier", "Even", "For", "From", "He", "Her", "His",
    "How", "However", "I", "If", "In", "Instead", "It", "Its", "Last", "Later", "Many", "Meanwhile",
    "Most", "My", "No", "Now", "On", "One", "Our", "She", "Since", "So", "Some", "Still", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "Those", "Under", "We", "What",
    "When", "Where", "While", "Who", "Why", "With", "Yet", "You",
];

/// Endings that keep a dotted name whole: top-level domains (`Amazon.com`, `irc.example.net`)
/// and file extensions (`report.pdf`), matched case-insensitively.
#[rustfmt::skip]
const NAME_ENDINGS: &[&str] = &[
    "com", "csv", "de", "doc", "docx", "edu", "exe", "fr", "gif", "gov", "htm", "html", "info",
    "int", "io", "jpeg", "jpg", "mil", "mp3", "mp4", "net", "org", "pdf", "png", "ppt", "pptx",
    "ru", "txt", "uk", "xls", "xlsx", "zip",
];

/// Words that UD splits in two, with the length of their first part (`cannot` -> `can not`).
#[rustfmt::skip]
const SPLIT_WORDS: &[(&str, usize)] = &[
    ("cannot", 3), ("gimme", 3), ("gonna", 3), ("gotta", 3), ("lotta", 3), ("wanna", 3),
];

/// Emoticons kept as one token when they stand alone.
#[rustfmt::skip]
const EMOTICONS: &[&str] = &[
    ":'(", ":(", ":)", ":-(", ":-)", ":-D", ":/", ":D", ":P", ";)", ";-)", "<3",
];

/// Contractions split off a word after its apostrophe (`'s`, `'re`); `n't` is handled apart.
const CLITICS: &[&str] = &["d", "ll", "m", "re", "s", "ve"];

/// The place name of a dateline and the byte offset where the whole dateline ends.
struct Dateline {
    place: (usize, usize),
    end: usize,
}

/// Returns true for characters that separate chunks: whitespace, controls and invisible marks.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Returns true for characters that belong to the character before them: combining marks,
/// variation selectors, emoji skin tones and the zero-width joiner.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200D}' | '\u{20E3}' | '\u{FE00}'..='\u{FE0F}')
        || matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Returns true for the straight and the curly apostrophe.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Returns the character starting at byte `index` of `text`, if any.
fn char_at(text: &str, index: usize) -> Option<char> {
    text.get(index..).and_then(|rest| rest.chars().next())
}

/// Splits one whitespace-free chunk of `text` into tokens.
fn split_chunk(text: &str, span: Range<usize>, tokens: &mut Vec<Token>) {
    let chunk = &text[span.clone()];
    let following = &text[span.end..];
    let mut pos = 0;
    while pos < chunk.len() {
        let len = next_token_len(chunk, pos, following).max(1);
        let mut end = (pos + len).min(chunk.len());
        while !chunk.is_char_boundary(end) {
            end += 1;
        }
        tokens.push(Token { start: span.start + pos, end: span.start + end });
        pos = end;
    }
}

/// Returns the byte length of the token starting at `pos` in `chunk`.
fn next_token_len(chunk: &str, pos: usize, following: &str) -> usize {
    let rest = &chunk[pos..];
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    let special = match first {
        '@' | '#' => tag_len(rest),
        '\'' | '’' => clitic_len(rest).or_else(|| decade_len(rest)),
        c if c.is_alphanumeric() => url_len(rest).or_else(|| email_len(rest)).or_else(|| clitic_len(rest)),
        _ if pos == 0 => emoticon_len(rest),
        _ => None,
    };
    if let Some(len) = special {
        return len;
    }
    if !first.is_alphanumeric() {
        return punctuation_len(rest);
    }
    let end = word_end(chunk, pos);
    match split_word_len(&chunk[pos..end]) {
        Some(first_part) => first_part,
        None => end - pos + period_len(chunk, pos..end, following),
    }
}

/// Returns the length of the first part of a word that UD splits in two, such as `cannot`.
fn split_word_len(word: &str) -> Option<usize> {
    let found = SPLIT_WORDS.iter().find(|(whole, _)| whole.eq_ignore_ascii_case(word));
    found.map(|&(_, first_part)| first_part)
}

/// Returns the length of a URL at the start of `rest`, without trailing punctuation.
fn url_len(rest: &str) -> Option<usize> {
    let is_url = ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|prefix| rest.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)));
    if !is_url {
        return None;
    }
    let keep_paren = rest.contains('(');
    let trimmed = rest.trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '”' | '’' | ']' | '>')
            || (c == ')' && !keep_paren)
    });
    Some(trimmed.len().max(4))
}

/// Returns the length of an e-mail address at the start of `rest`.
fn email_len(rest: &str) -> Option<usize> {
    let is_local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-');
    let at = rest.char_indices().take(64).find(|&(_, c)| !is_local(c))?.0;
    if at == 0 || !rest[at..].starts_with('@') {
        return None;
    }
    let domain = &rest[at + 1..];
    let domain_len = domain
        .char_indices()
        .take(255)
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(domain.len(), |(index, _)| index);
    let domain = domain[..domain_len].trim_end_matches(['.', '-']);
    let dot = domain.find('.')?;
    (dot > 0).then_some(at + 1 + domain.len())
}

/// Returns the length of an `@handle` or `#hashtag` at the start of `rest`.
fn tag_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, sign) = chars.next()?;
    let (_, first) = chars.next()?;
    if !(sign == '@' || sign == '#') || !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let end = chars.find(|&(_, c)| !(c.is_alphanumeric() || c == '_'));
    Some(end.map_or(rest.len(), |(index, _)| index))
}

/// Returns the length of a contraction (`n't`, `'s`, `'re`) at the start of `rest`.
fn clitic_len(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let first = chars.next()?;
    if first == 'n' || first == 'N' {
        let apostrophe = chars.next().filter(|&c| is_apostrophe(c))?;
        let t = chars.next().filter(|&c| c == 't' || c == 'T')?;
        let len = 1 + apostrophe.len_utf8() + t.len_utf8();
        return (!char_at(rest, len).is_some_and(char::is_alphanumeric)).then_some(len);
    }
    if !is_apostrophe(first) {
        return None;
    }
    clitic_suffix_len(&rest[first.len_utf8()..]).map(|len| len + first.len_utf8())
}

/// Returns the length of a decade written with an apostrophe, such as `'90s`.
fn decade_len(rest: &str) -> Option<usize> {
    let first = rest.chars().next().filter(|&c| is_apostrophe(c))?;
    let digits = &rest[first.len_utf8()..];
    let len = if digits.get(2..3) == Some("s") { 3 } else { 0 };
    let is_decade = len == 3
        && digits.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && !char_at(digits, len).is_some_and(char::is_alphanumeric);
    is_decade.then_some(first.len_utf8() + len)
}

/// Returns the length of a clitic such as `s` or `ll` that opens `rest` and ends the word.
fn clitic_suffix_len(rest: &str) -> Option<usize> {
    CLITICS.iter().find_map(|clitic| {
        let head = rest.get(..clitic.len())?;
        let whole = head.eq_ignore_ascii_case(clitic)
            && !char_at(rest, clitic.len()).is_some_and(char::is_alphanumeric);
        whole.then_some(clitic.len())
    })
}

/// Returns the length of an emoticon such as `:)` when it makes up the start of a chunk.
fn emoticon_len(rest: &str) -> Option<usize> {
    let emoticon = EMOTICONS.iter().find(|emoticon| rest.starts_with(*emoticon))?;
    let next = char_at(rest, emoticon.len());
    (!next.is_some_and(char::is_alphanumeric)).then_some(emoticon.len())
}

/// Returns the end of the word that starts at `start` with an alphanumeric character.
/// Hyphens, decimal points, thousands separators and inner apostrophes stay inside the word,
/// and a trailing clitic (`'s`, `n't`) is left out of it.
fn word_end(chunk: &str, start: usize) -> usize {
    let mut pos = start;
    let mut prev = '\0';
    let mut segment_chars = 0;
    while let Some(c) = char_at(chunk, pos) {
        let after = pos + c.len_utf8();
        if c.is_alphanumeric() || is_joiner(c) {
            segment_chars += 1;
        } else if is_apostrophe(c) {
            if let Some(end) = clitic_boundary(chunk, start, pos, prev) {
                return end;
            }
            if !char_at(chunk, after).is_some_and(char::is_alphabetic) {
                return pos;
            }
        } else if c == '.' && is_initialism_dot(chunk, after, prev, segment_chars) {
            segment_chars = 0;
        } else if !joins_word(chunk, pos, c, prev) {
            return pos;
        }
        prev = c;
        pos = after;
    }
    pos
}

/// Decides where a word ends when a clitic follows the apostrophe at `pos`: before the `n`
/// of `n't`, or at the apostrophe of `'s`. Returns `None` when no clitic follows.
fn clitic_boundary(chunk: &str, start: usize, pos: usize, prev: char) -> Option<usize> {
    let after = &chunk[pos..];
    let apostrophe_len = after.chars().next().map_or(1, char::len_utf8);
    let negation = (prev == 'n' || prev == 'N') && pos - 1 > start;
    if negation && clitic_len(&chunk[pos - 1..]).is_some() {
        return Some(pos - 1);
    }
    clitic_suffix_len(&after[apostrophe_len..]).map(|_| pos)
}

/// Returns true when the period before `after` is inside an initialism such as `U.S.`:
/// a single letter on each side, and another period after the next letter.
fn is_initialism_dot(chunk: &str, after: usize, prev: char, segment_chars: usize) -> bool {
    let Some(next) = char_at(chunk, after) else {
        return false;
    };
    segment_chars == 1
        && prev.is_alphabetic()
        && next.is_alphabetic()
        && char_at(chunk, after + next.len_utf8()) == Some('.')
}

/// Returns true when the connector `c` at `pos` stays inside a word: hyphens between letters,
/// decimal points, thousands separators, times, dates, `AT&T` and domains like `Amazon.com`.
/// A hyphen that ends the chunk stays after a lower-case letter, as in `pre- and post-war`.
fn joins_word(chunk: &str, pos: usize, c: char, prev: char) -> bool {
    let after = pos + c.len_utf8();
    let Some(next) = char_at(chunk, after) else {
        // A hyphen ending the chunk belongs to a lower-case prefix, as in `pre- and post-war`.
        return c == '-' && prev.is_lowercase();
    };
    match c {
        '-' => prev.is_alphanumeric() && next.is_alphanumeric(),
        '.' => (prev.is_ascii_digit() && next.is_ascii_digit()) || is_domain(&chunk[after..]),
        ',' => prev.is_ascii_digit() && digits_then_end(&chunk[after..], 3),
        ':' => prev.is_ascii_digit() && digits_then_end(&chunk[after..], 2),
        '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
        '&' => prev.is_uppercase() && next.is_uppercase(),
        _ => false,
    }
}

/// Returns true when `rest` opens with exactly `count` ASCII digits.
fn digits_then_end(rest: &str, count: usize) -> bool {
    let bytes = rest.as_bytes();
    bytes.len() >= count
        && bytes[..count].iter().all(u8::is_ascii_digit)
        && !bytes.get(count).is_some_and(u8::is_ascii_digit)
}

/// Returns true when `rest`, just after a period, is the rest of a dotted name such as a
/// domain or file name: a few dot-separated parts whose last one is a known ending.
fn is_domain(rest: &str) -> bool {
    let len: usize = rest
        .chars()
        .take(64)
        .take_while(|&c| c.is_alphanumeric() || c == '.' || c == '-')
        .map(char::len_utf8)
        .sum();
    let name = rest[..len].trim_end_matches('.');
    let ending = name.rsplit('.').next().unwrap_or_default();
    !name.split('.').any(str::is_empty) && NAME_ENDINGS.iter().any(|known| known.eq_ignore_ascii_case(ending))
}

/// Returns 1 when the period right after the word in `span` belongs to it as an abbreviation.
/// A second period (`Inc..`) is left to end the sentence, but an ellipsis is never split.
fn period_len(chunk: &str, span: Range<usize>, following: &str) -> usize {
    let word = &chunk[span.clone()];
    let after = &chunk[span.end..];
    let periods = after.bytes().take_while(|&byte| byte == b'.').count();
    if periods == 0 || periods > 2 {
        return 0;
    }
    let next = after[1..].chars().next().or_else(|| following.trim_start().chars().next());
    usize::from(keeps_period(word, next))
}

/// Returns true when `word` is an abbreviation, initial or initialism that keeps its period.
fn keeps_period(word: &str, next: Option<char>) -> bool {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let single_capital = first.is_uppercase() && chars.next().is_none();
    single_capital
        || is_initialism(word)
        || ABBREVIATIONS.contains(&word)
        || (NUMBER_ABBREVIATIONS.contains(&word) && next.is_some_and(|c| c.is_ascii_digit()))
}

/// Returns true for words like `U.S` and `e.g`: single letters joined by periods.
fn is_initialism(word: &str) -> bool {
    let single_letter = |part: &str| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    };
    word.contains('.') && word.split('.').all(single_letter)
}

/// Returns the length of a punctuation or symbol token at the start of `rest`.
/// Runs of periods, dashes, `!?` marks and of any one repeated symbol (`***`, `$$$`) make
/// one token; quotes and brackets always stand alone.
fn punctuation_len(rest: &str) -> usize {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else { return 0 };
    match first {
        '!' | '?' => run_len(rest, |c| c == '!' || c == '?'),
        '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']' | '{' | '}' => first.len_utf8(),
        _ if chars.as_str().starts_with(first) => run_len(rest, |c| c == first),
        _ => first.len_utf8() + joiners_len(chars.as_str()),
    }
}

/// Returns the length of the run of characters in `group` at the start of `rest`.
fn run_len(rest: &str, group: impl Fn(char) -> bool) -> usize {
    rest.find(|c: char| !group(c)).unwrap_or(rest.len())
}

/// Returns the length of the joiners (and the characters joined by a zero-width joiner)
/// at the start of `rest`.
fn joiners_len(rest: &str) -> usize {
    let mut len = 0;
    let mut joined = false;
    for c in rest.chars() {
        if !(joined || is_joiner(c)) {
            break;
        }
        joined = c == '\u{200D}';
        len += c.len_utf8();
    }
    len
}

/// Builds the sentence made of the tokens in `range`.
fn make_sentence(tokens: &[Token], range: Range<usize>) -> Sentence {
    let start = tokens[range.start].start;
    let end = tokens[range.end - 1].end;
    Sentence { start, end, tokens: range }
}

/// Decides whether a sentence ends at token `index` (or at the closing quotes and brackets
/// right after it), and returns the index of its last token.
fn sentence_end(text: &str, tokens: &[Token], index: usize, dateline_end: Option<usize>) -> Option<usize> {
    let token = tokens[index];
    let next = tokens.get(index + 1)?;
    let ends_dateline = dateline_end.is_some_and(|end| token.end <= end && next.start >= end);
    if ends_dateline || has_blank_line(&text[token.end..next.start]) {
        return Some(index);
    }
    let word = token.text(text);
    let is_final = is_final_punctuation(word);
    if !is_final && !word.ends_with('.') {
        return None;
    }
    let last = skip_closers(text, tokens, index);
    let next = tokens.get(last + 1)?;
    let next_word = next.text(text);
    let new_sentence = if is_final {
        opens_sentence(next_word)
    } else {
        ends_abbreviation(&word[..word.len() - 1], next_word, next.start > tokens[last].end)
    };
    new_sentence.then_some(last)
}

/// Returns true when the token at `index` is the first of the text or of a paragraph.
fn starts_paragraph(text: &str, tokens: &[Token], index: usize) -> bool {
    index == 0 || has_blank_line(&text[tokens[index - 1].end..tokens[index].start])
}

/// Returns true when the gap between two tokens holds an empty line.
fn has_blank_line(gap: &str) -> bool {
    gap.bytes().filter(|&byte| byte == b'\n').count() >= 2
}

/// Returns true for tokens made only of `.`, `!`, `?` and `…`.
fn is_final_punctuation(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Returns the index of the last token that still belongs to a sentence ending at `index`:
/// closing quotes and brackets glued to it, and footnote marks such as `[17]`.
fn skip_closers(text: &str, tokens: &[Token], index: usize) -> usize {
    let mut last = index;
    while let Some(next) = tokens.get(last + 1) {
        let glued = next.start == tokens[last].end;
        if glued && matches!(next.text(text), "\"" | "'" | "”" | "’" | ")" | "]" | "}" | "»") {
            last += 1;
        } else if is_footnote(text, &tokens[last + 1..]) {
            last += 3;
        } else {
            break;
        }
    }
    last
}

/// Returns true when `tokens` open with a footnote mark: `[`, a number and `]`.
fn is_footnote(text: &str, tokens: &[Token]) -> bool {
    let [open, number, close, ..] = tokens else {
        return false;
    };
    open.text(text) == "["
        && number.text(text).bytes().all(|byte| byte.is_ascii_digit())
        && close.text(text) == "]"
}

/// Returns true when a token can open a sentence after `.`, `!` or `?`: a capital letter,
/// a digit, an opening quote or bracket, or a symbol such as a bullet or currency sign.
fn opens_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '$' | '£' | '€' | '*' | '•' | '#')
    })
}

/// Returns true when the abbreviation `stem` (its period removed) ends the sentence because
/// the next token clearly starts a new one: a common sentence opener or an opening quote.
fn ends_abbreviation(stem: &str, next_word: &str, spaced: bool) -> bool {
    if TITLES.contains(&stem) {
        return false;
    }
    let opening_quote = spaced && matches!(next_word, "\"" | "“" | "‘");
    opening_quote || SENTENCE_STARTERS.contains(&next_word)
}

/// Parses a dateline such as `KYIV, Oct 13 (Reuters) -` at the start of `text`.
fn parse_dateline(text: &str) -> Option<Dateline> {
    let start = text.len() - text.trim_start().len();
    let place_end = place_name_end(text, start)?;
    let line_len = text[place_end..].find('\n');
    let line = &text[place_end..place_end + line_len.unwrap_or(text.len() - place_end)];
    let tail = if line.trim().is_empty() { line_len.map(|_| 0)? } else { dateline_tail(line)? };
    Some(Dateline { place: (start, place_end), end: place_end + tail })
}

/// Returns the end of an all-caps place name of up to four words starting at `start`.
fn place_name_end(text: &str, start: usize) -> Option<usize> {
    let (mut end, mut letters) = caps_word(text, start);
    for _ in 1..4 {
        if !text[end..].starts_with(' ') {
            break;
        }
        let (word_end, word_letters) = caps_word(text, end + 1);
        if word_letters == 0 {
            break;
        }
        end = word_end;
        letters += word_letters;
    }
    (letters >= 2).then_some(end)
}

/// Scans an all-caps word such as `ST.` or `PORT-AU-PRINCE` at `start` and returns its end
/// and its number of capitals; the count is zero when the word has lower-case letters.
fn caps_word(text: &str, start: usize) -> (usize, usize) {
    let mut end = start;
    let mut letters = 0;
    for (offset, c) in text[start..].char_indices() {
        if c.is_uppercase() {
            letters += 1;
        } else if c.is_alphanumeric() {
            return (start, 0);
        } else if !matches!(c, '.' | '\'' | '’' | '-') {
            break;
        }
        end = start + offset + c.len_utf8();
    }
    let word = text[start..end].trim_end_matches(['-', '\'', '’']);
    (start + word.len(), letters)
}

/// Returns how much of a dateline's first line, after the place name, belongs to the
/// dateline, or `None` when the line does not continue like a dateline.
fn dateline_tail(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches([' ', '\t']);
    let offset = line.len() - rest.len();
    if let Some(len) = dash_len(rest) {
        return Some(offset + len);
    }
    if rest.starts_with(": ") {
        return Some(offset + 1);
    }
    let body = rest.strip_prefix(',').or_else(|| rest.starts_with('(').then_some(rest))?;
    date_and_agency_len(body).map(|len| line.len() - body.len() + len)
}

/// Measures the date and agency part of a dateline, as in `, Oct 13 (Reuters) -`: words
/// that open with a capital or a digit, and brackets, up to a dash or a closed bracket.
fn date_and_agency_len(body: &str) -> Option<usize> {
    let mut depth = 0;
    let mut after_bracket = None;
    let mut word_start = true;
    for (index, c) in body.char_indices().take(80) {
        let dash_here = matches!(c, '—' | '–') || (c == '-' && word_start);
        if depth == 0 && dash_here {
            if let Some(len) = dash_len(&body[index..]) {
                return Some(index + len);
            }
        }
        if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth -= 1;
            after_bracket = Some(index + 1);
        } else if word_start && depth == 0 && c != ' ' && !(c.is_uppercase() || c.is_ascii_digit()) {
            break;
        }
        word_start = c == ' ';
    }
    after_bracket.filter(|_| depth == 0)
}

/// Returns the length of a dash (`—`, `–`, `-`, `--`) opening `rest`; a hyphen must stand
/// alone so that `PARIS-based` is not read as a dateline.
fn dash_len(rest: &str) -> Option<usize> {
    let len = rest.find(|c: char| !matches!(c, '—' | '–' | '-')).unwrap_or(rest.len());
    let dash = &rest[..len];
    let stands_alone = rest[len..].is_empty() || rest[len..].starts_with([' ', '\t', '\r']);
    let valid = !dash.is_empty() && (dash.contains(['—', '–']) || stands_alone);
    valid.then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `input` tokenizes to `expected`, tokens joined by single spaces.
    #[track_caller]
    fn check(input: &str, expected: &str) {
        let tokens = tokenize(input);
        let actual: Vec<&str> = tokens.iter().map(|token| token.text(input)).collect();
        assert_eq!(actual.join(" "), expected, "input: {input:?}");
    }

    /// Checks that `input` splits into `expected` sentences, each given as its text.
    #[track_caller]
    fn check_sentences(input: &str, expected: &[&str]) {
        let (_, sentences) = segment(input);
        let actual: Vec<&str> = sentences.iter().map(|s| &input[s.start..s.end]).collect();
        assert_eq!(actual, expected, "input: {input:?}");
    }

    #[test]
    fn punctuation_is_split_off() {
        check("Hello, world!", "Hello , world !");
        check("(Reuters) said: yes; no.", "( Reuters ) said : yes ; no .");
        check("talks,Prime Minister", "talks , Prime Minister");
    }

    #[test]
    fn clitics_are_split() {
        check("don't", "do n't");
        check("Trump's plan", "Trump 's plan");
        check("they're here", "they 're here");
        check("It’s Trump’s", "It ’s Trump ’s");
        check("can't won't DON'T", "ca n't wo n't DO N'T");
        check("we'll I'm you've he'd", "we 'll I 'm you 've he 'd");
        check("O'Brien rock'n'roll", "O'Brien rock'n'roll");
        check("the parents' car", "the parents ' car");
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        check("mid-morning Jean-Noel", "mid-morning Jean-Noel");
        check("a well-known 24-year-old", "a well-known 24-year-old");
        check("word -- word", "word -- word");
        check("word—word – word", "word — word – word");
        check("pre- and post-war", "pre- and post-war");
        check("ADDIS ABABA- The", "ADDIS ABABA - The");
    }

    #[test]
    fn numbers_stay_whole() {
        check("1,000.5 and 35", "1,000.5 and 35");
        check("$5 or 10%", "$ 5 or 10 %");
        check("at 10:30 on 4/14/00", "at 10:30 on 4/14/00");
        check("7,Race Course", "7 , Race Course");
        check("3.5 million", "3.5 million");
        check("version 1.2.", "version 1.2 .");
        check("the '90s and ’70s", "the '90s and ’70s");
        check("Make $$$ ***** ====", "Make $$$ ***** ====");
    }

    #[test]
    fn urls_emails_and_tags_stay_whole() {
        check("See http://example.com/a?b=1.", "See http://example.com/a?b=1 .");
        check("(www.reuters.com)", "( www.reuters.com )");
        check("Mail jo.doe@example.org now", "Mail jo.doe@example.org now");
        check("@POTUS #Ukraine", "@POTUS #Ukraine");
        check("Amazon.com shares", "Amazon.com shares");
        check("see irc.example.net, Stocks.pdf", "see irc.example.net , Stocks.pdf");
        check("end.The next", "end . The next");
    }

    #[test]
    fn abbreviations_keep_their_period() {
        check("U.S. Secretary", "U.S. Secretary");
        check("Gen. Milley met Dr. Smith", "Gen. Milley met Dr. Smith");
        check("Jan. 5 on St. Mark", "Jan. 5 on St. Mark");
        check("e.g. this", "e.g. this");
        check("J. K. Rowling", "J. K. Rowling");
        check("No. 5 but no.", "No. 5 but no .");
        check("Apple Inc. said", "Apple Inc. said");
        check("CCNG, Inc..", "CCNG , Inc. .");
        check("(c. 1818) c.", "( c. 1818 ) c .");
    }

    #[test]
    fn fused_words_are_split() {
        check("cannot", "can not");
        check("I'm gonna go, Gotta run", "I 'm gon na go , Got ta run");
    }

    #[test]
    fn multi_character_punctuation() {
        check("Wait... what?!", "Wait ... what ?!");
        check("so…", "so …");
        check("great :)", "great :)");
    }

    #[test]
    fn quotes_are_separate() {
        check("\"Yes,\" he said.", "\" Yes , \" he said .");
        check("“No” and ‘maybe’", "“ No ” and ‘ maybe ’");
        check("'Review progress'", "' Review progress '");
    }

    #[test]
    fn news_sentences_tokenize() {
        check(
            "U.S. Secretary of State Marco Rubio arrived in Paris on Thursday to meet French President Emmanuel Macron.",
            "U.S. Secretary of State Marco Rubio arrived in Paris on Thursday to meet French President Emmanuel Macron .",
        );
        check(
            "Rubio and Keith Kellogg, U.S. President Donald Trump's special envoy to Ukraine, arrived in Paris mid-morning, U.S. envoy Steve Witkoff is also expected to join them.",
            "Rubio and Keith Kellogg , U.S. President Donald Trump 's special envoy to Ukraine , arrived in Paris mid-morning , U.S. envoy Steve Witkoff is also expected to join them .",
        );
    }

    #[test]
    fn sentences_split_at_final_punctuation() {
        check_sentences("It rained. Then it stopped!", &["It rained.", "Then it stopped!"]);
        check_sentences("Why? Nobody knows.", &["Why?", "Nobody knows."]);
        check_sentences("He left. 2024 was hard.", &["He left.", "2024 was hard."]);
        check_sentences("It ended... Then more.", &["It ended...", "Then more."]);
        check_sentences("a.b. e.g. lowercase. next", &["a.b. e.g. lowercase. next"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        check_sentences("\"We will win.\" The crowd cheered.", &["\"We will win.\"", "The crowd cheered."]);
        check_sentences("He said (it failed.) Then left.", &["He said (it failed.)", "Then left."]);
        check_sentences("In 1805. [6] An heir.", &["In 1805. [6]", "An heir."]);
        check_sentences("\"Why?\" he asked.", &["\"Why?\" he asked."]);
        check_sentences("He stopped. \"Go,\" he said.", &["He stopped.", "\"Go,\" he said."]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        check_sentences("Mr. Smith met Gen. Milley.", &["Mr. Smith met Gen. Milley."]);
        check_sentences("The U.S. President spoke.", &["The U.S. President spoke."]);
        check_sentences("It began Jan. 5 in Kyiv.", &["It began Jan. 5 in Kyiv."]);
        check_sentences("J. K. Rowling wrote it.", &["J. K. Rowling wrote it."]);
        check_sentences("Talks with Dr. The Hague", &["Talks with Dr. The Hague"]);
    }

    #[test]
    fn abbreviations_split_before_sentence_starters() {
        check_sentences(
            "He flew to the U.S. The trip was long.",
            &["He flew to the U.S.", "The trip was long."],
        );
        check_sentences("It works with Apple Inc. He said so.", &["It works with Apple Inc.", "He said so."]);
        check_sentences("He left the U.S. \"Never again.\"", &["He left the U.S.", "\"Never again.\""]);
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        check_sentences(
            "Obama meeting ahead of talks\n\nOn the eve of talks, they met.",
            &["Obama meeting ahead of talks", "On the eve of talks, they met."],
        );
        check_sentences(
            "'Review progress'\n\nThe two men spoke",
            &["'Review progress'", "The two men spoke"],
        );
        check_sentences("one line\ncontinues here.", &["one line\ncontinues here."]);
        check_sentences("Ends.\r\n\r\nlower case", &["Ends.", "lower case"]);
    }

    #[test]
    fn news_paragraph_splits() {
        check_sentences(
            "U.S. Secretary of State Marco Rubio arrived in Paris on Thursday to meet French President Emmanuel Macron. Rubio and Keith Kellogg, U.S. President Donald Trump's special envoy to Ukraine, arrived in Paris mid-morning, U.S. envoy Steve Witkoff is also expected to join them.",
            &[
                "U.S. Secretary of State Marco Rubio arrived in Paris on Thursday to meet French President Emmanuel Macron.",
                "Rubio and Keith Kellogg, U.S. President Donald Trump's special envoy to Ukraine, arrived in Paris mid-morning, U.S. envoy Steve Witkoff is also expected to join them.",
            ],
        );
    }

    #[test]
    fn datelines_are_their_own_sentence() {
        check_sentences("PARIS — Talks began.", &["PARIS —", "Talks began."]);
        check_sentences(
            "KYIV, Oct 13 (Reuters) - Russia struck. It was late.",
            &["KYIV, Oct 13 (Reuters) -", "Russia struck.", "It was late."],
        );
        check_sentences("WASHINGTON (AP) — The vote failed.", &["WASHINGTON (AP) —", "The vote failed."]);
        check_sentences("PARIS\nTalks began today.", &["PARIS", "Talks began today."]);
        check_sentences("NEW YORK—Stocks fell.", &["NEW YORK—", "Stocks fell."]);
        check_sentences(
            "date 2018-06-11 Trump meets Kim\n\nSINGAPORE — President Trump met Kim.",
            &["date 2018-06-11 Trump meets Kim", "SINGAPORE —", "President Trump met Kim."],
        );
        check_sentences(
            "BEIJING, July 23 (Xinhua) -- Wang Yi met him.",
            &["BEIJING, July 23 (Xinhua) --", "Wang Yi met him."],
        );
        check_sentences("WOODSIDE, Calif. — Biden met Xi.", &["WOODSIDE, Calif. —", "Biden met Xi."]);
        check_sentences("It ended.\n\nNATO-led troops left.", &["It ended.", "NATO-led troops left."]);
    }

    /// Returns the dateline place name of `text`, if any.
    fn place(text: &str) -> Option<&str> {
        dateline(text).map(|(start, end)| &text[start..end])
    }

    #[test]
    fn dateline_place_names() {
        assert_eq!(place("  PARIS — Talks"), Some("PARIS"));
        assert_eq!(place("KYIV, Oct 13 (Reuters) - Russia"), Some("KYIV"));
        assert_eq!(place("WASHINGTON (AP) — The"), Some("WASHINGTON"));
        assert_eq!(place("PARIS\nTalks"), Some("PARIS"));
        assert_eq!(place("SEOUL: Prime Minister"), Some("SEOUL"));
        assert_eq!(place("ISTANBUL, (APP - News - 17th Oct, 2024) Turkey"), Some("ISTANBUL"));
        assert_eq!(place("ST. LOUIS, Mo. (AP) — A"), Some("ST. LOUIS"));
        assert_eq!(place("U.S. officials said"), None);
        assert_eq!(place("Paris — Talks"), None);
        assert_eq!(place("NATO-led forces"), None);
        assert_eq!(place("I — no"), None);
        assert_eq!(place(""), None);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Señor Müller’s café — 5€.";
        for token in tokenize(text) {
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            assert!(!token.text(text).trim().is_empty());
        }
        check(text, "Señor Müller ’s café — 5 € .");
    }

    #[test]
    fn sentences_cover_all_tokens() {
        let text = "A. B. C! \"D?\" (e.) F... g\n\nH";
        let (tokens, sentences) = segment(text);
        let mut next = 0;
        for sentence in &sentences {
            assert_eq!(sentence.tokens.start, next);
            assert!(!sentence.tokens.is_empty());
            next = sentence.tokens.end;
        }
        assert_eq!(next, tokens.len());
    }

    #[test]
    fn odd_input_never_panics() {
        let samples = [
            "",
            "   \n\n\t ",
            "👍🏽 👨‍👩‍👧 🇫🇷 e\u{301}t\u{301}e\u{301}",
            "\u{0}\u{1}\u{7f}\u{200B}\u{FEFF}a\u{200D}",
            "'''\"\"\"’’’n't's'",
            "@ # @_ #1 a@b a@b. .@. http:// www.",
            "PARIS",
            "PARIS,",
            "A — ,,, ((( ))) ...... ----",
            "\u{301}\u{200D}\u{FE0F}",
            "中文。日本語、한국어! مرحبا.",
        ];
        for sample in samples {
            let (tokens, sentences) = segment(sample);
            assert!(tokens.iter().all(|t| t.start < t.end && t.end <= sample.len()));
            assert!(sentences.iter().all(|s| s.start <= s.end));
            let _ = dateline(sample);
        }
        let mut seed = 12345u32;
        let alphabet: Vec<char> = "aZ9 .,'’\"-—–@#:/&()$%!?\n\té😀\u{301}\u{200D}U.S.".chars().collect();
        for _ in 0..2000 {
            let mut sample = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                sample.push(alphabet[(seed >> 8) as usize % alphabet.len()]);
            }
            let (tokens, _) = segment(&sample);
            assert!(tokens.iter().all(|t| sample.is_char_boundary(t.start)));
            assert!(tokens.iter().all(|t| sample.is_char_boundary(t.end)));
            let _ = dateline(&sample);
        }
    }

    #[test]
    fn empty_input_gives_nothing() {
        assert_eq!(segment(""), (Vec::new(), Vec::new()));
        assert!(tokenize(" \n ").is_empty());
    }
}
