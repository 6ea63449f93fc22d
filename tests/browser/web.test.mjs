// Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core against a running
// `openiom serve` (OPENIOM_URL) with demo users (password in OPENIOM_PASSWORD). Every page visited is
// checked at 1,280 px and 375 px wide: it must not be wider than the viewport, and axe-core must find no
// WCAG 2.2 A or AA violation (support.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, checkPage, desktop, launchBrowser, password, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a practitioner signs in, finds a person, corrects an edit and signs out', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await page.goto(`${base}/people`);
  assert.match(page.url(), /\/sign-in\?next=%2Fpeople/);
  await checkPage(page, 'sign-in');

  await page.fill('#username', 'demo.practitioner');
  await page.fill('#password', 'not the right password');
  await page.click('main button[type=submit]');
  assert.equal(await page.locator('.govuk-error-summary').isVisible(), true);
  await checkPage(page, 'sign-in-error');

  await page.fill('#username', 'demo.practitioner');
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/people$/);
  await checkPage(page, 'people-search');

  await page.goto(`${base}/`);
  assert.match(await page.textContent('h1'), /Hello, Demo Practitioner/);
  await checkPage(page, 'home');

  await page.goto(`${base}/people`);
  await page.fill('#q', 'test');
  await page.click('main form button[type=submit]');
  const found = await page.textContent('main h2.govuk-heading-m');
  assert.match(found, /\d+ (person|people) found/);
  await checkPage(page, 'people-results');

  await page.fill('#pnc', '2000/0160946A');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /check letter is A but should be Q/);
  await checkPage(page, 'people-search-error');

  await page.goto(`${base}/people?q=test`);
  await page.click('main table a');
  assert.match(page.url(), /\/people\/\d+\?back=%2Fpeople%3Fq%3D[^&]*$/);
  const name = await page.textContent('h1');
  await checkPage(page, 'person-summary');
  await page.click('text=Identifiers');
  assert.match(await page.textContent('main h2'), /Identifiers/);
  await checkPage(page, 'person-identifiers');
  await page.click('text=Offending history');
  assert.match(await page.textContent('main h2'), /Offending history/);
  await checkPage(page, 'person-history');

  await page.click('text=Summary');
  await page.click('text=Change these details');
  await checkPage(page, 'person-edit');
  await page.fill('#surname', '');
  // The GOV.UK date input (issue 8, defect 20): three fields, and an error that says what is wrong.
  await page.fill('#date_of_birth-day', '30');
  await page.fill('#date_of_birth-month', '2');
  await page.fill('#date_of_birth-year', '1990');
  await page.click('main form button[type=submit]');
  const summary = await page.textContent('.govuk-error-summary');
  assert.match(summary, /Enter a surname/);
  assert.match(summary, /Date of birth must be a real date/);
  await checkPage(page, 'person-edit-errors');
  const surname = name.split(',')[0].trim();
  await page.fill('#surname', `${surname}-Corrected`);
  await page.fill('#date_of_birth-day', '27');
  await page.fill('#date_of_birth-month', '1');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('h1'), /-Corrected,/);
  assert.match(await page.textContent('main'), /27 January 1990 \(age \d+\)/);
  assert.match(await page.textContent('.govuk-notification-banner'), /saved/);
  await checkPage(page, 'person-saved');

  await page.goto(`${base}/people/new`);
  await checkPage(page, 'person-new');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a surname/);
  await checkPage(page, 'person-new-errors');
  await page.fill('#surname', 'Browsertest');
  await page.fill('#forenames', 'Added Person');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('h1'), /Browsertest, Added Person/);

  const header = 'source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,' +
    'offence_date,outcome,latitude,longitude,lsoa_code\n';
  await page.goto(`${base}/import`);
  await checkPage(page, 'import');
  // Regression (issue 8, defect 18): a header with six wrong names has 20 problems, and the whole list and the
  // unbroken expected header in the summary and again at the field made the page 1,518 px wide.
  await page.setInputFiles('#file', {
    name: 'wrong-header.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Source ID,PNC,Surname,Forenames,DOB,Sex\nB0,,Browser,Import,1980-01-01,M\n'),
  });
  await page.click('main form button[type=submit]');
  const headerSummary = await page.textContent('.govuk-error-summary');
  assert.match(headerSummary, /20 problems/);
  assert.doesNotMatch(headerSummary, /missing column/, 'the summary is short; the problems are listed once, below');
  assert.equal(await page.locator('#file-error').textContent().then((t) => t.includes('missing column')), false);
  assert.equal(await page.locator('main details:has-text("All 20 problems") li').count(), 20);
  await checkPage(page, 'import-header-errors');
  await page.click('main details:has-text("All 20 problems") summary');
  await checkPage(page, 'import-header-errors-open');
  await page.setInputFiles('#file', {
    name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from(header + 'B1,,Browser,Import,1980-13-01,M,arrest,2026-01-01,fraud,,,,,\n'),
  });
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /1 of 1 rows are invalid/);
  await checkPage(page, 'import-errors');
  await page.setInputFiles('#file', {
    name: 'good.csv', mimeType: 'text/csv',
    buffer: Buffer.from(header + 'B2,,Browser,Import,1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n'),
  });
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-panel'), /Import complete/);
  await checkPage(page, 'import-result');
  await page.goto(`${base}/account`);
  await checkPage(page, 'account');
  await page.goto(`${base}/no/such/page`);
  await checkPage(page, 'not-found');
  await page.goto(`${base}/audit`);
  assert.match(await page.textContent('h1'), /do not have permission/);
  await checkPage(page, 'forbidden');

  await page.click('text=Sign out');
  assert.match(page.url(), /\/sign-in\?signed_out=1$/);
  assert.match(await page.textContent('.govuk-notification-banner'), /You have signed out/);
  await checkPage(page, 'signed-out');
  await page.goto(`${base}/people`);
  assert.match(page.url(), /\/sign-in\?next=/);
  await context.close();
});

test('an auditor searches the audit trail and an administrator manages users', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.auditor');
  await page.goto(`${base}/audit?user=demo.practitioner`);
  assert.match(await page.textContent('main'), /View a person's record/);
  await checkPage(page, 'audit');
  // Regression (issue 8, defect 18): on a 1,280 px desktop the audit table ran past the page, cutting off Outcome.
  const auditBox = await page.locator('main .app-table-scroll').evaluate((box) => [box.scrollWidth, box.clientWidth]);
  assert.ok(auditBox[0] <= auditBox[1], `the audit table is ${auditBox[0]} px wide in its ${auditBox[1]} px column`);
  await page.fill('#from-day', '1');
  await page.fill('#from-month', '13');
  await page.fill('#from-year', '2026');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /must be a real date/);
  await checkPage(page, 'audit-error');
  await page.click('text=Sign out');

  await signIn(page, 'demo.admin');
  await page.goto(`${base}/admin/users`);
  await checkPage(page, 'admin-users');
  await page.fill('#username', 'new.officer');
  await page.fill('#display_name', 'New Officer');
  await page.fill('#password', 'short');
  await page.check('#role-practitioner');
  await page.click('main form[action="/admin/users"] button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /at least 12 characters/);
  await checkPage(page, 'admin-users-error');
  await page.fill('#password', 'three random words');
  await page.click('main form[action="/admin/users"] button[type=submit]');
  assert.match(await page.textContent('.govuk-notification-banner'), /new.officer was added/);
  await page.goto(`${base}/admin/agencies`);
  await checkPage(page, 'admin-agencies');
  await context.close();
});

test('a manager scores everyone and reads why a candidate was proposed', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.manager');
  await page.goto(`${base}/`);
  await checkPage(page, 'home-manager');
  await page.goto(`${base}/candidates`);
  await checkPage(page, 'candidates-before-scoring');
  await page.click('text=Score everyone now');
  assert.match(page.url(), /\/candidates\?scored=1$/);
  assert.match(await page.textContent('.govuk-notification-banner'), /Everyone has been scored again/);
  const rows = page.locator('main table tbody tr');
  assert.ok(await rows.count() > 0, 'the demo data has candidates');
  assert.match(await rows.first().textContent(), /(acquisitive-4|prolific-10|high-rfg)/);
  await page.click('main summary');
  await checkPage(page, 'candidates');
  await page.fill('#min_rfg', 'lots');
  await page.click('main form[action="/candidates"] button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a whole number from 0 to 100/);
  await checkPage(page, 'candidates-error');
  await page.goto(`${base}/candidates`);
  await page.click('main table tbody tr a');
  assert.match(page.url(), /\/people\/\d+\/score$/);
  assert.match(await page.textContent('main'), /Why this score/);
  assert.match(await page.textContent('main'), /Events that count/);
  await checkPage(page, 'person-score');
  await page.click('text=Sign out');

  await signIn(page, 'demo.analyst');
  await page.goto(`${base}/`);
  await checkPage(page, 'home-analyst');
  await page.goto(`${base}/scoring`);
  await checkPage(page, 'scoring');
  await context.close();
});

test('a candidate goes to panel, is selected, counted in the cohort and checked for fairness', async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, 'demo.manager');
  await page.goto(`${base}/candidates`);
  // The demo data has a cohort already: this selection adds one member to it.
  const members = async () => Number((await page.textContent('main')).match(/(\d+) (?:person is|people are) managed in the cohort today/)[1]);
  await page.goto(`${base}/cohort`);
  const before = await members();
  await page.goto(`${base}/candidates`);
  await page.click('main table tbody tr a:has-text("Take to panel")');
  assert.match(page.url(), /\/people\/\d+\/refer\?route=rule$/);
  const referred = (await page.textContent('h1')).match(/^Refer (.*) to the panel$/)[1];
  await checkPage(page, 'refer');
  await page.fill('#reasons', 'Proposed by the rules; known to drug services.');
  await page.click('main form button[type=submit]');
  assert.match(page.url(), /\/selection\?saved=referred$/);
  assert.match(await page.textContent('main'), /Awaiting the panel/);
  await checkPage(page, 'person-selection');
  await page.goto(`${base}/panel`);
  await checkPage(page, 'panel');
  await page.click('main table a:has-text("Record decision")');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /Choose select, decline or defer/);
  await checkPage(page, 'panel-decision-error');
  await page.check('#decision');
  await page.fill('#reason', 'Agreed at panel.');
  await page.check('#strand');
  await page.check('#scheme');
  await page.click('main form button[type=submit]');
  assert.match(page.url(), /\/panel\?saved=select$/);
  await page.goto(`${base}/cohort`);
  assert.equal(await members(), before + 1);
  await checkPage(page, 'cohort');
  await page.click(`main table tbody a:has-text("${referred}")`);
  await checkPage(page, 'member-review-form');
  await page.click('main form[action$="/review"] button[type=submit]');
  assert.match(await page.textContent('.govuk-error-summary'), /Choose the outcome of the review/);
  await checkPage(page, 'member-review-error');
  await page.check('#outcome-change_strand');
  await page.check('#strand');
  await page.fill('#notes', 'Engaging with treatment; moving to flex.');
  await page.click('main form[action$="/review"] button[type=submit]');
  assert.match(page.url(), /\/selection\?saved=reviewed$/);
  assert.match(await page.textContent('main'), /Change strand to Flex/);
  await page.goto(`${base}/fairness`);
  assert.match(await page.textContent('main'), /Age band/);
  await checkPage(page, 'fairness');
  await context.close();
});

test('pages work without JavaScript', async () => {
  const context = await browser.newContext({ viewport: desktop, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'demo.practitioner');
  await page.goto(`${base}/people?q=test`);
  assert.match(await page.textContent('main h2.govuk-heading-m'), /found/);
  await page.click('main table a');
  assert.match(page.url(), /\/people\/\d+\?back=%2Fpeople%3Fq%3D[^&]*$/);
  await context.close();
});
