//! Prometheus' text exposition format, version 0.0.4: `# HELP` and `# TYPE` once per family,
//! then one line per sample, label values escaped (backslash, double quote, newline).

use std::fmt::Write;

use super::Histogram;

/// The content type `GET /metrics` answers with.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

#[derive(Default)]
pub struct Exposition {
    out: String,
}

impl Exposition {
    pub fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.out, "# HELP {name} {help}");
        let _ = writeln!(self.out, "# TYPE {name} {kind}");
    }

    pub fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: u64) {
        self.line(name, labels, &value.to_string());
    }

    pub fn gauge(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.line(name, labels, &number(value));
    }

    /// A histogram's `_bucket` lines (cumulative, `le` last among the labels), `_sum` and
    /// `_count`.
    pub fn histogram(&mut self, name: &str, labels: &[(&str, &str)], h: &Histogram) {
        let bucket = format!("{name}_bucket");
        let cumulative = h.cumulative();
        for (bound, count) in &cumulative {
            let le = bound.map_or_else(|| "+Inf".to_owned(), number);
            let mut with_le = labels.to_vec();
            with_le.push(("le", &le));
            self.line(&bucket, &with_le, &count.to_string());
        }
        self.line(&format!("{name}_sum"), labels, &number(h.sum_seconds()));
        let total = cumulative.last().map_or(0, |(_, n)| *n);
        self.line(&format!("{name}_count"), labels, &total.to_string());
    }

    fn line(&mut self, name: &str, labels: &[(&str, &str)], value: &str) {
        self.out.push_str(name);
        if !labels.is_empty() {
            self.out.push('{');
            for (i, (k, v)) in labels.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                let _ = write!(self.out, "{k}=\"{}\"", escape(v));
            }
            self.out.push('}');
        }
        self.out.push(' ');
        self.out.push_str(value);
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A float as Prometheus reads it: `+Inf`, `-Inf`, `NaN`, or the shortest exact decimal.
fn number(v: f64) -> String {
    if v.is_nan() {
        "NaN".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.to_owned()
    } else {
        v.to_string()
    }
}
