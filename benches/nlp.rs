//! Speed of the grammar pipeline, one thread: tokens/s for tagging, lemmatisation and
//! parsing on gold-tokenised EWT test, and words/s for segmentation plus all of that on
//! the news corpus, both as wall-clock and as CPU time; then the entity recogniser
//! (`extract::mentions::find_mentions`) on the tagged and parsed news corpus, and its time
//! as a share of segmenting, tagging and parsing it.
//!
//! Run with `cargo bench --bench nlp -- [EWT.conllu] [NEWS_DIR] [RUNS]`; the defaults are
//! `../shared/data/ud/ewt/en_ewt-ud-test.conllu`, `../shared/corpus/news` and 10 runs.
//! Model loading is timed separately and left out of the rates.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newskg::extract::gazetteer::Gazetteer;
use newskg::extract::mentions::{Text, find_mentions};
use newskg::ingest::{ReadOptions, read_inputs};
use newskg::nlp::conllu::read_conllu;
use newskg::nlp::model;
use newskg::nlp::pipeline::Pipeline;
use newskg::nlp::segment::segment;

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; positional arguments are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let ewt = PathBuf::from(args.first().map_or("../shared/data/ud/ewt/en_ewt-ud-test.conllu", |a| a));
    let news = PathBuf::from(args.get(1).map_or("../shared/corpus/news", |a| a));
    let runs: usize = args.get(2).map_or(Ok(10), |a| a.parse())?;

    let started = Instant::now();
    let pipeline = model::shipped()?;
    println!("model load: {:.3} s", started.elapsed().as_secs_f64());

    let sentences: Vec<Vec<String>> = read_conllu(&ewt)?
        .into_iter()
        .map(|sentence| sentence.words.into_iter().map(|word| word.form).collect())
        .collect();
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    let timings = repeat(runs, || tag_and_parse(pipeline, &sentences));
    report(&format!("tag+lemma+parse, {} ({n_tokens} tokens)", ewt.display()), "tokens", n_tokens, &timings);

    let texts = read_texts(&news);
    let n_words: usize = texts.iter().map(|text| segment(text).0.len()).sum();
    let timings = repeat(runs, || segment_and_parse(pipeline, &texts));
    let label =
        format!("segment+tag+lemma+parse, {} ({} articles, {n_words} words)", news.display(), texts.len());
    report(&label, "words", n_words, &timings);
    let parse_median = median_cpu_or_wall(&timings);

    // Entity recognition (the mention finder, with gazetteer lookups and name runs) on
    // the same articles, already tagged and parsed, against the time of tagging and parsing.
    let gazetteer = Gazetteer::builtin();
    let annotated: Vec<Text<'_>> = texts.iter().map(|text| Text::new(text, Some(pipeline))).collect();
    let timings = repeat(runs, || {
        annotated.iter().map(|text| find_mentions(text, &gazetteer).mentions.len()).sum::<usize>()
    });
    report(&format!("entity recognition (find_mentions), {}", news.display()), "words", n_words, &timings);
    let mentions_median = median_cpu_or_wall(&timings);
    println!(
        "  entity recognition adds {:.1} % to segment+tag+lemma+parse (median times)",
        100.0 * mentions_median / parse_median
    );
    Ok(())
}

/// The median run time in seconds: CPU time when it was measured, else wall-clock time.
fn median_cpu_or_wall(timings: &[Timing]) -> f64 {
    let mut seconds: Vec<f64> = timings.iter().map(|t| t.cpu.unwrap_or(t.wall).as_secs_f64()).collect();
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

/// Wall-clock and CPU time of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

/// Runs `work` once to warm up, then `runs` times, timing each run.
fn repeat(runs: usize, mut work: impl FnMut() -> usize) -> Vec<Timing> {
    std::hint::black_box(work());
    (0..runs)
        .map(|_| {
            let (wall_start, cpu_start) = (Instant::now(), thread_cpu_time());
            std::hint::black_box(work());
            let cpu = thread_cpu_time().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
            Timing { wall: wall_start.elapsed(), cpu }
        })
        .collect()
}

/// Annotates every gold-tokenised sentence; returns the number of heads, to keep the work.
fn tag_and_parse(pipeline: &Pipeline, sentences: &[Vec<String>]) -> usize {
    let mut n_heads = 0;
    for sentence in sentences {
        let words: Vec<&str> = sentence.iter().map(String::as_str).collect();
        n_heads += pipeline.annotate(&words).iter().map(|analysis| analysis.head).sum::<usize>();
    }
    n_heads
}

/// Segments every article and annotates each sentence.
fn segment_and_parse(pipeline: &Pipeline, texts: &[String]) -> usize {
    let mut n_heads = 0;
    for text in texts {
        let (tokens, sentences) = segment(text);
        for sentence in sentences {
            let words: Vec<&str> = tokens[sentence.tokens].iter().map(|token| token.text(text)).collect();
            n_heads += pipeline.annotate(&words).iter().map(|analysis| analysis.head).sum::<usize>();
        }
    }
    n_heads
}

/// The article bodies under `folder`, read as `newskg build` would.
fn read_texts(folder: &Path) -> Vec<String> {
    let batch = read_inputs(&[folder.to_path_buf()], &ReadOptions::default());
    batch.documents.into_iter().map(|doc| doc.text).collect()
}

/// Prints best and median rates over the runs, per wall-clock second and per CPU second.
fn report(label: &str, unit: &str, count: usize, timings: &[Timing]) {
    println!("{label}, {} runs:", timings.len());
    let rates = |seconds: Vec<f64>| {
        let mut rates: Vec<f64> = seconds.into_iter().map(|s| count as f64 / s.max(1e-9)).collect();
        rates.sort_by(|a, b| b.total_cmp(a));
        (rates[0], rates[rates.len() / 2])
    };
    let (best, median) = rates(timings.iter().map(|t| t.wall.as_secs_f64()).collect());
    println!("  wall: best {best:.0} {unit}/s, median {median:.0} {unit}/s");
    let cpu: Option<Vec<f64>> = timings.iter().map(|t| t.cpu.map(|c| c.as_secs_f64())).collect();
    if let Some(cpu) = cpu.filter(|cpu| !cpu.is_empty()) {
        let (best, median) = rates(cpu);
        println!("  cpu:  best {best:.0} {unit}/CPU-s, median {median:.0} {unit}/CPU-s");
    }
}

/// CPU time used by this thread so far, from Linux's `/proc/thread-self/schedstat`.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}
