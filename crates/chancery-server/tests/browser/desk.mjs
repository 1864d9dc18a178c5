// The diplomatic list and the alerts in a real browser (headless Chromium, JavaScript off).
//
//   node desk.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL is a server seeded with the demo plus one member of the US embassy in Moscow,
// Dana Planted, declared persona non grata by Russia on 2025-05-01 with a deadline of
// 2025-05-08, who departed on 2025-05-12 (crates/chancery-server/tests/suite/browser_desk.rs plants
// it). The suite checks the list before and after the deadline and after departure, and the
// alert appearing (due the day before, overdue after) and clearing. Exits 1 on a failed check,
// 2 when a tool is missing.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [baseArg, shotDir] = process.argv.slice(2);
const die = (m) => {
  console.error(`desk suite: ${m}`);
  process.exit(2);
};
if (!baseArg || !shotDir) die('usage: node desk.mjs BASE_URL SCREENSHOT_DIR');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) die(`Chromium not found at ${chromiumPath}`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  die(`cannot load playwright-core (${e.message}): run \`npm ci\` here`);
}
mkdirSync(shotDir, { recursive: true });
setTimeout(() => {
  console.error('desk suite: still running after 120 s; giving up');
  process.exit(1);
}, 120_000).unref();

const failures = [];
function check(ok, what, detail) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${what}${ok ? '' : ` (got: ${JSON.stringify(detail)})`}`);
  if (!ok) failures.push(what);
}
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const url = (p) => new URL(p, baseArg).toString();
let shots = 0;

const browser = await chromium
  .launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  .catch((e) => die(`cannot start Chromium: ${e.message}`));
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const open = async (p, label) => {
    const r = await page.goto(url(p));
    check(r?.status() === 200, `GET ${p} is 200`, r?.status());
    shots += 1;
    await page.screenshot({
      path: path.join(shotDir, `desk-${String(shots).padStart(2, '0')}-${label}.png`),
      fullPage: true,
    });
  };
  const row = async () => squash(await page.locator('#member-dana-planted').textContent());
  const alertKinds = async () =>
    page.locator('ul.alerts li').evaluateAll((ls) => ls.map((l) => l.dataset.kind));

  const list = '/relations/US/RU/posts/us-embassy-moscow/diplomatic-list';
  await open(`${list}?as_of=2025-05-07`, 'list-before-deadline');
  check((await row()).includes('1 day left'), 'a day before: one day left', await row());
  await open('/relations/US/RU/alerts?as_of=2025-05-07', 'alerts-before-deadline');
  let kinds = await alertKinds();
  check(kinds.includes('png_departure_due'), 'a day before: the departure is due', kinds);
  check(!kinds.includes('png_departure_overdue'), 'a day before: not yet overdue', kinds);

  await open(`${list}?as_of=2025-05-10`, 'list-deadline-passed');
  const passed = await row();
  check(passed.includes('deadline passed 2 days ago'), 'after: the deadline passed', passed);
  check(
    (await page.locator('#member-dana-planted strong.bad').count()) === 1,
    'after: flagged in red',
    passed,
  );
  await open('/relations/US/RU/alerts?as_of=2025-05-10', 'alerts-deadline-passed');
  kinds = await alertKinds();
  check(kinds.includes('png_departure_overdue'), 'after: an urgent alert appears', kinds);
  const link = page.locator('li[data-kind=png_departure_overdue] a');
  check(squash(await link.textContent()).includes('Dana Planted'), 'the alert names the member');
  await link.click();
  check(page.url().includes('/posts/us-embassy-moscow/diplomatic-list'), 'it links to the list', page.url());

  await open(`${list}?as_of=2025-05-13`, 'list-departed');
  check((await row()).includes('departed 2025-05-12'), 'after departure: departed', await row());
  await open('/relations/US/RU/alerts?as_of=2025-05-13', 'alerts-cleared');
  kinds = await alertKinds();
  check(!kinds.some((k) => k?.startsWith('png_departure')), 'after departure: the alert clears', kinds);

  await open('/relations/US/RU/alerts?as_of=2025-05-10&lang=ru', 'alerts-ru');
  check(
    squash(await page.locator('h1').textContent()).startsWith('Предупреждения'),
    'the alerts page in Russian',
  );
} finally {
  await browser.close();
}
console.log(`\n${failures.length} failed`);
if (failures.length) process.exit(1);
