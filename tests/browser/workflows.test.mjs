// Browser tests of the case-management workflows (issue 10) end to end, through the pages a user sees: a plan action
// that goes overdue and is done, a missed appointment that leads to a warning and then to breach action that turns
// the rating Red, a custody episode with its resettlement checklist and countdown, and a manager answering a level
// suggestion. People are found in the demo data (scripts/test loads it) by what their pages show, never by id;
// every page visited that no other browser test checks is checked at desktop and phone widths (support.mjs).
//
// Other suites change some people too (cases.test.mjs overrides and records a missed appointment for people on
// demo.practitioner's caseload, and assesses someone Green and provisional), so the tests here that change a rating
// or a custody record leave those people alone: any order, and running beside them, gives the same results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, checkPage, desktop, launchBrowser, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// The server's today is Europe/London's: the ISO day `days` after it (before it when negative).
function londonDay(days = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
const ymd = (iso) => iso.split('-').map(Number);
// The server's ways of writing a day: "8 December 2026", "8 Dec 2026", "Tuesday 8 December 2026".
const longDate = (iso) => { const [y, m, d] = ymd(iso); return `${d} ${MONTHS[m - 1]} ${y}`; };
const shortDate = (iso) => { const [y, m, d] = ymd(iso); return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`; };
const weekday = (iso) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()];
const dayAndDate = (iso) => `${weekday(iso)} ${longDate(iso)}`;
// "26 Sep 2025" back to an ISO day.
function fromShortDate(text) {
  const [d, mon, y] = text.trim().split(' ');
  const m = MONTHS.findIndex((name) => name.startsWith(mon)) + 1;
  assert.ok(m > 0, `"${text}" is a short date`);
  return `${y}-${String(m).padStart(2, '0')}-${String(Number(d)).padStart(2, '0')}`;
}

// Fills a GOV.UK date input `name` with an ISO day.
async function fillDate(page, name, iso) {
  const [year, month, day] = iso.split('-');
  await page.fill(`#${name}-day`, String(Number(day)));
  await page.fill(`#${name}-month`, String(Number(month)));
  await page.fill(`#${name}-year`, year);
}

const personId = (href) => Number(href.match(/\/people\/(\d+)/)[1]);

// The whole cohort's person ids, from the manager's caseload of everyone.
async function cohort(page) {
  await page.goto(`${base}/caseload?everyone=1`);
  const hrefs = await page.locator('#caseload tbody tr td:first-child a').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 10, 'the demo cohort has people in it');
  return hrefs.map(personId);
}

// The ids of the people on demo.practitioner's own caseload (the people cases.test.mjs changes).
async function practitionersPeople() {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.practitioner');
  await page.goto(`${base}/caseload`);
  const hrefs = await page.locator('#caseload tbody tr td:first-child a').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  await context.close();
  return new Set(hrefs.map(personId));
}

// Records a contact from the case page's button, and comes back to the case page.
async function recordContact(page, caseUrl, { on, kind, outcome, notes }) {
  await page.goto(caseUrl);
  await page.click('text=Record a contact or appointment');
  await fillDate(page, 'on', on);
  await page.check(`input[name=kind][value=${kind}]`);
  await page.check(`input[name=outcome][value=${outcome}]`);
  await page.fill('#notes', notes);
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=contact`);
}

test('a plan action added past its due date shows as overdue until it is marked done', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.manager');
  const [id] = await cohort(page);
  await checkPage(page, 'caseload-everyone');
  const planUrl = `${base}/people/${id}/plan`;
  await page.goto(planUrl);
  // The overdue count before: "None", or "2 actions overdue".
  const overdueCount = async () => {
    const text = (await page.locator('dt:text-is("Overdue") + dd').textContent()).trim();
    if (text === 'None') return 0;
    const match = text.match(/^(\d+) actions? overdue$/);
    assert.ok(match, `the overdue count reads "${text}"`);
    return Number(match[1]);
  };
  const before = await overdueCount();
  await checkPage(page, 'plan');
  // Told apart from any added before on the same database.
  const run = Date.now().toString(36);
  const supportText = `Browser test ${run}: referral to the housing options team`;

  // A support action due in a fortnight (the form's default) is Open.
  await page.click('text=Add an action');
  assert.equal(page.url(), `${planUrl}/new`);
  await checkPage(page, 'plan-action-new');
  assert.equal(await page.locator('input[name=kind][value=support]').isChecked(), true, 'support is the default');
  const due = londonDay(14);
  assert.equal(await page.inputValue('#due_on-day'), String(ymd(due)[2]), 'due in a fortnight by default');
  await page.click('main form button[type=submit]');
  const planErrors = await page.textContent('.govuk-error-summary');
  assert.match(planErrors, /Select the pathway a support action is on/);
  assert.match(planErrors, /Describe the action/);
  await checkPage(page, 'plan-action-errors');
  await page.check('input[name=kind][value=support]');
  await page.check('input[name=pathway][value=accommodation]');
  await page.fill('#description', supportText);
  await fillDate(page, 'due_on', due);
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${planUrl}?saved=action`);
  const support = page.locator('#support li.app-plan-action', { hasText: supportText });
  assert.equal(await support.locator('.govuk-tag').getAttribute('data-status'), 'Open');
  assert.match(await support.textContent(), new RegExp(`Support: Accommodation\\. Owner: .*Due ${shortDate(due)}\\.`));
  assert.equal(await overdueCount(), before, 'an action not yet due is not overdue');

  // The rules allow an action already past its due date (within the year): it is Overdue at once, on the plan and
  // in its owner's "My overdue actions".
  const late = londonDay(-3);
  const description = `Browser test ${run}: curfew check at the home address`;
  await page.click('text=Add an action');
  await page.check('input[name=kind][value=enforcement]');
  await page.check('input[name=pathway][value=""]');
  await page.fill('#description', description);
  await fillDate(page, 'due_on', late);
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${planUrl}?saved=action`);
  const action = page.locator('#sanctions li.app-plan-action', { hasText: description });
  assert.equal(await action.locator('.govuk-tag').getAttribute('data-status'), 'Overdue');
  assert.equal(await overdueCount(), before + 1);
  await checkPage(page, 'plan-overdue');
  await page.goto(`${base}/caseload`);
  const mine = page.locator('#my-overdue li', { hasText: description });
  assert.match(await mine.textContent(), new RegExp(`Overdue\\s+due ${shortDate(late)}, 3 days ago`));
  await checkPage(page, 'caseload-my-overdue');

  // Done, it is no longer overdue: the tag says Done with the day, and the count drops back.
  await mine.locator('a').click();
  assert.equal(page.url(), planUrl);
  await action.locator('button:has-text("Mark done")').click();
  assert.equal(page.url(), `${planUrl}?saved=done`);
  assert.equal(await action.locator('.govuk-tag').getAttribute('data-status'), 'Done');
  assert.match(await action.textContent(), new RegExp(`Due ${shortDate(late)}; Done ${shortDate(londonDay(0))}\\.`));
  assert.equal(await action.locator('button:has-text("Reopen")').count(), 1, 'a done action can be reopened');
  assert.equal(await overdueCount(), before);
  await checkPage(page, 'plan-done');
  await page.goto(`${base}/caseload`);
  assert.equal(await page.locator('#my-overdue li', { hasText: description }).count(), 0);
  await context.close();
});

test('two unacceptable failures to attend lead to a warning, then breach action, and a proven breach turns the rating Red', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const others = await practitionersPeople();
  await signIn(page, 'demo.manager');
  // Both failures more than 28 days ago, so neither counts towards the rating: only the proven breach turns it Red.
  const firstFailure = londonDay(-50), warnedOn = londonDay(-45), secondFailure = londonDay(-40), today = londonDay(0);
  // Someone Green or Amber (not overridden, not provisional), with no enforcement step due or taken, on a community
  // order or post-sentence supervision since before the first failure: their second failure calls for breach action.
  let id;
  for (const candidate of await cohort(page)) {
    if (others.has(candidate)) continue;
    await page.goto(`${base}/people/${candidate}/case`);
    if (!['Green', 'Amber'].includes(await page.getAttribute('.app-brag-tag', 'data-rating'))) continue;
    const main = await page.textContent('main');
    if (/Overridden to|asked to override|Provisional:/.test(main)) continue;
    if (!(await page.textContent('#enforcement')).includes('No enforcement step is due.')) continue;
    if (await page.locator('#enforcement-steps').count() > 0) continue;
    await page.goto(`${base}/people/${candidate}/level`);
    const status = (await page.textContent('#statutory-now')).match(/^(Community order|Post-sentence supervision) from (\d+ \w+ \d{4})/);
    if (!status || fromShortDate(status[2]) > firstFailure) continue;
    id = candidate;
    break;
  }
  assert.ok(id, 'the demo cohort has someone on a community order with no enforcement history');
  const caseUrl = `${base}/people/${id}/case`;
  await page.goto(caseUrl);
  assert.match(await page.textContent('#level'), /Statutory status\s*(Community order|Post-sentence supervision) until/);

  // The first failure: a warning is due, with a link that starts it.
  await recordContact(page, caseUrl, { on: firstFailure, kind: 'office', outcome: 'failed_unacceptable',
    notes: 'Browser test: did not come to the office' });
  const warningDue = page.locator('#enforcement-due li[data-kind=warning]');
  assert.equal(await warningDue.count(), 1);
  assert.match(await warningDue.textContent(),
    new RegExp(`Warning due\\s+Office appointment on ${longDate(firstFailure)} failed unacceptably, with no warning in the year before: a warning is due`));
  await checkPage(page, 'case-warning-due');
  await warningDue.locator('a:has-text("Give a warning")').click();
  assert.match(page.url(), /\/enforcement\/new\?kind=warning&contact=\d+$/);
  assert.equal(await page.locator('input[name=kind][value=warning]').isChecked(), true);
  assert.match(await page.locator('#contact option:checked').textContent(),
    new RegExp(`^${shortDate(firstFailure)}: Office appointment with \\S`), 'the failure it answers is chosen');
  await checkPage(page, 'enforcement-new');
  await fillDate(page, 'on', warnedOn);
  await page.fill('#reason', 'Told in the office that a further failure means court');
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=enforcement#enforcement`);
  assert.match(await page.textContent('#enforcement'), /No enforcement step is due\./);
  const warning = page.locator('#enforcement-steps tbody tr[data-kind=warning]');
  assert.match(await warning.textContent(), new RegExp(`${shortDate(warnedOn)}\\s*Warning\\s*demo.manager.*Told in the office`));

  // The second failure, within a year of the warning: breach action is due.
  await recordContact(page, caseUrl, { on: secondFailure, kind: 'home_visit', outcome: 'failed_unacceptable',
    notes: 'Browser test: not at home for the visit' });
  const breachDue = page.locator('#enforcement-due li[data-kind=breach]');
  assert.equal(await breachDue.count(), 1);
  assert.match(await breachDue.textContent(),
    new RegExp(`Breach action due\\s+Home visit on ${longDate(secondFailure)} failed unacceptably, within a year of the warning on ${longDate(warnedOn)}: breach action is due`));
  const ratingBefore = await page.getAttribute('.app-brag-tag', 'data-rating');
  assert.notEqual(ratingBefore, 'Red', 'failures more than 28 days ago do not make the rating Red');
  await checkPage(page, 'case-breach-due');

  // Breach action needs a reason of at least 10 characters.
  await breachDue.locator('a:has-text("Start breach action")').click();
  assert.equal(await page.locator('input[name=kind][value=breach]').isChecked(), true);
  await page.fill('#reason', 'Too short');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /at least 10 characters/);
  assert.match(await page.textContent('#reason-error'), /at least 10 characters/);
  assert.equal(await page.inputValue('#reason'), 'Too short', 'what was typed is kept');
  await checkPage(page, 'enforcement-errors');
  await page.fill('#reason', 'Second unacceptable failure within a year of the warning: back to court');
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=enforcement#enforcement`);
  assert.match(await page.textContent('#enforcement'), /No enforcement step is due\./);
  const breach = page.locator('#enforcement-steps tbody tr[data-kind=breach]');
  assert.match(await breach.textContent(), /Breach action.*back to court.*Awaiting outcome/s);
  await checkPage(page, 'case-breach-awaiting');

  // The court finds it proven: the breach is recorded today, and the rating turns Red because of it.
  await breach.locator('a:has-text("Record outcome")').click();
  assert.match(page.url(), /\/enforcement\/\d+$/);
  assert.match(await page.textContent('#step'), new RegExp(`Breach action on ${longDate(today)} by demo.manager .*back to court`));
  const outcomes = await page.locator('input[name=outcome]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(outcomes, ['proven', 'not_proven', 'withdrawn'], 'breach action has its own outcomes');
  await checkPage(page, 'enforcement-outcome');
  await page.check('input[name=outcome][value=proven]');
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=outcome#enforcement`);
  assert.match(await breach.textContent(), new RegExp(`Breach proven on ${shortDate(today)}`));
  assert.equal(await breach.locator('text=Awaiting outcome').count(), 0);
  assert.equal(await page.getAttribute('.app-brag-tag', 'data-rating'), 'Red');
  assert.match(await page.textContent('.app-brag-reasons li[data-rule=recent_breach]'),
    new RegExp(`Red\\s+Breach recently:\\s+Breach on ${longDate(today)}`));
  await checkPage(page, 'case-breach-proven');
  await context.close();
});

test('a custody episode brings its resettlement checklist and the countdown to release', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const others = await practitionersPeople();
  await signIn(page, 'demo.manager');
  // Someone never in custody, assessed (so no other test picks them as provisional) and not on the practitioner's
  // caseload: custody makes the rating Blue.
  let id;
  for (const candidate of await cohort(page)) {
    if (others.has(candidate)) continue;
    await page.goto(`${base}/people/${candidate}/case`);
    if (await page.getAttribute('.app-brag-tag', 'data-rating') === 'Blue') continue;
    if ((await page.textContent('main')).includes('Provisional:')) continue;
    await page.goto(`${base}/people/${candidate}/custody`);
    if (!(await page.textContent('main')).includes('No custody episodes are recorded.')) continue;
    id = candidate;
    break;
  }
  assert.ok(id, 'the demo cohort has someone never in custody');
  const custodyUrl = `${base}/people/${id}/custody`;
  const name = (await page.textContent('h1')).trim();
  const ppo = await page.locator('main .govuk-tag--purple:text-is("PPO")').count() > 0;
  await checkPage(page, 'custody-none');

  await page.click('text=Record a custody episode');
  assert.equal(page.url(), `${custodyUrl}/new`);
  await checkPage(page, 'custody-episode-new');
  await page.click('main form button[type=submit]');
  // Every problem at once, not one round trip each: the establishment and the start are both needed.
  const custodyErrors = await page.textContent('.govuk-error-summary');
  assert.match(custodyErrors, /Enter the date custody started/);
  assert.match(custodyErrors, /Enter the prison or establishment/);
  await checkPage(page, 'custody-episode-errors');
  // About 20 days ahead, avoiding a Friday (which adds its own warning).
  const releaseIn = weekday(londonDay(20)) === 'Friday' ? 21 : 20;
  const started = londonDay(-100), release = londonDay(releaseIn);
  await page.fill('#establishment', 'HMP Holme House');
  await page.fill('#sentence', '18 months');
  await fillDate(page, 'started_on', started);
  await fillDate(page, 'expected_release_on', release);
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${custodyUrl}?saved=created`);
  assert.match(await page.textContent('.govuk-notification-banner'), /Custody episode recorded\. Its resettlement checklist is below\./);
  const episode = page.locator('.govuk-summary-card', { hasText: `HMP Holme House from ${longDate(started)}` });
  assert.match(await episode.locator('.govuk-summary-card__title').textContent(), /In custody/);
  assert.equal((await episode.locator('.app-countdown').textContent()).trim(),
    `Release in ${releaseIn} days — ${dayAndDate(release)}`);
  assert.match(await episode.locator('dt:text-is("Expected release") + dd').textContent(), new RegExp(longDate(release)));

  // Each item is due so many days before release (never before custody started); those already past are overdue.
  const items = [['Accommodation advice started', 84], ['Benefit claim ready for release day', 0],
    ['Treatment appointment booked', 14], ['Registered with a GP', 28], ['ID documents in place', 28]];
  if (ppo) items.push(['Restorative justice offered', 56]);
  const rows = episode.locator('.govuk-task-list__item');
  assert.equal(await rows.count(), items.length);
  let overdue = 0;
  for (const [i, [label, days]] of items.entries()) {
    const row = rows.nth(i);
    const dueOn = londonDay(releaseIn - days);
    assert.equal((await row.locator('.govuk-task-list__link').textContent()).trim(), label);
    assert.equal((await row.locator('.govuk-task-list__hint').textContent()).trim(), `Due ${longDate(dueOn)}`);
    const late = releaseIn - days < 0;
    overdue += late ? 1 : 0;
    assert.equal((await row.locator('.govuk-task-list__status').textContent()).trim(), late ? 'Overdue' : 'To do', label);
  }
  assert.match(await episode.locator('h4').textContent(),
    new RegExp(`Resettlement checklist: 0 of ${items.length} done, ${overdue} overdue`));
  await checkPage(page, 'custody');

  // The benefit claim is done: its form, then the tab with the item marked and the summary moved on.
  await rows.nth(1).locator('a').click();
  assert.match(page.url(), /\/custody\/\d+\/checklist\/\d+$/);
  assert.match(await page.textContent('h1'), /Benefit claim ready for release day/);
  assert.match(await page.textContent('main'), new RegExp(`Due ${longDate(release)}\\. Release in ${releaseIn} days`));
  await checkPage(page, 'custody-item');
  await page.check('input[name=state][value=done]');
  await page.fill('#note', 'Claim made with the prison work coach');
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${custodyUrl}?saved=item`);
  assert.match(await page.textContent('.govuk-notification-banner'), /Checklist updated\./);
  const done = rows.nth(1);
  assert.equal((await done.locator('.govuk-task-list__status').textContent()).trim(), 'Done');
  assert.match(await done.locator('.govuk-task-list__hint').textContent(),
    new RegExp(`Done ${longDate(londonDay(0))} by demo.manager: Claim made with the prison work coach`));
  assert.equal(await done.locator('a').count(), 0, 'a done item is no longer a link');
  assert.match(await episode.locator('h4').textContent(), new RegExp(`1 of ${items.length} done`));
  await checkPage(page, 'custody-item-done');

  // The prison liaison's list of releases in the next 28 days has them, with the days to go and what is open.
  await page.goto(`${base}/releases`);
  assert.match(await page.textContent('h1'), /Releases in the next 28 days/);
  const row = page.locator('main table tbody tr', { has: page.locator(`a[href="/people/${id}/custody"]`) });
  assert.equal(await row.count(), 1);
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim().replace(/\s+/g, ' '));
  assert.deepEqual(cells, [name, 'HMP Holme House', dayAndDate(release), `${releaseIn} days`,
    `${items.length - 1}${overdue ? ` ${overdue} overdue` : ''}`]);
  await checkPage(page, 'releases');
  await context.close();
});

test('a manager accepts a suggested move of level, which a practitioner can see but not answer', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  const theirs = await practitionersPeople();
  await signIn(page, 'demo.manager');
  // Someone with a suggestion whom the practitioner leads too, so both can see the same tab. A move up (an arrest
  // since the level was set) is preferred: a contact recorded meanwhile cannot take it away.
  const suggested = [];
  for (const candidate of await cohort(page)) {
    if (!theirs.has(candidate)) continue;
    await page.goto(`${base}/people/${candidate}/level`);
    if (await page.locator('#suggestion').count() === 0) continue;
    suggested.push({ id: candidate, up: (await page.textContent('#suggestion-heading')).includes('Move up') });
  }
  assert.ok(suggested.length > 0, 'the demo cohort has someone with a level suggestion');
  const { id } = suggested.find((s) => s.up) || suggested[0];
  const levelUrl = `${base}/people/${id}/level`;
  await page.goto(levelUrl);
  const suggestion = (await page.textContent('#suggestion-heading')).trim();
  const match = suggestion.match(/^Suggested: Move (up|down) to (Level \d: .+)$/);
  assert.ok(match, `the suggestion reads "${suggestion}"`);
  const target = match[2];
  const reasons = await page.locator('#suggestion li[data-rule]').allTextContents();
  assert.ok(reasons.length > 0, 'a suggestion says which rules fired');
  for (const reason of reasons) assert.match(reason, /^\S.*: \S/, 'each reason names its rule and the fact');
  const levelBefore = (await page.textContent('#level-now')).trim();
  assert.notEqual(levelBefore, target);
  const historyBefore = await page.locator('#level-history tbody tr').count();
  await checkPage(page, 'level');

  // The practitioner sees the suggestion and its reasons, but no form to answer it.
  const other = await browser.newContext({ viewport: desktop });
  const practitioner = await other.newPage();
  await signIn(practitioner, 'demo.practitioner');
  await practitioner.goto(levelUrl);
  assert.equal((await practitioner.textContent('#suggestion-heading')).trim(), suggestion);
  assert.deepEqual(await practitioner.locator('#suggestion li[data-rule]').allTextContents(), reasons);
  assert.match(await practitioner.textContent('#suggestion'), /A manager accepts or dismisses it\./);
  assert.equal(await practitioner.locator('#suggestion form').count(), 0);
  assert.equal(await practitioner.locator('a:has-text("Change")', { hasText: 'service level' }).count(), 0);
  await checkPage(practitioner, 'level-practitioner');
  await other.close();

  // The manager accepts: the level moves, and the history and the answers have a new row each.
  assert.equal(await page.locator('#suggestion form').count(), 1);
  await page.click('main form[action$="/level/decision"] button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /Select accept or dismiss/);
  await checkPage(page, 'level-decision-errors');
  await page.check('input[name=decision][value=accepted]');
  await page.fill('#reason', 'Agreed at the IOM meeting this week');
  await page.click('main form[action$="/level/decision"] button[type=submit]');
  assert.equal(page.url(), `${levelUrl}?saved=accepted`);
  assert.equal((await page.textContent('#level-now')).trim(), target);
  const history = page.locator('#level-history tbody tr');
  assert.equal(await history.count(), historyBefore + 1);
  const newest = (await history.first().locator('td').allTextContents()).map((t) => t.trim());
  assert.equal(newest[0], shortDate(londonDay(0)));
  assert.equal(newest[1], target);
  assert.match(newest[3], /Agreed at the IOM meeting this week/);
  const answer = (await page.locator('#level-decisions tbody tr').first().locator('td').allTextContents()).map((t) => t.trim());
  assert.deepEqual([answer[0], answer[2]], [shortDate(londonDay(0)), 'Accepted']);
  assert.match(answer[1], new RegExp(`^(Up|Down) to level ${target.match(/Level (\d)/)[1]}$`));
  if (await page.locator('#suggestion').count() > 0) {
    assert.notEqual((await page.textContent('#suggestion-heading')).trim(), suggestion, 'the answered suggestion is gone');
  }
  await checkPage(page, 'level-accepted');
  await context.close();
});
