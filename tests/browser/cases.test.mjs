// Browser tests of managing each person (issue 10): the caseload, a case page that explains its BRAG rating, an
// assessment that changes it, an override that needs a justification and a manager's sign-off, and a missed
// appointment that counts against it. Against the demo data (scripts/test loads it), every page checked at desktop
// and phone widths with axe-core (support.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, checkPage, desktop, launchBrowser, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const isoDaysAhead = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

// Fills a GOV.UK date input `name` with an ISO day.
async function fillDate(page, name, iso) {
  const [year, month, day] = iso.split('-');
  await page.fill(`#${name}-day`, String(Number(day)));
  await page.fill(`#${name}-month`, String(Number(month)));
  await page.fill(`#${name}-year`, year);
}

// The case page's links from a caseload, as [{href, text}] of the rows shown.
async function caseLinks(page, url) {
  await page.goto(`${base}${url}`);
  return page.locator('#caseload tbody tr td:first-child a').evaluateAll(
    (links) => links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
}

test('the caseload lists the practitioner\'s people and each case page says why it is rated as it is', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.practitioner');
  await page.goto(`${base}/caseload`);
  assert.match(await page.textContent('h1'), /My caseload/);
  const rows = page.locator('#caseload tbody tr');
  assert.ok(await rows.count() > 5, 'the demo practitioner leads a share of the demo cohort');
  await checkPage(page, 'caseload');
  await page.click('#caseload thead a:has-text("Name")');
  assert.match(page.url(), /sort=name/);
  const names = await page.locator('#caseload tbody tr td:first-child a').allTextContents();
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  const csv = await page.request.get(`${base}/caseload.csv?sort=name`);
  assert.match(csv.headers()['content-type'], /text\/csv/);
  assert.match(await csv.text(), /^person_id,surname,forenames,district,rating/);

  await page.click('#caseload tbody tr:first-child td:first-child a');
  assert.match(page.url(), /\/people\/\d+\/case$/);
  const rating = await page.getAttribute('.app-brag-tag', 'data-rating');
  assert.match(rating, /^(Blue|Red|Amber|Green)$/);
  const reasons = await page.locator('.app-brag-reasons li').count();
  if (rating === 'Green') assert.match(await page.textContent('main'), /No rule fired, so the rating is Green/);
  else assert.ok(reasons > 0, `a ${rating} rating lists the rules that fired`);
  await checkPage(page, 'case');

  await page.goto(`${base}/tasking`);
  assert.match(await page.textContent('h1'), /Police tasking list/);
  await checkPage(page, 'tasking');
  await context.close();
});

test('an assessment with three significant needs changes the rating, and says so', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.manager');
  // Someone rated Green with no assessment yet, so the new one turns them Amber; any unassessed member otherwise.
  let links = await caseLinks(page, '/caseload?everyone=1&rating=green');
  let person;
  for (const link of links) {
    await page.goto(`${base}${link.href}`);
    if ((await page.textContent('main')).includes('Provisional: there is no pathway assessment')) { person = link; break; }
  }
  assert.ok(person, 'the demo cohort has someone rated Green and not yet assessed');
  const caseUrl = `${base}${person.href}`;
  await page.click('text=New pathway assessment');
  assert.match(page.url(), /\/assessments\/new$/);
  await checkPage(page, 'assessment-new');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /select the level of need/);
  await checkPage(page, 'assessment-errors');

  const pathways = await page.locator('main form input[type=radio][value=none]').evaluateAll(
    (inputs) => inputs.map((input) => input.name));
  assert.ok(pathways.length >= 7);
  for (const pathway of pathways) {
    const level = ['accommodation', 'drugs_alcohol', 'finance_benefits_debt'].includes(pathway) ? 'significant' : 'none';
    await page.check(`input[name="${pathway}"][value="${level}"]`);
  }
  await page.fill('#accommodation-notes', 'No fixed abode since release');
  await page.click('main form button[type=submit]');
  assert.match(page.url(), /\/assessments\/\d+\?saved=1$/);
  assert.match(await page.textContent('#comparison'), /Significant need/);
  await checkPage(page, 'assessment');

  await page.goto(caseUrl);
  assert.equal(await page.getAttribute('.app-brag-tag', 'data-rating'), 'Amber');
  assert.match(await page.textContent('.app-brag-reasons'),
    /Significant needs:.*Significant need on 3 pathways .*Accommodation, Drugs and alcohol, Finance, benefits and debt/s);
  assert.doesNotMatch(await page.textContent('main'), /Provisional: there is no pathway assessment/);
  assert.match(await page.textContent('#needs'), /No fixed abode since release/);
  await checkPage(page, 'case-assessed');
  await context.close();
});

test('an override needs a justification and an expiry, and applies once a manager signs it off', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.practitioner');
  const [first] = await caseLinks(page, '/caseload?sort=name');
  await page.goto(`${base}${first.href}`);
  const caseUrl = page.url();
  const before = await page.getAttribute('.app-brag-tag', 'data-rating');
  const wanted = before === 'Blue' ? 'Green' : 'Blue';
  await page.click('text=Override the rating');
  await checkPage(page, 'override-new');
  await page.click('main form button[type=submit]');
  const summary = await page.textContent('.govuk-error-summary');
  assert.match(summary, /select the rating/);
  assert.match(summary, /must say why/);
  await checkPage(page, 'override-errors');
  await page.check(`input[name=rating][value=${wanted.toLowerCase()}]`);
  await page.fill('#justification', 'Recalled to prison this morning; custody record not yet received');
  await fillDate(page, 'expires_on', isoDaysAhead(7));
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=override`);
  assert.equal(await page.getAttribute('.app-brag-tag', 'data-rating'), before, 'not until a manager signs it off');
  assert.match(await page.textContent('.govuk-warning-text'), /It applies once a manager signs it off/);
  assert.equal(await page.locator('text=Sign off the override').count(), 0, 'a practitioner cannot sign it off');
  await checkPage(page, 'case-override-pending');
  await page.click('text=Sign out');

  await signIn(page, 'demo.manager');
  await page.goto(caseUrl);
  await page.click('text=Sign off the override');
  assert.match(page.url(), /\?saved=signed_off$/);
  assert.equal(await page.getAttribute('.app-brag-tag', 'data-rating'), wanted);
  assert.match(await page.textContent('.govuk-inset-text'), /Overridden to .*signed off by demo.manager/s);
  assert.match(await page.textContent('main'), new RegExp(`Computed by the rules: ${before}`));
  await checkPage(page, 'case-overridden');
  await context.close();
});

test('a missed appointment is recorded and counts against the rating', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.practitioner');
  const links = await caseLinks(page, '/caseload?sort=name');
  await page.goto(`${base}${links[links.length - 1].href}`);
  const caseUrl = page.url();
  await page.click('text=Record a contact or appointment');
  await checkPage(page, 'contact-new');
  await fillDate(page, 'on', isoDaysAhead(2));
  await page.check('#outcome-attended');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /cannot be recorded for an appointment that is still to come/);
  await checkPage(page, 'contact-errors');
  await fillDate(page, 'on', isoDaysAhead(0));
  await page.check('#kind-home_visit');
  await page.check('#outcome-failed_unacceptable');
  await page.fill('#notes', 'No answer at the door; curtains drawn');
  await page.click('main form button[type=submit]');
  assert.equal(page.url(), `${caseUrl}?saved=contact`);
  assert.match(await page.textContent('#contacts'), /No answer at the door; curtains drawn/);
  assert.match(await page.textContent('.app-brag-reasons'), /Home visit on .* with Cleveland Police: Failed to attend: unacceptable/);
  await checkPage(page, 'case-missed-appointment');
  await context.close();
});
