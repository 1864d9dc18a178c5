// Chancery's web pages in a real browser: Debian's Chromium, headless, driven by playwright-core.
//
//   node suite.mjs BASE_URL USERNAME PASSWORD SCREENSHOT_DIR
//
// BASE_URL is a server freshly seeded with the US–Russia demo (crates/chancery-server/tests/
// browser.rs starts one). The suite reads the pages' figures from the rendered DOM, follows links,
// fills and submits forms, moves focus with the keyboard, and saves a full-page screenshot of
// every page it checks. JavaScript is disabled in the page, as the pages need none. It records
// exactly one act (a staffing report dated 2025-12-15). Any failed check makes it exit 1 with
// the list of failures; a missing tool or a browser that cannot start, 2.
//
// Chromium is /usr/bin/chromium unless the environment variable CHROMIUM names another binary.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const USAGE = 'usage: node suite.mjs BASE_URL USERNAME PASSWORD SCREENSHOT_DIR';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The whole run may take this long before it is abandoned as hung. */
const SUITE_TIMEOUT_MS = 180_000;

function die(message) {
  console.error(`browser suite: ${message}`);
  process.exit(2);
}

const [baseArg, username, password, shotDir] = process.argv.slice(2);
if (!baseArg || !username || !password || !shotDir) die(USAGE);
let base;
try {
  base = new URL(baseArg);
} catch {
  die(`not a URL: ${baseArg}\n${USAGE}`);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// How many kinds of act the suite's user (a mediator's editor) may record: the Rust harness
// passes it from the domain's list and the policy, so the suite never drifts.
const KINDS = Number(process.env.KINDS_OF_ACT);
if (!existsSync(chromiumPath)) {
  die(
    `Chromium not found at ${chromiumPath}: install Debian's chromium ` +
      '(scripts/install-test-deps, or apt-get install chromium), or set CHROMIUM to its path',
  );
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  die(
    `cannot load playwright-core (${e.message}): run \`npm ci\` in ` +
      `${path.dirname(new URL(import.meta.url).pathname)} (scripts/install-test-deps does it)`,
  );
}
mkdirSync(shotDir, { recursive: true });
setTimeout(() => {
  console.error(`browser suite: still running after ${SUITE_TIMEOUT_MS / 1000} s; giving up`);
  process.exit(1);
}, SUITE_TIMEOUT_MS).unref();

// ---------------------------------------------------------------------------------------------
// Checks and steps

const failures = [];
let checks = 0;
let stepName = '';

/** Records one check; a failure is listed at the end and makes the suite exit 1. */
function check(ok, what, detail) {
  checks += 1;
  if (ok) {
    console.log(`  ok    ${what}`);
  } else {
    const line = detail === undefined ? what : `${what} (got: ${JSON.stringify(detail)})`;
    console.log(`  FAIL  ${line}`);
    failures.push(`${stepName}: ${line}`);
  }
  return ok;
}

function checkEq(actual, expected, what) {
  return check(actual === expected, `${what} is ${JSON.stringify(expected)}`, actual);
}

function checkHas(text, needle, what) {
  return check(
    typeof text === 'string' && text.includes(needle),
    `${what} contains ${JSON.stringify(needle)}`,
    text,
  );
}

/** Runs one step; an exception (a timeout, a missing element) fails the step, not the suite. */
async function step(name, fn) {
  stepName = name;
  console.log(`\n== ${name}`);
  try {
    await fn();
  } catch (e) {
    console.log(`  FAIL  ${e.stack || e}`);
    failures.push(`${name}: ${String(e.message || e).split('\n')[0]}`);
  }
}

const url = (p) => new URL(p, base).toString();
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

let shots = 0;
async function screenshot(page, label, fullPage = true) {
  shots += 1;
  const file = path.join(shotDir, `${String(shots).padStart(2, '0')}-${label}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`  shot  ${file}`);
}

/** What every page must be: one heading, labelled fields, unique ids, no scripts, the
 *  stylesheet applied, and the footer showing the date of its URL (or `date`, for the answer to
 *  a form's POST, whose URL has none). */
async function pageChecks(page, date) {
  const facts = await page.evaluate(() => {
    const visible = (e) => e.getClientRects().length > 0;
    const h1s = [...document.querySelectorAll('h1')];
    const fields = [...document.querySelectorAll('input, select, textarea')].filter(
      (e) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type),
    );
    const labelled = (e) => {
      const byLabel = [...(e.labels || [])].some((l) => l.textContent.trim() !== '');
      const byAria = (e.getAttribute('aria-label') || '').trim() !== '';
      const byRef = (e.getAttribute('aria-labelledby') || '')
        .split(/\s+/)
        .some((id) => id && (document.getElementById(id)?.textContent.trim() || '') !== '');
      return byLabel || byAria || byRef;
    };
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const handlers = [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on')),
    );
    const header = document.querySelector('header.site');
    return {
      h1: h1s.map((h) => (visible(h) ? h.textContent.trim() : '(hidden)')),
      unlabelled: fields.filter((e) => !labelled(e)).map((e) => e.id || e.name || e.outerHTML),
      duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
      scripts: document.scripts.length,
      handlers: handlers.map((e) => e.tagName),
      lang: document.documentElement.lang,
      title: document.title,
      styled: header ? getComputedStyle(header).display : 'no header',
      footerDate: document.querySelector('footer.site strong')?.textContent.trim() ?? null,
      dateField: document.querySelector('form.asof input[name=as_of]')?.value ?? null,
    };
  });
  check(
    facts.h1.length === 1 && facts.h1[0] !== '' && facts.h1[0] !== '(hidden)',
    'one visible, non-empty h1',
    facts.h1,
  );
  check(facts.unlabelled.length === 0, 'every form field has a label', facts.unlabelled);
  check(facts.duplicateIds.length === 0, 'no two elements share an id', facts.duplicateIds);
  check(facts.scripts === 0 && facts.handlers.length === 0, 'no script, no inline handler', facts);
  checkEq(facts.lang, 'en', 'the document language');
  check(facts.title.endsWith('· Chancery'), 'a page title', facts.title);
  checkEq(facts.styled, 'flex', "the stylesheet's header layout");
  // `null`: a page with no date of its own (the sign-in form).
  if (date === null) return;
  let asOf = date;
  if (asOf === undefined) {
    asOf = asOfIn(page);
    check(asOf !== null, 'the URL carries as_of', page.url());
  }
  checkEq(facts.footerDate, asOf, 'the date in the footer');
  checkEq(facts.dateField, asOf, "the header's date field");
}

/** Loads a page, checks its status and what every page must be, saves its screenshot. */
async function open(page, p, label, status = 200) {
  const response = await page.goto(url(p));
  check(response !== null, `GET ${p} answers`);
  checkEq(response?.status(), status, `the status of GET ${p}`);
  await pageChecks(page);
  await screenshot(page, label);
  return response;
}

/** The `dt` → `dd` pairs of the `dl.facts` lists under `root`, whitespace squashed. */
async function facts(root) {
  return root.evaluate((r) => {
    const out = {};
    for (const dl of r.querySelectorAll('dl.facts')) {
      for (const dt of dl.querySelectorAll(':scope > dt')) {
        const dd = dt.nextElementSibling;
        out[dt.textContent.replace(/\s+/g, ' ').trim()] = dd
          ? dd.textContent.replace(/\s+/g, ' ').trim()
          : null;
      }
    }
    return out;
  });
}

const h1 = async (page) => squash(await page.locator('h1').first().textContent());
const actForm = (page) => page.locator('form.act');
const asOfIn = (page) => new URL(page.url()).searchParams.get('as_of');

/** Clicks and waits for the page it leads to. */
async function follow(page, urlPattern, locator) {
  await Promise.all([page.waitForURL(urlPattern), locator.click()]);
}
const mission = (page, name) => page.getByRole('region', { name, exact: true });

/** The focused element, where it is, and whether its focus ring shows. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      id: e.id,
      text: e.textContent.replace(/\s+/g, ' ').trim().slice(0, 60),
      inMain: e.closest('main') !== null,
      inForm: e.closest('form.act') !== null,
      onScreen:
        r.width > 0 &&
        r.height > 0 &&
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= window.innerWidth &&
        r.bottom <= window.innerHeight,
      ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
      focusVisible: e.matches(':focus-visible'),
    };
  });
}

function checkVisibleFocus(f, what) {
  check(f !== null && f.onScreen, `${what} is on screen`, f);
  check(f !== null && f.ring && f.focusVisible, `${what} shows a focus ring`, f);
}

/** The last journal number, from the API (the pages show acts only up to their date). */
async function lastSeq(context) {
  let last = 0;
  for (;;) {
    const r = await context.request.get(url(`/api/v1/acts?after=${last}&limit=1000`));
    if (!r.ok()) throw new Error(`GET /api/v1/acts: ${r.status()}`);
    const { acts } = await r.json();
    if (acts.length === 0) return last;
    last = acts[acts.length - 1].seq;
  }
}

/** Submits the act form and returns the POST's response (303 on success, 4xx on refusal). */
async function submitAct(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    actForm(page).getByRole('button', { name: 'Record' }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/** A shown date ("2017", "2017-07", "2017-07-28") as the first and last day of its period. */
function period(shown) {
  const [y, m, d] = shown.split('-');
  if (d) return [shown, shown];
  if (m) return [`${y}-${m}-01`, `${y}-${m}-31`];
  return [`${y}-01-01`, `${y}-12-31`];
}

// ---------------------------------------------------------------------------------------------
// The suite

const DATE = '2018-01-01';
const LATE = '2025-12-01';

const browser = await chromium
  .launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 30_000 })
  .catch((e) => die(`cannot start Chromium at ${chromiumPath}: ${e.message}`));
console.log(`Chromium ${browser.version()} at ${chromiumPath}; server ${base.origin}`);

const requested = new Set();
const foreign = [];
const broken = [];
try {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  context.on('request', (r) => {
    const u = new URL(r.url());
    requested.add(u.pathname);
    if (!['data:', 'about:'].includes(u.protocol) && u.origin !== base.origin) {
      foreign.push(r.url());
    }
  });
  context.on('requestfailed', (r) => broken.push(`${r.url()}: ${r.failure()?.errorText}`));
  context.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) {
      broken.push(`${r.url()}: ${r.status()}`);
    }
  });
  const page = await context.newPage();

  await step('/ lists the relations, sorts by links, and the US–Russia overview is one click away', async () => {
    await page.goto(url('/'));
    const u = new URL(page.url());
    checkEq(u.pathname, '/', 'the path after redirects');
    const asOf = u.searchParams.get('as_of') ?? '';
    check(/^\d{4}-\d{2}-\d{2}$/.test(asOf), 'as_of is a date', u.search);
    await open(page, `/?as_of=${DATE}`, 'home');
    checkEq(await h1(page), 'Relations', 'the heading');
    const rows = await page.locator('table.relations tbody tr').count();
    check(rows >= 1, 'at least one relation is listed', rows);
    checkHas(
      squash(await page.locator('table.relations thead').textContent()),
      'Change over the year',
      'the columns',
    );
    await follow(page, /sort=index/, page.getByRole('link', { name: 'Index', exact: true }));
    checkEq(
      await page.locator('th[aria-sort]').getAttribute('aria-sort'),
      'ascending',
      'the sorted column says so',
    );
    await follow(page, /dir=desc/, page.getByRole('link', { name: 'Index', exact: true }));
    checkEq(
      await page.locator('th[aria-sort]').getAttribute('aria-sort'),
      'descending',
      'a second click reverses it',
    );
    await follow(
      page,
      /\/relations\/US\/RU/,
      page.locator('p.notice').getByRole('link', { name: 'United States – Russia' }),
    );
    checkEq(
      new URL(page.url()).pathname,
      '/relations/US/RU',
      'one click from the start page to the US–Russia overview',
    );
  });

  await step(`overview on ${DATE}`, async () => {
    await open(page, `/relations/US/RU?as_of=${DATE}`, `overview-${DATE}`);
    checkEq(await h1(page), 'United States – Russia', 'the heading');
    const us = await facts(mission(page, "United States' missions in Russia"));
    checkHas(us['Head of mission'], 'Jon Huntsman', 'the US head of mission');
    checkHas(us['Caps in force'], '455', 'the caps on the US mission');
    checkEq(
      squash(
        await mission(page, "United States' missions in Russia")
          .locator('dd ul li .figure')
          .first()
          .textContent(),
      ),
      '455',
      'the figure of the cap on the US mission',
    );
    checkHas(us['Staff'], '1210', 'the US staff figure');
    checkHas(us['Measures in force'], 'R012', 'the measures in force against the US mission');
    const ru = await facts(mission(page, "Russia's missions in the United States"));
    checkHas(ru['Head of mission'], 'Anatoly Antonov', 'the Russian head of mission');
    checkHas(ru['Staff'], '455', 'the Russian staff figure');
    const stPete = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'US Consulate General St Petersburg' }) });
    const stPeteRow = squash(await stPete.textContent());
    checkHas(stPeteRow, 'limited since 2017-12-11', 'the St Petersburg row');
    const cap = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Staff cap' }) });
    checkHas(squash(await cap.textContent()), 'capped at 455', 'the parity row on staff caps');
    const charts = await page.locator('figure.chart svg').evaluateAll((svgs) =>
      svgs.map((s) => ({
        title: s.querySelector('title')?.textContent.trim() ?? '',
        width: s.getBoundingClientRect().width,
        height: s.getBoundingClientRect().height,
      })),
    );
    checkEq(charts.length, 4, 'the number of charts');
    check(
      charts.every((c) => c.title !== '' && c.width > 300 && c.height > 100),
      'every chart has a title and is drawn at a readable size',
      charts,
    );
    const talks = squash(await page.locator('#talks').locator('..').textContent());
    checkHas(talks, 'Latest round', 'the talks');
  });

  await step(`overview on ${LATE}: the vacancy at the US embassy`, async () => {
    await open(page, `/relations/US/RU?as_of=${LATE}`, `overview-${LATE}`);
    const days = Math.round((Date.UTC(2025, 11, 1) - Date.UTC(2025, 5, 27)) / 86_400_000);
    const us = await facts(mission(page, "United States' missions in Russia"));
    const vacancy = `Vacant since 2025-06-27 (${days} days)`;
    checkEq(us['Head of mission'], vacancy, 'the US head of mission');
  });

  await step('a post', async () => {
    await open(page, '/relations/US/RU/posts/us-cg-st-petersburg?as_of=2018-06-01', 'post');
    checkEq(await h1(page), 'US Consulate General St Petersburg', 'the heading');
    const f = await facts(page.locator('main'));
    checkEq(f['Kind'], 'consulate general', 'the kind');
    const closed = /^closed since 2018-03/.test(f['Status'] ?? '');
    check(closed, 'the status is closed since 2018-03', f['Status']);
    checkHas(f['Status'], 'by Russia', 'the status');
    check(
      (await page.locator('main dl.facts dd a[href*="/measures/"]').count()) === 1,
      'the closing measure is a link',
    );
    check((await page.locator('main table tbody tr').count()) > 0, 'the history lists acts');
  });

  await step('the consular desk: services in words, routing, and the way from the overview', async () => {
    await open(page, '/relations/US/RU?as_of=2022-01-01', 'overview-2022');
    await follow(page, /\/relations\/US\/RU\/consular\?as_of=2022-01-01$/, page.getByRole('link', { name: 'Consular desk' }));
    await pageChecks(page);
    await screenshot(page, 'consular-desk');
    checkEq(await h1(page), 'Consular desk: United States – Russia', 'the heading');
    const moscow = page.getByRole('region', { name: 'US Embassy Moscow' });
    const iv = squash(
      await moscow.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'immigrant visas', exact: true }) }).textContent(),
    );
    checkHas(iv, 'none since 2021-10-21', 'Moscow\'s immigrant visas');
    checkHas(iv, 'applicants go to Warsaw', 'where immigrant visa applicants go');
    const text = squash(await page.locator('main').textContent());
    check(!/emergency_only|immigrant_visa|nonimmigrant_/.test(text), 'levels and services in words, no codes');
    checkHas(text, 'no consular staff figure on record', 'capacity is not made up without staff');
  });

  await step("a post's consular desk: the chart of its service levels", async () => {
    await open(page, '/relations/US/RU/posts/us-embassy-moscow/consular?as_of=2022-01-01', 'consular-desk-post');
    checkEq(await h1(page), 'Consular desk: US Embassy Moscow', 'the heading');
    const charts = await page.locator('figure.chart svg').evaluateAll((svgs) =>
      svgs.map((s) => ({
        title: s.querySelector('title')?.textContent.trim() ?? '',
        width: s.getBoundingClientRect().width,
        height: s.getBoundingClientRect().height,
      })),
    );
    checkEq(charts.length, 1, 'the number of charts');
    check(
      charts.every((c) => c.title.startsWith('Consular service levels') && c.width > 300 && c.height > 100),
      'the chart has its title and is drawn at a readable size',
      charts,
    );
  });

  await step('a measure: the cap of 455 and what it answers', async () => {
    await open(page, `/relations/US/RU/measures/r012?as_of=${DATE}`, 'measure-r012');
    check((await h1(page)).startsWith('R012'), 'the heading names R012', await h1(page));
    const f = await facts(page.locator('main'));
    checkHas(f['Cap'], '455', 'the cap');
    checkEq(f['By'], 'Russia', 'the actor');
    checkHas(f['Against'], 'United States', 'the target');
    checkEq(f['Legal basis'], 'not recorded', 'the legal basis, absent from the sources');
    const answers = page.locator('h2:text-is("What it answers") + ul a');
    checkEq(squash(await answers.first().textContent()), 'R007', 'the measure it answers');
  });

  await step('a measure: legal basis and source links', async () => {
    await open(page, '/relations/US/RU/measures/r042?as_of=2021-09-01', 'measure-r042');
    const f = await facts(page.locator('main'));
    checkEq(
      f['Legal basis'],
      'Presidential decree of 23 Apr 2021 on limiting local hires by missions of unfriendly states',
      'the legal basis',
    );
    checkHas(f['Cap'], '0', 'the limit on local staff');
    const sources = await page.locator('h2:text-is("Sources") + ul > li').evaluateAll((lis) =>
      lis.map((li) => ({
        text: li.textContent.trim(),
        hrefs: [...li.querySelectorAll('a[href]')].map((a) => a.href),
      })),
    );
    checkEq(sources.length, 3, 'the number of sources');
    check(
      sources.every(
        (s) => s.hrefs.length === 1 && s.hrefs[0] === s.text && /^https?:\/\//.test(s.text),
      ),
      'every source address is a link to itself',
      sources,
    );
  });

  await step('the talks of a relation', async () => {
    await open(page, `/relations/US/RU/talks?as_of=${LATE}`, 'talks');
    checkEq(await h1(page), 'Talks: United States – Russia', 'the heading');
    const text = squash(await page.locator('table.rounds').textContent());
    checkHas(text, 'Diriyah Palace, Riyadh', 'the Riyadh round');
    checkHas(text, 'US consul general\'s residence, Istanbul', 'the first Istanbul round');
    checkHas(text, 'cancelled by the United States', 'the cancelled round');
  });

  await step('a round of talks: its commitments and acts, and back', async () => {
    const round = '/relations/US/RU/rounds/istanbul-2025-04-10';
    await open(page, `${round}?as_of=${LATE}`, 'round');
    checkEq(
      await h1(page),
      'Round of talks in Russian consulate general, Istanbul, 2025-04-10',
      'the heading',
    );
    const f = await facts(page.locator('main'));
    checkEq(f['Status'], 'held', 'the status');
    checkEq(f['Parties'], 'United States, Russia', 'the parties');
    checkHas(f['Agenda'], 'diplomatic banking', 'the agenda');
    checkHas(f['Delegations'], 'Sonata Coulter', 'the delegations');
    const banking = page.getByRole('link', {
      name: 'Diplomatic notes exchanged committing to unimpeded banking services for each other\'s missions.',
    });
    // Headed by its text in the round's commitments, and again in the round's acts, where the
    // act that made it says what it is about: every such link leads to the commitment.
    const headed = await banking.count();
    check(headed >= 1, 'the commitment is a link headed by its text', headed);
    for (let i = 0; i < headed; i++) {
      checkHas(
        await banking.nth(i).getAttribute('href'),
        '/commitments/istanbul-2025-banking',
        'a link headed by the commitment\'s text leads to it',
      );
    }
    const acts = await page.locator('a[href^="/acts/"]').count();
    check(acts >= 4, 'the acts of the round are linked', acts);
    await follow(page, /\/commitments\/istanbul-2025-banking/, banking.first());
    checkHas(await h1(page), 'Diplomatic notes exchanged', "the commitment's heading is its text");
    const f2 = await facts(page.locator('main'));
    checkEq(f2[`Status on ${LATE}`], 'open since 2025-04-10', 'the status');
    await follow(
      page,
      /\/rounds\/istanbul-2025-04-10/,
      page.getByRole('link', { name: 'Round of talks in Russian consulate general, Istanbul, 2025-04-10' }),
    );
    checkEq(new URL(page.url()).pathname, round, 'the commitment links back to its round');
    await follow(page, /\/acts\/\d+/, page.locator('main table a[href^="/acts/"]').first());
    await follow(page, /\/rounds\/istanbul-2025-04-10/, page.getByRole('link', { name: 'istanbul-2025-04-10' }));
    checkEq(new URL(page.url()).pathname, round, "the round's act links back to the round");
  });

  await step('the brief for the next round, and its print layout', async () => {
    await open(page, '/relations/US/RU/talks/brief?as_of=2026-01-15', 'brief');
    checkEq(await h1(page), 'Brief for the next round: United States – Russia', 'the heading');
    for (const h of [
      'Commitments owed',
      'What changed since the last round',
      "The roadmap's next steps",
      'Parity that moved since the last round',
    ]) {
      checkEq(await page.getByRole('heading', { name: h }).count(), 1, `the section ${h}`);
    }
    checkHas(
      squash(await page.locator('tr.overdue').first().textContent()),
      'Hold a third round',
      'the overdue commitment is flagged',
    );
    await page.emulateMedia({ media: 'print' });
    try {
      const nav = page.getByRole('navigation', { name: 'Main', includeHidden: true });
      checkEq(
        await nav.evaluate((e) => getComputedStyle(e).display),
        'none',
        'no navigation in print',
      );
      await screenshot(page, 'brief-print');
    } finally {
      // The steps after this one read the page as a screen shows it.
      await page.emulateMedia({ media: 'screen' });
    }
  });

  await step('a person', async () => {
    await open(page, `/relations/US/RU/people/Jon%20Huntsman?as_of=${DATE}`, 'person');
    checkEq(await h1(page), 'Jon Huntsman', 'the heading');
    checkHas(
      squash(await page.locator('main ul').first().textContent()),
      'Head of mission of the United States in Russia since 2017-10',
      'the roles on the date',
    );
    check((await page.locator('main table tbody tr').count()) >= 2, 'appearances in the record');
  });

  /** The acts the list shows on its page; its status line must begin with that number. */
  const countOf = async () => {
    const rows = await page.locator('main table tbody tr').count();
    const status = squash(await page.getByRole('status').textContent());
    check(status.startsWith(`${rows} `), `the status line counts the ${rows} acts shown`, status);
    return rows;
  };

  await step('the acts list narrowed by kind, state and text', async () => {
    await open(page, `/acts?as_of=${DATE}`, 'acts');
    checkEq(await h1(page), 'Acts', 'the heading');
    const all = await countOf();
    checkEq(all, 50, 'the acts on the first unfiltered page');
    const filters = page.getByRole('search', { name: 'Filter acts' });
    await filters.getByLabel('Kind', { exact: true }).selectOption('measure_imposed');
    await filters.getByLabel('Done by', { exact: true }).selectOption('RU');
    await filters.getByLabel('Text', { exact: true }).fill('455');
    await follow(page, /kind=measure_imposed/, filters.getByRole('button', { name: 'Filter' }));
    const q = new URL(page.url()).searchParams;
    checkEq(q.get('as_of'), DATE, 'the filter keeps the date');
    checkEq(q.get('actor'), 'RU', 'the state filter in the URL');
    await pageChecks(page);
    await screenshot(page, 'acts-filtered');
    const some = await countOf();
    check(some >= 1 && some < all, `the filters narrow ${all} acts`, some);
    const rows = await page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
    );
    check(
      rows.every((r) => r[2] === 'measure imposed' && r[3].split(', ').includes('RU')),
      'every row is a measure imposed naming RU',
      rows,
    );
    check(rows.some((r) => r[5] === 'R012'), 'the cap R012 is found', rows);
  });

  await step('the acts list narrowed by dates', async () => {
    await page.goto(url(`/acts?as_of=${DATE}`));
    const all = await countOf();
    const filters = page.getByRole('search', { name: 'Filter acts' });
    await filters.getByLabel('From', { exact: true }).fill('2017-07-01');
    await filters.getByLabel('To', { exact: true }).fill('2017-08-31');
    await follow(page, /from=2017-07-01/, filters.getByRole('button', { name: 'Filter' }));
    await pageChecks(page);
    const some = await countOf();
    check(some >= 1 && some < all, `the dates narrow ${all} acts`, some);
    const dates = await page.locator('main table tbody tr td:nth-child(2)').allTextContents();
    check(
      dates.every((d) => {
        const [first, last] = period(d.trim());
        return last >= '2017-07-01' && first <= '2017-08-31';
      }),
      'every act shown falls in July–August 2017',
      dates,
    );
  });

  await step('an act', async () => {
    await open(page, `/acts/1?as_of=${DATE}`, 'act');
    checkEq(await h1(page), 'Act #1: state registered', 'the heading');
    const f = await facts(page.locator('main'));
    checkEq(f['Kind of act'], 'state registered', 'the kind');
    const others = page.getByRole('link', { name: 'Other acts of this kind' });
    check((await others.count()) === 1, 'a link to acts of its kind');
  });

  await step('signing in', async () => {
    // Signed out, the form to record an act leads to the sign-in page, which comes back.
    await page.goto(url(`/acts/new?as_of=${DATE}`));
    check(page.url().startsWith(url('/login?next=')), 'signed out, recording asks to sign in', page.url());
    await pageChecks(page, null);
    await screenshot(page, 'sign-in');
    checkEq(await h1(page), 'Sign in', 'the heading');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(`${password}-wrong`);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    checkEq(refused.status(), 401, 'the status of a wrong password');
    checkHas(squash(await page.getByRole('alert').textContent()), 'Sign-in failed', 'the generic message');
    checkEq(await page.getByLabel('Password').inputValue(), '', 'the password is not echoed');
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForURL(/\/acts\/new/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    checkEq(await h1(page), 'Record an act', 'back where the user was going');
    const nav = page.getByRole('navigation', { name: 'Main' });
    check((await nav.getByRole('button', { name: 'Sign out' }).count()) === 1, 'a sign-out button once signed in');
  });

  await step('the forms', async () => {
    await open(page, `/acts/new?as_of=${DATE}`, 'forms');
    checkEq(await h1(page), 'Record an act', 'the heading');
    const links = await page.locator('main ul.kinds a').evaluateAll((as) => as.map((a) => a.href));
    check(Number.isInteger(KINDS) && KINDS > 0, 'the harness gives the number of kinds of act', process.env.KINDS_OF_ACT);
    checkEq(links.length, KINDS, 'the number of kinds of act');
    check(
      links.every((h) => new URL(h).searchParams.get('as_of') === DATE),
      'every form link keeps the date',
      links.filter((h) => new URL(h).searchParams.get('as_of') !== DATE),
    );
    const staffing = page.getByRole('link', { name: 'Staffing reported' });
    await follow(page, /kind=staffing_reported/, staffing);
    await pageChecks(page);
    await screenshot(page, 'form-staffing-reported');
    checkEq(await h1(page), 'Record: Staffing reported', 'the heading');
    const date = await actForm(page).getByLabel(/^Date/).inputValue();
    checkEq(date, DATE, 'the date field, at first the page date,');
    check((await actForm(page).getByLabel(/^Visibility/).count()) === 1, 'a visibility field');
    check((await page.locator('input[type=password]').count()) === 0, 'no secret in the form');
  });

  await step('every page the navigation bar leads to', async () => {
    await page.goto(url(`/relations/US/RU?as_of=${DATE}`));
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = await nav.getByRole('link').evaluateAll((as) =>
      as.map((a) => ({ name: a.textContent.trim(), href: a.getAttribute('href') })),
    );
    check(links.length >= 3, 'the navigation bar has links', links);
    for (const { name, href } of links) {
      check(new URL(href, base).searchParams.get('as_of') === DATE, `${name} keeps the date`, href);
      if (new URL(href, base).pathname === '/relations/US/RU') continue; // checked above
      const label = `nav-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      await open(page, href, label);
    }
  });

  await step('search: "Салливан" typed in the header finds John Sullivan', async () => {
    await open(page, `/relations/US/RU?as_of=${LATE}`, 'overview-before-search');
    const box = page.locator('header.site form.site-search input[name=q]');
    await box.fill('Салливан');
    await Promise.all([page.waitForURL(/\/search\?/), box.press('Enter')]);
    await pageChecks(page);
    checkEq(asOfIn(page), LATE, 'the search keeps the page date');
    await screenshot(page, 'search-sullivan');
    const hit = page.locator('main ol.results a', { hasText: 'John Sullivan' });
    checkEq(await hit.count(), 1, 'one link to John Sullivan');
    checkHas(squash(await page.locator('main ol.results').textContent()), 'Джон Салливан', 'the hit shows the Russian name');
    await follow(page, /\/relations\/US\/RU\/people\/John%20Sullivan\?/, hit);
    await pageChecks(page);
    checkEq(await h1(page), 'John Sullivan', 'the person page');
    checkHas(squash(await page.locator('main p.also-written').textContent()), 'Джон Салливан', 'the name in Russian under the heading');
  });

  await step('links carry the date', async () => {
    await page.goto(url(`/relations/US/RU?as_of=${DATE}`));
    const usPanel = mission(page, "United States' missions in Russia");
    await follow(page, /\/measures\/r012/, usPanel.getByRole('link', { name: 'R012' }).first());
    checkEq(asOfIn(page), DATE, 'the date after following the cap');
    await pageChecks(page);
    const postLink = page.locator('main dl.facts').getByRole('link', { name: 'us-embassy-moscow' });
    await follow(page, /\/posts\//, postLink);
    checkEq(asOfIn(page), DATE, 'the date two links away');
    checkEq(await h1(page), 'US Embassy Moscow', 'the post reached');
    await pageChecks(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await follow(page, /acts\?/, nav.getByRole('link', { name: 'Acts', exact: true }));
    checkEq(asOfIn(page), DATE, 'the date after the navigation bar');
    await page.goto(url(`/relations/US/RU?as_of=${DATE}`));
    await follow(page, /2019-01-01/, page.getByRole('link', { name: 'One year later' }));
    checkEq(page.url(), url('/relations/US/RU?as_of=2019-01-01'), 'one year later');
    await pageChecks(page);
    const dateField = page.getByRole('search', { name: 'Date of the view' }).getByLabel('As of');
    await dateField.fill('2021-09-01');
    await Promise.all([page.waitForURL(/2021-09-01/), dateField.press('Enter')]);
    checkEq(page.url(), url('/relations/US/RU?as_of=2021-09-01'), 'the page after choosing a date');
    await pageChecks(page);
  });

  await step('keyboard: Tab reaches links and fields with a visible focus', async () => {
    await page.goto(url(`/relations/US/RU?as_of=${DATE}`));
    await page.keyboard.press('Tab');
    let f = await focused(page);
    checkEq(f?.text, 'Skip to content', 'the first Tab stop');
    checkVisibleFocus(f, 'the skip link');
    await screenshot(page, 'focus-skip-link', false);
    await page.keyboard.press('Tab');
    f = await focused(page);
    checkEq(f?.text, 'Chancery', 'the second Tab stop, the first link of the header');
    checkVisibleFocus(f, 'the header link');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    f = await focused(page);
    check(f !== null && f.inMain, 'after the skip link, Tab goes into the content', f);
    checkVisibleFocus(f, 'the first link of the content');

    await page.goto(url(`/acts/new?kind=staffing_reported&as_of=${DATE}`));
    let tabs = 0;
    do {
      await page.keyboard.press('Tab');
      tabs += 1;
      f = await focused(page);
    } while (tabs < 40 && !(f && f.inForm));
    checkEq(f?.id, 'f-sending', `the first field of the form, reached in ${tabs} Tabs`);
    checkVisibleFocus(f, 'the first field');
    await screenshot(page, 'focus-first-field', false);
  });

  await step('a form filled by choosing lists every fault at once, records nothing, then records and links', async () => {
    const before = await lastSeq(context);
    // The relation first, then the kind, each a plain GET.
    await page.goto(url(`/acts/new?as_of=${DATE}`));
    await page.getByLabel('Relation').selectOption('US-RU');
    await follow(page, /relation=US-RU/, page.getByRole('button', { name: 'Choose' }));
    await follow(page, /kind=post_opened/, page.getByRole('link', { name: 'A post opened' }));
    await pageChecks(page, DATE);
    checkEq(await h1(page), 'Record: A post opened', 'the heading');
    const sending = actForm(page).getByLabel(/^Sending state/);
    checkEq(await sending.evaluate((e) => e.tagName.toLowerCase()), 'select', 'the sending state is a choice');
    await sending.selectOption('US');
    await actForm(page).getByLabel(/^Name/).fill('US Consulate General Novosibirsk');
    await actForm(page).getByLabel(/^Date/).first().fill('next spring');
    const refused = await submitAct(page);
    checkEq(refused.status(), 422, 'the status of the refusal');
    await pageChecks(page, DATE);
    await screenshot(page, 'form-every-fault');
    const alert = page.getByRole('alert').first();
    checkHas(squash(await alert.textContent()), 'Nothing was recorded', 'the summary');
    checkHas(squash(await alert.textContent()), '4 faults', 'the summary counts the faults');
    for (const [field, words] of [
      ['host', 'required'],
      ['post_kind', 'required'],
      ['city', 'required'],
      ['date', 'is not a date'],
    ]) {
      const error = page.locator(`#f-${field}-error`);
      check(await error.isVisible(), `an error is shown beside ${field}`);
      checkHas(squash(await error.textContent()), words, `the error beside ${field}`);
      check((await alert.locator(`a[href="#f-${field}"]`).count()) === 1, `the summary links ${field}`);
      checkEq(await page.locator(`#f-${field}`).getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
    }
    checkEq(await sending.inputValue(), 'US', 'the choice made is kept');
    checkEq(await lastSeq(context), before, 'the last journal number after the refusal');

    await actForm(page).getByLabel(/^Host state/).selectOption('RU');
    await actForm(page).getByLabel(/^Kind of post/).selectOption('consulate_general');
    await actForm(page).getByLabel(/^City/).fill('Novosibirsk');
    await actForm(page).getByLabel(/^Date/).first().fill('2025-05-01');
    const recorded = await submitAct(page);
    checkEq(recorded.status(), 303, 'the status of the recording');
    const seq = before + 1;
    check(page.url().startsWith(url(`/acts/${seq}/recorded`)), 'a confirmation after recording', page.url());
    await pageChecks(page);
    await screenshot(page, 'form-recorded');
    checkEq(await h1(page), `Recorded: act #${seq}`, 'the heading of the confirmation');
    const id = 'us-ru-us-consulate-general-novosibirsk';
    checkHas(squash(await page.locator('main').textContent()), `made from its name: ${id}`, 'the identifier made');
    check((await page.getByRole('link', { name: `Act #${seq}` }).count()) === 1, 'a link to the act');
    await follow(page, /\/posts\//, page.getByRole('link', { name: `The post's page (${id})` }));
    await pageChecks(page);
    checkEq(await h1(page), 'US Consulate General Novosibirsk', 'the post recorded, reached from the confirmation');
    checkEq(await lastSeq(context), seq, 'the last journal number');
  });

  await step('a refusal by a rule names the rule beside its field', async () => {
    const before = await lastSeq(context);
    await page.goto(url(`/acts/new?relation=US-RU&kind=post_closed&as_of=${DATE}`));
    await actForm(page).getByLabel(/^Post/).selectOption('us-embassy-moscow');
    await actForm(page).getByLabel(/^By/).selectOption('RU');
    await actForm(page).getByLabel(/^Date/).first().fill('1890-01-01');
    const response = await submitAct(page);
    checkEq(response.status(), 422, 'the status of the refusal');
    await pageChecks(page, DATE);
    await screenshot(page, 'form-refused');
    const error = page.locator('.field.invalid .error').first();
    check(await error.isVisible(), 'an error is shown beside a field');
    check(/\[[a-z_]+\]/.test(squash(await error.textContent())), 'the rule is named', await error.textContent());
    checkHas(squash(await page.getByRole('alert').first().textContent()), 'Nothing was recorded', 'the summary');
    checkEq(await lastSeq(context), before, 'the last journal number');
  });

  await step('a good act is recorded through the form and shows on the overview', async () => {
    const before = await lastSeq(context);
    await page.goto(url('/relations/US/RU?as_of=2025-12-31'));
    const staffBefore = (await facts(mission(page, "United States' missions in Russia")))['Staff'];
    const shown = /about 140\b/.test(staffBefore ?? '');
    check(!shown, 'the US staff figure before the report is not the one to record', staffBefore);
    await page.goto(url(`/acts/new?kind=staffing_reported&as_of=${DATE}`));
    await actForm(page).getByLabel(/^Sending state/).selectOption('US');
    await actForm(page).getByLabel(/^Host state/).selectOption('RU');
    await actForm(page).getByLabel(/^Figure/).fill('140');
    await actForm(page).getByLabel(/^Bound/).selectOption('about');
    await actForm(page).getByLabel(/^Counts/).selectOption('all_staff');
    await actForm(page).getByLabel(/^Date/).first().fill('2025-12-15');
    const sources = 'Browser suite: a staffing report\nA second source line';
    await actForm(page).getByLabel(/^Sources/).fill(sources);
    await actForm(page).getByLabel(/^Confidence/).selectOption('high');
    const response = await submitAct(page);
    checkEq(response.status(), 303, 'the status of the recording');
    const seq = before + 1;
    checkEq(page.url(), url(`/acts/${seq}/recorded?as_of=2025-12-15`), 'the confirmation shown after recording');
    await follow(page, new RegExp(`/acts/${seq}\\?`), page.getByRole('link', { name: `Act #${seq}` }));
    await pageChecks(page);
    await screenshot(page, 'act-recorded');
    checkEq(await h1(page), `Act #${seq}: staffing reported`, 'the heading');
    const f = await facts(page.locator('main'));
    checkEq(f['Figure'], '140', 'the figure recorded');
    checkEq(f['Bound'], 'about', 'the bound recorded');
    checkEq(f['Sending state'], 'US', 'the sending state, upper-cased');
    checkHas(f['Sources'], 'A second source line', 'the sources recorded');
    checkEq(await lastSeq(context), seq, 'the last journal number');
    await open(page, '/relations/US/RU?as_of=2025-12-31', 'overview-after-recording');
    const us = await facts(mission(page, "United States' missions in Russia"));
    checkHas(us['Staff'], 'about 140', 'the US staff figure after the report');
    checkHas(us['Staff'], 'reported 2025-12-15', 'the US staff figure after the report');
  });

  await step('no request left the server, none failed', async () => {
    check(requested.has('/style.css'), 'the listener saw the pages load their stylesheet', [
      ...requested,
    ]);
    check(foreign.length === 0, `every request went to ${base.origin}`, foreign);
    check(broken.length === 0, 'no request failed', broken);
  });
} finally {
  await browser.close();
}

console.log(`\n${checks} checks, ${failures.length} failed; screenshots in ${shotDir}`);
if (failures.length > 0) {
  console.error(`browser suite FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
