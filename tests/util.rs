//! Shared helpers: run the binary, make temporary stores and inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's example articles.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles")
}

/// An example query file.
pub fn query_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries").join(name)
}

/// Runs `newskg` with `args` and the store in `store`.
pub fn newskg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .env("NEWSKG_STORE", store)
        .output()
        .expect("the newskg binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that a command succeeded, showing its stderr otherwise.
#[track_caller]
pub fn assert_ok(output: &Output) {
    assert!(output.status.success(), "status {:?}\nstderr:\n{}", output.status, stderr(output));
}

/// A temporary folder that holds a store (not created yet) and input files.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    /// The store path inside the scratch folder.
    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Writes a file under the scratch folder and returns its path.
    pub fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs `newskg` against this scratch store.
    pub fn run(&self, args: &[&str]) -> Output {
        newskg(&self.store(), args)
    }

    /// The store's quad count, read through `stats`.
    pub fn quad_count(&self) -> usize {
        let output = self.run(&["stats"]);
        assert_ok(&output);
        let text = stdout(&output);
        let line = text.lines().find(|l| l.starts_with("quads:")).expect("a quads line");
        line.trim_start_matches("quads:").trim().parse().unwrap()
    }
}
