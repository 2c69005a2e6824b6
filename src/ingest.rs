//! Reads articles into [`Document`]s: seed-format text, JSON Lines and HTML.
//!
//! Inputs are files, folders (walked recursively, in sorted order) and `-` for
//! standard input. The format comes from the extension, or from the content
//! when the extension says nothing. Bad inputs never stop a batch: each one
//! becomes an [`InputError`] naming the file and line, and the rest is read.
//! A JSON Lines file whose records carry `file` but no text is an index of the
//! folder (as in many news dumps) and fills in `url`, `title` and `date`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::InputError;

/// One news article, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The JSON Lines `id`, or else the file stem.
    pub id: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The publication date, when known.
    pub date: Option<NaiveDate>,
    /// Where the article was published, when known.
    pub url: Option<String>,
    /// The outlet or feed, when known.
    pub source: Option<String>,
    /// The article body (the title and the date line are not part of it).
    pub text: String,
    /// The file it was read from (`-` for standard input).
    pub path: PathBuf,
    /// The 1-based line of a JSON Lines record, `None` for whole files.
    pub line: Option<usize>,
    /// SHA-256 over id, title, date, url, source and text, in hex.
    pub hash: String,
}

impl Document {
    /// Builds a document and computes its content hash.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let mut doc = Document {
            id: id.into(),
            title: None,
            date: None,
            url: None,
            source: None,
            text: text.into(),
            path: PathBuf::from("-"),
            line: None,
            hash: String::new(),
        };
        doc.rehash();
        doc
    }

    /// Recomputes [`Document::hash`] after a field changed.
    pub fn rehash(&mut self) {
        let mut hasher = Sha256::new();
        for part in [
            Some(self.id.as_str()),
            self.title.as_deref(),
            self.date.map(|d| d.to_string()).as_deref(),
            self.url.as_deref(),
            self.source.as_deref(),
            Some(self.text.as_str()),
        ] {
            hasher.update(part.unwrap_or("").as_bytes());
            hasher.update([0u8]);
        }
        self.hash = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    }
}

/// Options that apply to every input of a batch.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The date of articles that do not state one.
    pub default_date: Option<NaiveDate>,
}

/// What reading a batch of inputs gave: the articles, in input order, and what was skipped.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub errors: Vec<InputError>,
    /// Problems that did not stop an article from being read (an unparsable date, say).
    pub warnings: Vec<InputError>,
}

/// The formats an input file can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text, optionally opening with `date YYYY-MM-DD Title`.
    Text,
    /// One JSON object per line.
    JsonLines,
    /// An HTML page.
    Html,
}

impl InputFormat {
    /// Guesses the format from a file extension, if it tells.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::JsonLines),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// Guesses the format from the first non-blank characters of the content.
    pub fn sniff(content: &str) -> InputFormat {
        let head = content.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            InputFormat::JsonLines
        } else if head.starts_with('<') {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// Reads every input (files, folders, `-`) into one batch.
///
/// Duplicate ids keep the first article and report the later ones.
pub fn read_inputs(inputs: &[PathBuf], options: &ReadOptions) -> Batch {
    let mut batch = Batch::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            read_stdin(options, &mut batch);
        } else if input.is_dir() {
            read_folder(input, options, &mut batch);
        } else {
            read_file(input, None, options, &mut batch);
        }
    }
    drop_duplicate_ids(&mut batch);
    batch
}

/// Parses one article's content, as if read from `path`.
pub fn parse_content(path: &Path, content: &str, options: &ReadOptions) -> Batch {
    let mut batch = Batch::default();
    let format = InputFormat::from_extension(path).unwrap_or_else(|| InputFormat::sniff(content));
    parse_by_format(path, content, format, None, options, &mut batch);
    batch
}

fn read_stdin(options: &ReadOptions, batch: &mut Batch) {
    let path = PathBuf::from("-");
    let mut bytes = Vec::new();
    if let Err(err) = std::io::stdin().read_to_end(&mut bytes) {
        batch.errors.push(InputError::file(&path, format!("cannot read standard input: {err}")));
        return;
    }
    if let Some(content) = decode(&path, &bytes, batch) {
        let format = InputFormat::sniff(&content);
        parse_by_format(&path, &content, format, None, options, batch);
    }
}

fn read_folder(folder: &Path, options: &ReadOptions, batch: &mut Batch) {
    let mut files = Vec::new();
    collect_files(folder, &mut files, batch);
    files.sort();
    // Index files describe the other files of their folder, so read them first.
    let mut indexes: HashMap<PathBuf, BTreeMap<String, IndexEntry>> = HashMap::new();
    let mut articles = Vec::new();
    for file in files {
        match InputFormat::from_extension(&file) {
            Some(InputFormat::JsonLines) => match read_index(&file) {
                Some(index) => {
                    let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
                    indexes.entry(dir).or_default().extend(index);
                }
                None => articles.push(file),
            },
            Some(_) => articles.push(file),
            // Files of unknown kinds in a folder (images, notes) are not articles.
            None => {}
        }
    }
    for file in articles {
        let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let entry = indexes.get(&dir).and_then(|index| index.get(&name));
        read_file(&file, entry, options, batch);
    }
}

fn collect_files(folder: &Path, files: &mut Vec<PathBuf>, batch: &mut Batch) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            batch.errors.push(InputError::file(folder, format!("cannot read folder: {err}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files, batch);
        } else {
            files.push(path);
        }
    }
}

fn read_file(path: &Path, index: Option<&IndexEntry>, options: &ReadOptions, batch: &mut Batch) {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            batch.errors.push(InputError::file(path, format!("cannot read file: {err}")));
            return;
        }
    };
    let Some(content) = decode(path, &bytes, batch) else { return };
    let format = InputFormat::from_extension(path).unwrap_or_else(|| InputFormat::sniff(&content));
    parse_by_format(path, &content, format, index, options, batch);
}

/// Turns bytes into text, or records why they are not UTF-8 text.
fn decode(path: &Path, bytes: &[u8], batch: &mut Batch) -> Option<String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        batch.errors.push(InputError::file(path, "empty file"));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => {
            batch.errors.push(InputError::file(path, "not a text file (contains NUL bytes)"));
            None
        }
        Ok(text) => Some(text.trim_start_matches('\u{feff}').to_string()),
        Err(err) => {
            let offset = err.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            batch.errors.push(InputError::line(
                path,
                line,
                format!("not UTF-8 text (invalid byte at offset {offset})"),
            ));
            None
        }
    }
}

fn parse_by_format(
    path: &Path,
    content: &str,
    format: InputFormat,
    index: Option<&IndexEntry>,
    options: &ReadOptions,
    batch: &mut Batch,
) {
    match format {
        InputFormat::Text => push_document(parse_text(path, content, index, options), batch),
        InputFormat::Html => push_document(parse_html(path, content, index, options), batch),
        InputFormat::JsonLines => parse_json_lines(path, content, options, batch),
    }
}

fn push_document(result: Result<Document, InputError>, batch: &mut Batch) {
    match result {
        Ok(doc) => batch.documents.push(doc),
        Err(err) => batch.errors.push(err),
    }
}

/// Reads text in the seed's format: an optional `date YYYY-MM-DD Title` line, then the body.
fn parse_text(
    path: &Path,
    content: &str,
    index: Option<&IndexEntry>,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let (date, title, body) = match split_date_line(content) {
        Some((date, title, body)) => (Some(date), title, body),
        None => (None, None, content),
    };
    let body = body.trim();
    if body.is_empty() {
        return Err(InputError::file(path, "article has no body"));
    }
    let mut doc = Document::new(file_stem(path), body);
    doc.path = path.to_path_buf();
    doc.date = date;
    doc.title = title;
    apply_index(&mut doc, index);
    doc.date = doc.date.or(options.default_date);
    doc.rehash();
    Ok(doc)
}

/// Splits `date 2025-04-17 Title` off the first non-blank line, when it is there.
pub fn split_date_line(content: &str) -> Option<(NaiveDate, Option<String>, &str)> {
    let trimmed = content.trim_start();
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let line = first.trim_end_matches('\r').trim();
    let after = line.strip_prefix("date")?;
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let after = after.trim_start();
    let date = NaiveDate::parse_from_str(after.get(..10)?, "%Y-%m-%d").ok()?;
    let title = after[10..].trim();
    let title = (!title.is_empty()).then(|| title.to_string());
    Some((date, title, rest))
}

/// Reads an HTML page: main text and title by readability, the date from `<meta>`.
fn parse_html(
    path: &Path,
    content: &str,
    index: Option<&IndexEntry>,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::new(content, None, Some(config))
        .map_err(|err| InputError::file(path, format!("cannot read HTML: {err}")))?;
    let article = reader
        .parse()
        .map_err(|err| InputError::file(path, format!("no article text found in HTML: {err}")))?;
    let body = article.text_content.trim();
    if body.is_empty() {
        return Err(InputError::file(path, "article has no body"));
    }
    let mut doc = Document::new(file_stem(path), body);
    doc.path = path.to_path_buf();
    let title = article.title.trim();
    doc.title = (!title.is_empty()).then(|| title.to_string());
    doc.date = article.published_time.as_deref().and_then(parse_date);
    doc.url = article.url.clone();
    doc.source = article.site_name.clone();
    apply_index(&mut doc, index);
    doc.date = doc.date.or(options.default_date);
    doc.rehash();
    Ok(doc)
}

/// A JSON Lines article record.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    body: Option<String>,
    date: Option<String>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

fn parse_json_lines(path: &Path, content: &str, options: &ReadOptions, batch: &mut Batch) {
    for (line_idx, line) in content.lines().enumerate() {
        let line_no = line_idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        match parse_json_line(path, line, line_no, options, &mut batch.warnings) {
            Ok(doc) => batch.documents.push(doc),
            Err(err) => batch.errors.push(err),
        }
    }
}

fn parse_json_line(
    path: &Path,
    line: &str,
    line_no: usize,
    options: &ReadOptions,
    warnings: &mut Vec<InputError>,
) -> Result<Document, InputError> {
    let record: JsonArticle = serde_json::from_str(line)
        .map_err(|err| InputError::line(path, line_no, format!("malformed JSON: {err}")))?;
    let body = record.text.or(record.body).unwrap_or_default();
    if body.trim().is_empty() {
        return Err(InputError::line(
            path,
            line_no,
            "article has no body (no non-empty `text` or `body` field)",
        ));
    }
    let id = match record.id {
        Some(serde_json::Value::String(id)) if !id.trim().is_empty() => id.trim().to_string(),
        Some(serde_json::Value::Number(id)) => id.to_string(),
        Some(other) if !other.is_null() => {
            return Err(InputError::line(path, line_no, format!("`id` must be a string, not {other}")));
        }
        _ => format!("{}-{line_no}", file_stem(path)),
    };
    let mut doc = Document::new(id, body.trim());
    doc.path = path.to_path_buf();
    doc.line = Some(line_no);
    doc.title = record.title.filter(|t| !t.trim().is_empty());
    doc.url = record.url;
    doc.source = record.source;
    let raw_date = record.date.or(record.published).filter(|raw| !raw.trim().is_empty());
    if let Some(raw) = raw_date {
        doc.date = parse_date(&raw);
        if doc.date.is_none() {
            warnings.push(InputError::line(
                path,
                line_no,
                format!("unrecognised date {raw:?}, the article's date is left unknown"),
            ));
        }
    }
    doc.date = doc.date.or(options.default_date);
    doc.rehash();
    Ok(doc)
}

/// Parses the date part of ISO 8601 (`2025-04-17`, `2025-04-17T09:30:00Z`, ...).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let head = raw.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// One record of a folder index: metadata for the file it names.
#[derive(Debug, Clone, Deserialize)]
struct IndexEntry {
    file: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// Reads a JSON Lines file as a folder index, or returns `None` if it holds articles.
fn read_index(path: &Path) -> Option<BTreeMap<String, IndexEntry>> {
    let content = fs::read_to_string(path).ok()?;
    let mut entries = BTreeMap::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let is_article = value.get("text").is_some() || value.get("body").is_some();
        if is_article || value.get("file").is_none() {
            return None;
        }
        let entry: IndexEntry = serde_json::from_value(value).ok()?;
        entries.insert(entry.file.clone(), entry);
    }
    (!entries.is_empty()).then_some(entries)
}

/// Fills the fields the article itself left empty from its folder's index.
fn apply_index(doc: &mut Document, index: Option<&IndexEntry>) {
    let Some(entry) = index else { return };
    if doc.title.is_none() {
        doc.title = entry.title.clone();
    }
    if doc.date.is_none() {
        doc.date = entry.date.as_deref().and_then(parse_date);
    }
    if doc.url.is_none() {
        doc.url = entry.url.clone();
    }
    if doc.source.is_none() {
        doc.source = entry.source.clone();
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("stdin").to_string()
}

fn drop_duplicate_ids(batch: &mut Batch) {
    let mut seen: HashMap<String, (PathBuf, Option<usize>)> = HashMap::new();
    let mut kept = Vec::with_capacity(batch.documents.len());
    for doc in std::mem::take(&mut batch.documents) {
        if let Some((first_path, first_line)) = seen.get(&doc.id) {
            let first = match first_line {
                Some(line) => format!("{}:{line}", first_path.display()),
                None => first_path.display().to_string(),
            };
            let message = format!("duplicate article id {:?} (first seen in {first})", doc.id);
            batch.errors.push(match doc.line {
                Some(line) => InputError::line(&doc.path, line, message),
                None => InputError::file(&doc.path, message),
            });
            continue;
        }
        seen.insert(doc.id.clone(), (doc.path.clone(), doc.line));
        kept.push(doc);
    }
    batch.documents = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_with_leading_space() {
        let (date, title, body) = split_date_line(" date 2025-04-17 Rubio in Paris\n\nPARIS\n").unwrap();
        assert_eq!(date.to_string(), "2025-04-17");
        assert_eq!(title.as_deref(), Some("Rubio in Paris"));
        assert_eq!(body.trim(), "PARIS");
    }

    #[test]
    fn plain_text_has_no_date_line() {
        assert!(split_date_line("Dates are hard.\nYes.").is_none());
        assert!(split_date_line("dated 2025-04-17 x").is_none());
    }

    #[test]
    fn json_date_forms() {
        assert_eq!(parse_date("2025-04-17T09:30:00Z").unwrap().to_string(), "2025-04-17");
        assert!(parse_date("17 April").is_none());
    }
}
