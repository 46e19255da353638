import assert from 'node:assert/strict';
import { engineTest } from '../helpers/stores.js';
import { launch, login, serve, shot, watchedPage } from './harness.js';
import { checkWatches } from '../../src/trace/index.js';
import { loadTrail, writeTrail } from '../helpers/trail.js';

/**
 * An analyst's day in real Chromium: log in, drop a message on the inbox, open it, open its campaign, look at
 * the other pages — with no CSP violation, no script error and no request to any other origin on the way.
 * Screenshots of every page land in test/browser/screenshots/ for a person to look at.
 */
engineTest('dashboard: log in, upload by drag-and-drop, open the message, open its campaign', async (_t, s) => {
  const { context, close } = await launch();
  const srv = await serve(s, { seed: 1, benign: 30, uploadAll: true }).catch(async (e: unknown) => {
    await close();
    throw e;
  });
  try {
    const trail = writeTrail({ seed: 51, backgroundPerBlock: 4 });
    await loadTrail(s.db, trail);
    const { page, watch } = await watchedPage(context, srv.origin);
    await page.goto(srv.url);
    await page.getByRole('heading', { name: 'spearwatch' }).waitFor();
    await shot(page, `01-login-${s.engine}`);
    await page.getByLabel('E-mail').fill(srv.analyst);
    await page.getByLabel('Password').fill('wrong password, surely');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('wrong e-mail or password').waitFor();
    await login(page, srv.url, srv.analyst);
    await page.locator('table.messages tbody tr').first().waitFor();
    await shot(page, `02-inbox-${s.engine}`);

    // drop a spear-phishing message delivered to the analyst's organisation onto the drop zone
    const own = srv.scenario.orgs[0]!.id;
    const lure = srv.scenario.messages.find((m) => m.kind === 'spear-phishing' && m.orgId === own)!;
    await page.getByTestId('dropzone').evaluate((el, raw) => {
      // runs in the page (DOM types are not in this project's lib)
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(f: unknown): void } };
        File: new (parts: Uint8Array[], name: string, o: { type: string }) => unknown;
        DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
      };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([Uint8Array.from(raw, (c) => c.charCodeAt(0))], 'lure.eml', { type: 'message/rfc822' }));
      (el as unknown as { dispatchEvent(e: unknown): boolean }).dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, lure.raw.toString('latin1'));
    const uploaded = page.getByRole('list', { name: 'Uploaded' }).getByRole('link').first();
    await uploaded.waitFor();
    assert.match(await page.getByRole('list', { name: 'Uploaded' }).innerText(), /malicious/);
    await shot(page, `03-inbox-uploaded-${s.engine}`);

    await uploaded.click();
    await page.getByRole('heading', { name: /Why: \d+ signals?/ }).waitFor();
    assert.match(await page.locator('h1 .badge').innerText(), /malicious/);
    const origin = page.locator('ol.timeline li.origin');
    assert.ok(await origin.count() >= 1, 'the originating hop is highlighted');
    assert.match(await origin.first().innerText(), /originating IP/);
    const frame = page.locator('iframe.body-frame');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '', 'the body frame is sandboxed with no permissions');
    await page.frameLocator('iframe.body-frame').locator('body *').first().waitFor();
    assert.doesNotMatch(await page.locator('article.message').innerText(), /https?:\/\//, 'every URL on the page is defanged');
    assert.equal(await page.locator('a[href^="http"]').count(), 0, 'no clickable link to anywhere outside the app');
    await shot(page, `04-message-${s.engine}`);

    const campaignLink = page.locator('a.campaign-link').first();
    await campaignLink.waitFor();
    await campaignLink.click();
    await page.getByTestId('campaign-summary').waitFor();
    assert.match(await page.getByTestId('campaign-summary').innerText(), /employee|exchange|attempt/);
    await page.locator('[data-testid="infra-graph"] canvas').first().waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await shot(page, `05-campaign-${s.engine}`);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.locator('ul.cards li').first().waitFor();
    await shot(page, `06-campaigns-${s.engine}`);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Intel' }).click();
    await page.getByRole('heading', { name: 'Actors' }).waitFor();
    await page.locator('section[aria-labelledby="act-h"] table').waitFor();
    await page.getByLabel('Values to look up').fill(lure.originatingIp ?? '192.0.2.1');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('table', { name: 'Lookup results' }).waitFor();
    await shot(page, `07-intel-${s.engine}`);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Money trail' }).click();
    await page.getByText(/Chain index: regtest/).waitFor();
    await page.getByLabel(/Sources/).fill(trail.scenario.theft.outputs.join('\n'));
    await page.getByLabel('Hops').fill('100');
    await page.getByRole('button', { name: 'Trace' }).click();
    await page.getByTestId('trace-result').waitFor();
    await page.locator('[data-testid="trail-sankey"] canvas').first().waitFor();
    await page.locator('[data-testid="trail-graph"] canvas').first().waitFor();
    const traced = await page.getByTestId('trace-result').innerText();
    for (const name of Object.keys(trail.scenario.truth.toExchanges)) assert.ok(traced.includes(name), `${name} is named as a freeze candidate`);
    assert.match(traced, /Every satoshi is accounted for/);
    assert.match(traced, /peel chain of \d+ transactions/);
    await shot(page, `08-money-trace-${s.engine}`);
    // Watch the victim's address from the page; the next chain import (here: the check it runs) raises the alerts.
    await page.getByLabel('Address, txid or txid:vout to watch').fill(trail.scenario.theft.victim);
    await page.getByLabel('Case').fill('browser case');
    await page.getByRole('button', { name: 'Watch' }).click();
    await page.getByRole('cell', { name: 'browser case' }).waitFor();
    await checkWatches(s.db);
    await page.reload();
    await page.getByTestId('alerts').waitFor();
    assert.match(await page.getByTestId('alerts').innerText(), /funds-reached-exchange/);
    await shot(page, `08-money-alerts-${s.engine}`);
    await page.getByLabel(/Sources/).fill('not an address');
    await page.getByRole('button', { name: 'Trace' }).click();
    await page.getByRole('alert').getByText(/not an address, txid or txid:vout/).waitFor();

    // Korean mail, for a person to check that Hangul renders (a Hangul font: see the README's requirements)
    await page.goto(`${srv.url}#/inbox`);
    await page.locator('table.messages tbody a', { hasText: /[\uAC00-\uD7A3]/ }).first().click();
    await page.getByRole('heading', { name: /Why: \d+ signals?/ }).waitFor();
    await page.frameLocator('iframe.body-frame').locator('body').getByText(/[\uAC00-\uD7A3]/).first().waitFor();
    await shot(page, `04-message-korean-${s.engine}`);

    // readable on a narrow screen
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.url}#/inbox`);
    await page.locator('table.messages tbody tr').first().waitFor();
    await shot(page, `09-inbox-narrow-${s.engine}`);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 400, `no sideways scrolling on a phone (page is ${width}px wide)`);

    assert.deepEqual(watch.foreignRequests, []);
    assert.deepEqual(watch.cspViolations, []);
    assert.deepEqual(watch.pageErrors, []);
  } finally {
    await close();
    await srv.close();
  }
});
