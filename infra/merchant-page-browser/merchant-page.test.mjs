// The merchant's page in Debian's headless Chromium, against the local runtime that
// MerchantPageBrowserTest started and seeded: node merchant-page.test.mjs <baseUrl> <shop> <order> <screenshotDir>
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, shop, orderName, shots] = process.argv.slice(2);
const orderId = orderName.replace('#', '');
const steps = [];
const step = (name) => { steps.push(name); console.log('browser: ' + name); };

async function json(method, path) {
  const r = await fetch(base + path, { method });
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });

  step('first paint under a second');
  await page.goto(`${base}/admin?shop=${shop}`);
  // First contentful paint when headless Chromium reports it; the parsed document's time otherwise.
  const paint = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
      if (fcp) resolve(fcp.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd), 1500);
  }));
  assert.ok(paint !== undefined && paint < 1000, `first contentful paint ${paint} ms`);
  await page.waitForFunction(() => document.getElementById('waitDays').value !== '');

  const errorOf = (field) => page.locator('#err-' + field);
  async function save() {
    await page.click('#save');
    await page.waitForFunction(() => !document.getElementById('save').disabled);
  }
  async function saved() {
    return json('GET', `/shops/${shop}/settings`);
  }

  step('the install offers to take in the orders from before, with the tip to switch AfterShip on first');
  await page.waitForSelector('#backfill:not([hidden])');
  assert.match(await page.locator('#backfill-text').textContent(), /you installed Doorstep/);
  assert.match(await page.locator('#backfill-timing').textContent(), /switch AfterShip on/);

  step('AfterShip on with a bad key: refused next to the field, nothing saved');
  await page.check('#aftershipEnabled');
  await page.fill('#aftershipApiKey', 'invalid-key-0001');
  await save();
  assert.match(await errorOf('aftershipApiKey').textContent(), /\S/);
  assert.equal((await saved()).aftershipEnabled, false);

  step('then a good key: saved, never shown again');
  await page.fill('#aftershipApiKey', 'as-browser-key-0001');
  await save();
  assert.equal(await errorOf('aftershipApiKey').textContent(), '');
  assert.match(await page.locator('#banner').textContent(), /Settings saved/);
  assert.equal(await page.inputValue('#aftershipApiKey'), '');
  assert.equal((await saved()).aftershipEnabled, true);
  assert.match(await page.locator('#rule-text').textContent(), /after AfterShip sees the parcel delivered/);

  step('the switch-on offers the backfill again; taking them in shows what it took in, once');
  await page.waitForFunction(() => /you switched AfterShip on/.test(document.getElementById('backfill-text').textContent));
  assert.equal(await page.locator('#backfill-timing').textContent(), '');
  assert.equal((await json('GET', `/shops/${shop}/review-requests`)).reviewRequests.length, 2, 'nothing taken in unasked');
  await page.click('#backfill-accept');
  await page.waitForFunction(() => /Took in 1 order from before/.test(document.getElementById('backfill-text').textContent),
    null, { timeout: 15000 });
  assert.equal(await page.isHidden('#backfill-actions'), true);
  assert.equal((await json('GET', `/shops/${shop}/review-requests`)).reviewRequests.length, 3);

  step('each timing setting: a bad value is refused next to it and nothing is saved');
  await page.check('#separateDeliveryWait');
  const before = await saved();
  const bad = [
    ['waitDays', 'waitDaysAfterFulfillment', '-1'],
    ['waitDaysAfterDelivery', 'waitDaysAfterDelivery', '-2'],
    ['minDelayDomesticDays', 'minDelayDomesticDays', '-1'],
    ['minDelayInternationalDays', 'minDelayInternationalDays', '-3'],
    ['fallbackDays', 'fallbackDays', '5'],
    ['sendWindow', 'sendWindow', 'nine to five'],
    ['timeZone', 'timeZone', 'Mars/Olympus'],
  ];
  for (const [input, field, value] of bad) {
    const good = await page.inputValue('#' + input);
    await page.fill('#' + input, value);
    await save();
    assert.match(await errorOf(field).textContent(), /\S/, `${field}=${value} shows its error`);
    assert.equal(await page.getAttribute('#' + input, 'aria-invalid'), 'true', `${input} is marked`);
    assert.deepEqual(await saved(), before, `${field}=${value} saved nothing`);
    await page.fill('#' + input, good);
  }

  step('two bad fields in one save: both refused next to their fields at once, nothing saved');
  const goodDomestic = await page.inputValue('#minDelayDomesticDays');
  const goodZone = await page.inputValue('#timeZone');
  await page.fill('#minDelayDomesticDays', '-1');
  await page.fill('#timeZone', 'Mars/Olympus');
  await save();
  assert.match(await errorOf('minDelayDomesticDays').textContent(), /between 0 and 365 days/);
  assert.match(await errorOf('timeZone').textContent(), /IANA time zone/);
  assert.equal(await page.getAttribute('#minDelayDomesticDays', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#timeZone', 'aria-invalid'), 'true');
  assert.match(await page.locator('#banner').textContent(), /fix the 2 fields/);
  assert.deepEqual(await saved(), before, 'two bad fields saved nothing');

  step('fixed, they save and both errors go');
  await page.fill('#minDelayDomesticDays', goodDomestic);
  await page.fill('#timeZone', goodZone);
  await save();
  assert.match(await page.locator('#banner').textContent(), /Settings saved/);
  assert.ok((await page.locator('#settings-form .error').allTextContents()).every((t) => t === ''), 'no error left');
  assert.equal(await page.locator('#settings-form [aria-invalid]').count(), 0);

  step('good values are saved, and the page says which rule applies');
  await page.fill('#waitDays', '7');
  await page.fill('#waitDaysAfterDelivery', '4');
  await page.fill('#minDelayDomesticDays', '6');
  await page.fill('#minDelayInternationalDays', '12');
  await page.fill('#fallbackDays', '45');
  await page.fill('#sendWindow', '09:00-20:00');
  await page.fill('#timeZone', 'America/New_York');
  await save();
  const after = await saved();
  assert.deepEqual([after.waitDaysAfterFulfillment, after.waitDaysAfterDelivery, after.minDelayDomesticDays,
    after.minDelayInternationalDays, after.fallbackDays, after.sendWindow, after.timeZone],
  [7, 4, 6, 12, 45, '09:00-20:00', 'America/New_York']);
  assert.match(await page.locator('#rule-text').textContent(), /Emails go 4 days after AfterShip sees the parcel delivered/);
  await page.screenshot({ path: `${shots}/merchant-page-settings.png`, fullPage: true });

  step("typing a subject updates the preview from the server: the sender's own composer, debounced");
  const typed = 'Thanks for {products}, {customer_name}';
  const originalSubject = await page.inputValue('#subject');
  const previewPosts = [];
  const countPosts = (r) => { if (r.method() === 'POST' && r.url().endsWith('/admin/api/email-preview')) previewPosts.push(r); };
  page.on('request', countPosts);
  await page.fill('#subject', '');
  const answered = page.waitForResponse((r) => r.url().endsWith('/admin/api/email-preview')
    && r.request().postDataJSON()?.subject === typed, { timeout: 10000 });
  await page.locator('#subject').pressSequentially(typed, { delay: 25 });
  const written = await (await answered).json();
  await page.waitForFunction((subject) => document.getElementById('preview').textContent.startsWith('Subject: ' + subject),
    written.subject);
  assert.doesNotMatch(written.subject, /\{products\}|\{customer_name\}/, 'the placeholders are filled in');
  assert.match(written.subject, /^Thanks for .+, .+$/);
  assert.equal(await page.locator('#preview').textContent(), 'Subject: ' + written.subject + '\n\n' + written.text);
  assert.match(written.text, /https:\/\/unsubscribe\.invalid\/preview-only/, 'an inert unsubscribe link');
  assert.ok(previewPosts.length >= 1 && previewPosts.length < typed.length,
    `${previewPosts.length} preview requests for ${typed.length} keystrokes`);
  assert.match(await page.locator('#preview-order').textContent(), /As order #\d+ would get it/);
  page.off('request', countPosts);
  await page.fill('#subject', originalSubject);
  assert.deepEqual(await saved(), after, 'the preview saved nothing');

  step('switching AfterShip off keeps the key: on again asks for none');
  await page.uncheck('#aftershipEnabled');
  await save();
  assert.equal((await saved()).aftershipEnabled, false);
  assert.equal((await saved()).aftershipApiKeySaved, true);
  await page.check('#aftershipEnabled');
  await save();
  assert.equal(await errorOf('aftershipApiKey').textContent(), '');
  assert.equal((await saved()).aftershipEnabled, true);

  step('keyboard: arrow keys move between the tabs');
  await page.focus('#tab-settings');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-requests', 'aria-selected'), 'true');

  step(`find ${orderName} by its name and read its timeline`);
  await page.waitForSelector('#rows tr.order');
  await page.screenshot({ path: `${shots}/merchant-page-requests.png`, fullPage: true });
  await page.fill('#search', orderName);
  await page.waitForFunction((id) => {
    const rows = document.querySelectorAll('#rows tr.order');
    return rows.length === 1 && rows[0].dataset.orderId === id;
  }, orderId);
  await page.focus('#rows tr.order');
  await page.keyboard.press('Enter');
  const timeline = await page.locator('#timeline').textContent();
  assert.match(timeline, /Fulfilled/);
  assert.match(timeline, /Scheduled/);
  assert.match(timeline, /(AM|PM) E[SD]T/, 'times in the shop time zone');

  step("send now: exactly one email");
  const emailsBefore = (await json('GET', '/_local/emails')).length;
  await page.click('#send-now');
  await page.waitForFunction(() => /Sending now/.test(document.getElementById('banner').textContent));
  await json('POST', '/_local/clock/advance?by=PT5M');
  await json('POST', '/_local/clock/advance?by=PT1H');
  assert.equal((await json('GET', '/_local/emails')).length, emailsBefore + 1);
  await page.fill('#search', '');
  await page.fill('#search', orderName);
  await page.waitForFunction(() => /Sent/.test(document.querySelector('#rows tr.order')?.textContent || ''));
  await page.locator('#rows tr.order').click();
  assert.equal(await page.isDisabled('#send-now'), true, 'a sent order offers no second send');
  const again = await page.evaluate(async ([s, id]) => {
    const t = await (await fetch('/_local/session-token?shop=' + s)).json();
    const r = await fetch(`/admin/api/review-requests/${id}/send-now`,
      { method: 'POST', headers: { authorization: 'Bearer ' + t.sessionToken } });
    return r.status;
  }, [shop, orderId]);
  assert.equal(again, 409);
  await json('POST', '/_local/clock/advance?by=PT1H');
  assert.equal((await json('GET', '/_local/emails')).length, emailsBefore + 1, 'still exactly one');

  step('the last 30 days');
  await page.click('#tab-overview');
  await page.waitForSelector('#chart-rules .rule');
  assert.match(await page.locator('#chart-fulfillment').textContent(), /days/);

  step('phone-sized viewport: nothing wider than the screen');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.click('#tab-settings');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

  step("a session token of another shop is refused");
  const intruder = await context.newPage();
  await intruder.goto(`${base}/admin?shop=intruder-shop.myshopify.com`);
  await intruder.waitForFunction(() => /Refused/.test(document.getElementById('banner').textContent));
  assert.equal(await intruder.isHidden('#settings-form'), true);
  const forged = await intruder.evaluate(async ([s]) => {
    const mine = (await (await fetch('/_local/session-token?shop=intruder-shop.myshopify.com').then((r) => r)).json()).sessionToken;
    const [h, , sig] = mine.split('.');
    const claims = JSON.parse(atob(mine.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    claims.dest = 'https://' + s; claims.iss = 'https://' + s + '/admin';
    const body = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const r = await fetch('/admin/api/settings', { headers: { authorization: `Bearer ${h}.${body}.${sig}` } });
    return r.status;
  }, [shop]);
  assert.equal(forged, 401);

  assert.deepEqual(outside, [], 'the page asked nothing of any other host (no Shopify CDN)');
  console.log(`browser: ${steps.length} steps passed`);
} finally {
  await browser.close();
}
