//! A progress bar for the commands that can run for long (import, export, generate, verify),
//! drawn on stderr only when stderr is a terminal: a pipe, a file or a test sees nothing of it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar, or nothing when stderr is not a terminal. Cleared when dropped, so the command's
/// own last line is what stays on screen.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// `what` names the work ("checking acts", "verifying entries").
    pub fn start(what: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        // Hidden until the first report, so no empty "0/0" bar flashes before the work starts.
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        // The template is a constant: should it ever fail to parse, the default style will do.
        // It fits in 80 columns with seven-digit counts.
        if let Ok(style) =
            ProgressStyle::with_template("{msg:<19} [{bar:20}] {pos}/{len} {percent}% {eta} left")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        Progress(Some(bar))
    }

    /// `done` of `total`: what the long loops report.
    pub fn update(&self, done: u64, total: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(total);
            bar.set_position(done);
            if bar.is_hidden() {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    /// The reading is done and the transaction holding `acts` is being committed, which
    /// reports nothing until it ends: a spinner says so.
    pub fn committing(&self, acts: usize) {
        if let Some(bar) = &self.0 {
            if let Ok(style) = ProgressStyle::with_template("{msg} {spinner} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(format!("committing {acts} acts"));
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    /// The same, for loops that count in `usize`.
    pub fn update_usize(&self, done: usize, total: usize) {
        self.update(done as u64, total as u64);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Passes a generator's acts through, reporting the days it has simulated every so many
/// acts: the generator knows how far it has got, the store's loop only what it was handed.
pub struct Generating<'a> {
    pub generator: chancery_generate::Generator,
    pub progress: &'a Progress,
    pub count: u64,
}

impl Iterator for Generating<'_> {
    type Item = chancery_domain::Act;

    fn next(&mut self) -> Option<Self::Item> {
        let act = self.generator.next();
        self.count += 1;
        if self.count.is_multiple_of(4096) || act.is_none() {
            let (done, total) = self.generator.progress();
            self.progress.update(done, total);
        }
        act
    }
}
