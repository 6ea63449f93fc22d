// What the browser suites share: the server under test (OPENIOM_URL, OPENIOM_PASSWORD), launching Debian's
// Chromium, signing in, and checking each page at desktop and phone widths for overflow and axe-core violations.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const base = process.env.OPENIOM_URL;
export const password = process.env.OPENIOM_PASSWORD;
const shots = process.env.OPENIOM_SCREENSHOTS || 'build/test-results/screenshots';
mkdirSync(shots, { recursive: true });

// Debian's Chromium, headless.
export async function launchBrowser() {
  assert.ok(base && password, 'OPENIOM_URL and OPENIOM_PASSWORD must be set (scripts/test does)');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 375, height: 667 };

// Names the outermost elements that stick out past the viewport's right edge, widest first. An element
// inside a scrolling or clipping box does not count, unless it is positioned outside that box (an
// absolutely positioned element is clipped only by boxes at or above its containing block).
function elementsWiderThanTheViewport() {
  const limit = document.documentElement.clientWidth;
  const clipped = (element) => {
    const position = getComputedStyle(element).position;
    let containingBlockReached = position !== 'absolute' && position !== 'fixed';
    for (let e = element.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (!containingBlockReached && style.position !== 'static') containingBlockReached = true;
      if (containingBlockReached && style.overflowX !== 'visible') return true;
    }
    return false;
  };
  const describe = (e) => {
    const classes = [...e.classList].map((c) => `.${c}`).join('');
    const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${classes} (right edge ${Math.round(e.getBoundingClientRect().right)} px: "${text}")`;
  };
  const wide = new Set([...document.body.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > limit + 0.5 && !clipped(e)));
  const outermost = [...wide].filter((e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (wide.has(a)) return false;
    return true;
  });
  outermost.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return { scrollWidth: document.documentElement.scrollWidth, viewport: limit, culprits: outermost.slice(0, 3).map(describe) };
}

// At the page's current viewport: a full-page screenshot, no horizontal scrolling (nothing wider than the
// viewport, scroll bar excluded), and no axe-core WCAG 2.0/2.1/2.2 A or AA violation.
async function checkAtThisWidth(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const width = await page.evaluate(elementsWiderThanTheViewport);
  assert.ok(width.scrollWidth <= width.viewport,
    `${name} is ${width.scrollWidth} px wide in a ${width.viewport} px viewport; widest: ${width.culprits.join('; ')}`);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const problems = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(problems, [], `accessibility violations on ${name}`);
}

// Checks the page on a 1,280 px desktop (`name`.png) and a 375 px phone (`name`-375.png), then leaves it at
// desktop size for the next step.
export async function checkPage(page, name) {
  await page.setViewportSize(desktop);
  await checkAtThisWidth(page, name);
  await page.setViewportSize(phone);
  await checkAtThisWidth(page, `${name}-375`);
  await page.setViewportSize(desktop);
}

export async function signIn(page, username) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
}

