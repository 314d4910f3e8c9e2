import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEstate } from '../../src/demo/sample-estate.js';
import { startCli } from '../support/cli.js';

/**
 * The preview page in a real browser: Debian's chromium (installed by .ci/run) driven by
 * playwright-core, against `port-sync demo --serve`. Without chromium the tests are skipped with a
 * notice, except under CI=true, where a missing browser fails the run.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const SCREENSHOT = fileURLToPath(new URL('../../docs/preview.png', import.meta.url));

if (!CHROMIUM && process.env.CI !== 'true') {
  console.warn('\n!!! The preview page browser tests are SKIPPED: no chromium (apt-get install -y chromium, or set CHROMIUM_PATH) !!!\n');
}

describe.skipIf(!CHROMIUM && process.env.CI !== 'true')('the preview page in Chromium (npm run demo -- --serve)', () => {
  let browser: Browser;
  let page: Page;
  let url = '';
  let stdout = '';
  let stop: () => Promise<number | null>;

  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error('CI=true and no chromium: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH');
    const child = startCli(['demo', '--serve', '--port', '0']);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    stop = () => {
      child.kill('SIGINT');
      return exited;
    };
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not serve its page:\n${stdout}`)), 60_000);
      child.stdout.on('data', () => {
        const found = /Preview page: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // The page loads nothing from the network: every request goes to the product's own server.
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) throw new Error(`the page requested ${request.url()}`);
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (stop) expect(await stop()).toBe(0);
  });

  async function open(hash: string): Promise<void> {
    await page.goto(`${url}${hash}`);
    await page.waitForSelector(`main[data-ready="${hash}"]`);
  }

  it('shows the FinOps month to date and each team the sum of its services', async () => {
    await open('#/dashboard/finops');
    const cost = sampleEstate(2).find((r) => r.id === 'cost')!.result.fragments;
    const thisMonth = cost.filter((f) => f.blueprint === 'cloudCost' && f.properties?.isCurrentMonth === true);
    const total = thisMonth.reduce((s, f) => s + (f.properties!.amount as number), 0);
    expect(await page.locator('[data-widget="monthToDate"] .number-value').innerText()).toBe(
      `$${Math.round(total).toLocaleString('en-US')}`,
    );

    // services: title | team | month to date | ...; their costs are the cost source's
    const services = await page
      .locator('[data-widget="costPerService"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(services).toHaveLength(5);
    for (const [service, , mtd] of services) {
      const fragment = cost.find((f) => f.blueprint === 'service' && f.identifier === service)!;
      expect(Number(mtd)).toBe(fragment.properties!.costMonthToDate);
    }
    const teams = await page
      .locator('[data-widget="costPerTeam"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(teams.map(([team]) => team).sort()).toEqual(['checkout', 'payments', 'platform']);
    for (const [team, mtd] of teams) {
      const expected = services.filter(([, t]) => t === team).reduce((s, [, , m]) => s + Number(m), 0);
      expect(Number(mtd)).toBeCloseTo(expected, 2);
    }
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("draws the platform health pies with one slice per lag, counted from the dashboard's own table", async () => {
    await open('#/dashboard/platformHealth');
    const legend = await page
      .locator('[data-widget="chartLagShare"] .legend li')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-label'), Number(li.getAttribute('data-count'))] as const));
    const lagColumn = await page
      .locator('[data-widget="serviceVersions"] thead th')
      .evaluateAll((ths) => ths.findIndex((th) => th.getAttribute('data-column') === 'chartLag'));
    expect(lagColumn).toBeGreaterThan(0);
    const lags = await page
      .locator('[data-widget="serviceVersions"] tbody tr')
      .evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll('td')[i]?.textContent ?? ''), lagColumn);
    const counted = new Map<string, number>();
    for (const lag of lags) counted.set(lag, (counted.get(lag) ?? 0) + 1);
    expect(new Map(legend)).toEqual(counted);
    expect(await page.locator('[data-widget="chartLagShare"] svg path, [data-widget="chartLagShare"] svg circle').count()).toBe(
      counted.size,
    );
    // and the same numbers the demo printed
    for (const [label, count] of legend) expect(stdout).toMatch(new RegExp(`Chart lag: pie, 5 entities: [^\\n]*\\b${label} ${count}\\b`));
    const health = await page
      .locator('[data-widget="workloadHealthShare"] .legend li')
      .evaluateAll((items) => items.map((li) => `${li.querySelector('.label')?.textContent} ${li.querySelector('.count')?.textContent}`));
    expect(health).toEqual(['Healthy 3', 'Degraded 1']);
  });

  it('opens a service from the catalog search and shows its Platform currency level and failing rules', async () => {
    await open('#/catalog/service');
    await page.fill('#search', 'notif');
    expect(await page.locator('#catalog tbody tr:not([hidden])').count()).toBe(1);
    await page.locator('#catalog tbody tr:not([hidden]) a').first().click();
    await page.waitForSelector('main[data-ready="#/entity/service/notifications"]');
    // notifications pins chart 2.1.0 (latest 4.3.1: a major behind) and the current pipeline
    expect(await page.locator('[data-property="chartLag"]').innerText()).toBe('major');
    expect(await page.locator('[data-scorecard="platformCurrency"] .level').innerText()).toBe('Bronze');
    expect(
      await page
        .locator('[data-scorecard="platformCurrency"] .failing li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-rule'))),
    ).toEqual(['chartNoMajorLag', 'chartCurrent']);
    // its team is a link to the team's page, which sums its services' costs
    await page.locator('[data-relation="team"] a').click();
    await page.waitForSelector('main[data-ready="#/entity/team/platform"]');
    expect(Number(await page.locator('[data-property="costMonthToDate"]').innerText())).toBeGreaterThan(0);
  });
});
