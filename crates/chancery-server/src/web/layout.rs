//! The page shell every page shares (header with the as-of form, navigation, footer) and the
//! stylesheet. maud escapes every interpolated value, so user input never reaches the page raw.

use maud::{html, Markup, DOCTYPE};

use super::{Ctx, Lang};

/// The whole stylesheet: system fonts, contrast of at least 7:1 for text, a focus ring that is
/// always visible, and a print layout without navigation.
pub const CSS: &str = r#"
:root { --ink: #111; --muted: #444; --line: #767676; --bg: #fff; --panel: #f4f4f4;
  --link: #0a4f9e; --focus: #b35900; --bad: #9b1c1c; --ok: #1d5e2e; --warn: #7a4d00; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 100%; line-height: 1.45; color: var(--ink); background: var(--bg); }
body { margin: 0; }
a { color: var(--link); text-underline-offset: 2px; }
a:visited { color: #5b2a86; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 2; }
header.site { border-bottom: 2px solid var(--ink); padding: .5rem 1rem; display: flex;
  flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between; }
header.site .brand { font-weight: 700; font-size: 1.2rem; color: var(--ink); text-decoration: none; }
header.site nav.lang ul { gap: .6rem; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
form.inline { display: inline; }
button.link { background: none; border: none; color: var(--link); padding: 0; text-decoration: underline; text-underline-offset: 2px; }
form.asof { display: flex; gap: .5rem; align-items: center; }
main { max-width: 76rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.7rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.muted, .help { color: var(--muted); }
.lookalike { font-size: .85rem; border: 1px solid var(--line); padding: 0 .25rem; }
.help { font-size: .9rem; display: block; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem 2rem; }
.panel { background: var(--panel); border: 1px solid var(--line); padding: .5rem 1rem 1rem; }
.figure { font-size: 1.6rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #bbb; }
th { border-bottom: 2px solid var(--ink); }
tbody th { border-bottom: 1px solid #bbb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.facts dd ul { margin: 0; padding-left: 1.1rem; }
.tag { display: inline-block; border: 1px solid var(--ink); padding: 0 .35rem; font-size: .85rem; }
.stricter { font-weight: 700; }
.bad { color: var(--bad); font-weight: 600; }
.ok { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; background: #fff; }
figure.chart figcaption { color: var(--muted); font-size: .9rem; }
form.act .field { margin: .8rem 0; max-width: 40rem; }
form.act label { font-weight: 600; display: block; }
input, select, textarea, button { font: inherit; color: var(--ink); }
input[type=text], input[type=password], input[type=number], input[type=date], select, textarea {
  border: 2px solid var(--line); padding: .3rem .4rem; width: 100%; background: #fff; }
form.asof input { width: auto; }
button { border: 2px solid var(--ink); background: var(--ink); color: #fff; padding: .3rem .9rem; cursor: pointer; }
button.secondary { background: #fff; color: var(--ink); }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--bad); }
.error { color: var(--bad); font-weight: 600; display: block; }
.alert { border: 2px solid var(--bad); padding: .5rem 1rem; margin: 1rem 0; }
.success { border: 2px solid var(--ok); padding: .5rem 1rem; margin: 1rem 0; }
.notice { border-left: 6px solid var(--focus); background: var(--panel); padding: .5rem 1rem; margin: 0 0 1rem; }
form.asof input[type=number] { width: 7rem; }
tr.changed > * { background: #fff4d6; }
tr.overdue > * { background: #fde8e8; }
section.panel.overdue, li.overdue { border-left: 6px solid var(--bad); padding-left: .6rem; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: .5rem 1rem 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
ul.checks { list-style: none; padding-left: 0; }
form.whatif .field { margin: .8rem 0; max-width: 40rem; }
form.whatif .field label { font-weight: 600; display: block; }
ul.checks li { margin: .3rem 0; }
section.step { margin: 1.5rem 0; }
section.step h2 { display: flex; gap: 1rem; align-items: baseline; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
form.filters label { display: block; font-weight: 600; }
form.filters input, form.filters select { width: auto; }
ul.kinds { columns: 3 16rem; }
footer.site { border-top: 1px solid var(--line); margin-top: 3rem; padding: 1rem; color: var(--muted); font-size: .9rem; }
@media print {
  header.site nav, form.asof, .skip, footer.site form, .noprint { display: none !important; }
  a { color: var(--ink); text-decoration: none; }
  main { max-width: none; padding: 0; }
  .panel { background: none; }
  figure.chart, table, .panel { break-inside: avoid; }
  h2 { break-after: avoid; }
  .brief table { font-size: 10pt; }
  .brief tr { break-inside: avoid; }
}
"#;

/// Wraps a page's content in the shared shell.
pub fn page(ctx: &Ctx, title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(ctx.lang().code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (ctx.t("site-name")) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                a.skip href="#main" { (ctx.t("skip-to-content")) }
                header.site {
                    a.brand href=(ctx.href("/")) { (ctx.t("site-name")) }
                    nav aria-label=(ctx.t("nav-main")) {
                        ul {
                            @if ctx.relation.is_some() {
                                li { a href=(ctx.rel("")) { (ctx.t("nav-overview")) } }
                                li { a href=(ctx.whole_record().rel("/roadmap")) { (ctx.t("nav-roadmap")) } }
                                li { a href=(ctx.whole_record().rel("/what-if")) { (ctx.t("nav-what-if")) } }
                            }
                            li { a href=(ctx.href("/acts")) { (ctx.t("nav-acts")) } }
                            @if ctx.scope.may_record { li { a href=(ctx.href("/acts/new")) { (ctx.t("nav-record")) } } }
                            @if ctx.scope.may_manage_users { li { a href=(ctx.href("/admin/users")) { (ctx.t("nav-users")) } } }
                            @if ctx.scope.signed_in {
                                li { a href=(ctx.href("/account")) { (ctx.t("nav-account")) } }
                                li { form.inline method="post" action="/logout" { button.link type="submit" { (ctx.t("nav-sign-out")) } } }
                            } @else {
                                li { a href=(ctx.href("/login")) { (ctx.t("nav-sign-in")) } }
                            }
                        }
                    }
                    (super::search::search_box(ctx))
                    (lang_switch(ctx))
                    (as_of_form(ctx))
                }
                main id="main" {
                    @if let Some(seq) = ctx.known_through {
                        p.notice role="note" { (ctx.t_args("known-through-notice", &[("seq", seq.into())])) }
                    }
                    (content)
                }
                footer.site {
                    (ctx.t("footer-as-of")) " " strong { (ctx.as_of) }
                    @if let Some(seq) = ctx.known_through { (ctx.t_args("footer-known-through", &[("seq", seq.into())])) }
                    (ctx.t("footer-keeps"))
                }
            }
        }
    }
}

/// The language switch: a link per language to this page in it (`?lang=`, which the edge
/// keeps in a cookie). Like the date form, it keeps the page's date but not its filters.
fn lang_switch(ctx: &Ctx) -> Markup {
    html! {
        nav.lang aria-label=(ctx.t("lang-switch")) {
            ul {
                @for lang in Lang::ALL {
                    li {
                        @if lang == ctx.lang() {
                            span aria-current="true" lang=(lang.code()) { (lang.endonym()) }
                        } @else {
                            a href=(ctx.href(&format!("?lang={}", lang.code()))) lang=(lang.code()) hreflang=(lang.code()) { (lang.endonym()) }
                        }
                    }
                }
            }
        }
    }
}

/// The as-of form: a GET to the same page, so it works without JavaScript. It resubmits to the
/// current path; other query parameters are not kept, which is the expected effect of choosing
/// a new date from the header (filters live in their own form). A page viewed "as recorded
/// through" an act keeps that act number in a field of its own, which clearing drops.
fn as_of_form(ctx: &Ctx) -> Markup {
    html! {
        form.asof method="get" role="search" aria-label=(ctx.t("asof-form")) {
            label for="as_of" { (ctx.t("asof-label")) }
            input type="date" id="as_of" name="as_of" value=(ctx.as_of) required;
            @if let Some(seq) = ctx.known_through {
                label for="known_through" { (ctx.t("asof-known-through")) }
                input type="number" id="known_through" name="known_through" min="0" step="1" value=(seq);
            }
            button type="submit" { (ctx.t("asof-show")) }
        }
    }
}
