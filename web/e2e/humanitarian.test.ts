/**
 * The humanitarian views against the real demo: displacement by place and by DTM round, a
 * place's history and the conflict between sources, the 3W tables, the HXL import (its error
 * report row by row, nothing imported; a good file's rows appearing) and the exports, each equal
 * to what the API gives the same user. A donor has no import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { asUser, testFigure, type ApiUser, type ListedFigure } from './api';
import {
  apiToken,
  browserSkipReason,
  REPO,
  screenshot,
  signInAs,
  useBrowserDemo,
  type Page,
} from './support';

const unavailable = browserSkipReason();

const SEEDED_ERRORS = join(REPO, 'server/src/interop/hxl/fixtures/displacement-seeded-errors.csv');

interface Figure extends ListedFigure {
  conflict: boolean;
  dtm: { round: number } | null;
}

interface ActivityList {
  activities: {
    id: string;
    sector: string;
    activity: string;
    place: { pcode: string };
    reached: { total: number | null };
  }[];
  totals: { activities: number; reached: { total: number } };
}

const aboutArea = (f: Figure) => f.place.idpSiteId === null && f.place.hazardEventId === null;

function attr(page: Page, selector: string, name: string): Promise<(string | null)[]> {
  return page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
}

async function openHumanitarian(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^(Humanitarian|Humanitaire|Imanitè)$/ }).click();
  await page.locator('[data-testid="displacement-latest"] tbody tr').first().waitFor();
}

/** Group rows of the 3W summary as `cluster|commune → activities/reached`. */
async function shownGroups(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .locator('[data-testid="threew-groups"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        `${tr.getAttribute('data-sector')}|${tr.getAttribute('data-pcode')}`,
        `${tr.getAttribute('data-activities')}/${tr.getAttribute('data-reached')}`,
      ]),
    );
  return Object.fromEntries(rows);
}

function apiGroups(list: ActivityList): Record<string, string> {
  const out: Record<string, { n: number; reached: number }> = {};
  for (const a of list.activities) {
    const g = (out[`${a.sector}|${a.place.pcode}`] ??= { n: 0, reached: 0 });
    g.n += 1;
    g.reached += a.reached.total ?? 0;
  }
  return Object.fromEntries(Object.entries(out).map(([k, g]) => [k, `${g.n}/${g.reached}`]));
}

describe.skipIf(unavailable !== null)('the humanitarian views', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;
  let im: ApiUser;

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
    im = await asUser(t.demo, 'humanitarian-im');
  });

  it('shows displacement by place and by DTM round as the API gives it, a place’s history, and a conflict with both sources', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openHumanitarian(page);

    const latest = async () =>
      (await ops.get<{ figures: Figure[] }>('/api/v1/figures?metric=idps&latest=1')).figures
        .filter(aboutArea)
        .map((f) => `${f.id}=${f.value}`)
        .sort();
    const shownLatest = async () => {
      const ids = await attr(page, '[data-testid="displacement-latest"] tbody tr', 'data-id');
      const values = await attr(page, '[data-testid="displacement-latest"] tbody tr', 'data-value');
      return ids.map((id, i) => `${id}=${values[i]}`).sort();
    };
    await expect.poll(shownLatest).toEqual(await latest());

    // Every DTM figure is in its round's column, on its place's row.
    const history = (
      await ops.get<{ figures: Figure[] }>('/api/v1/figures?metric=idps')
    ).figures.filter((f) => aboutArea(f) && f.dtm !== null);
    expect(history.length).toBeGreaterThan(0);
    const cells = await page
      .locator('[data-testid="displacement-rounds"] tbody td[data-value]:not([data-value=""])')
      .evaluateAll((tds) =>
        tds.map(
          (td) =>
            `${td.closest('tr')?.getAttribute('data-pcode')}|${td.getAttribute('data-round')}=${td.getAttribute('data-value')}`,
        ),
      );
    expect(cells.sort()).toEqual(
      history.map((f) => `${f.place.pcode}|${f.dtm?.round}=${f.value}`).sort(),
    );

    // Another source disagreeing with IOM DTM for Port-au-Prince arrives through the live feed:
    // both figures are shown, marked as in conflict.
    const res = await ops.post(
      '/api/v1/figures',
      testFigure('HT0111', 90_000, 'idps', '2023-04-10'),
    );
    expect(res.status).toBe(201);
    await expect.poll(shownLatest, { timeout: 15_000 }).toEqual(await latest());
    const conflicting = await page
      .locator('[data-testid="displacement-latest"] tbody tr[data-pcode="HT0111"]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-value'), tr.getAttribute('data-conflict')]),
      );
    expect(conflicting.sort()).toEqual([
      ['61817', 'true'],
      ['90000', 'true'],
    ]);
    expect(
      await page
        .locator(
          '[data-testid="displacement-latest"] tr[data-pcode="HT0111"] [data-testid="source"]',
        )
        .allTextContents(),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/IOM DTM/),
        expect.stringMatching(/Browser test \(illustrative\)/),
      ]),
    );

    // The history of one place.
    await page
      .locator('[data-testid="displacement-latest"] tr[data-pcode="HT0111"] th button')
      .first()
      .click();
    await page.locator('[data-testid="place-history"] tbody tr').first().waitFor();
    const placeHistory = (
      await ops.get<{ figures: Figure[] }>('/api/v1/figures?metric=idps&pcode=HT0111')
    ).figures.filter((f) => aboutArea(f) && f.place.pcode === 'HT0111');
    expect((await attr(page, '[data-testid="place-history"] tbody tr', 'data-id')).sort()).toEqual(
      placeHistory.map((f) => f.id).sort(),
    );

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'humanitarian-displacement');
    await page.close();
  });

  it('shows who does what where by cluster and commune, with people reached, as the API gives it', async () => {
    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openHumanitarian(page);
    const check = async (query: string) => {
      const list = await ops.get<ActivityList>(`/api/v1/activities${query}`);
      await expect.poll(() => shownGroups(page)).toEqual(apiGroups(list));
      expect((await attr(page, '[data-testid="threew-list"] tbody tr', 'data-id')).sort()).toEqual(
        list.activities.map((a) => a.id).sort(),
      );
      const totals = page.getByTestId('threew-totals');
      expect(await totals.getAttribute('data-activities')).toBe(String(list.totals.activities));
      expect(await totals.getAttribute('data-reached')).toBe(String(list.totals.reached.total));
      return list;
    };
    expect((await check('')).activities.length).toBeGreaterThan(0);

    await page.locator('#threew-sector').selectOption('water-sanitation-hygiene');
    await page.getByRole('button', { name: 'Show' }).click();
    expect((await check('?sector=water-sanitation-hygiene')).activities.length).toBeGreaterThan(0);

    await page.locator('#threew-sector').selectOption('');
    await page.locator('#threew-commune').selectOption('HT0117');
    await page.getByRole('button', { name: 'Show' }).click();
    expect((await check('?pcode=HT0117')).activities.length).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'humanitarian-3w');
    await page.close();
  });

  it('lists every error of a bad HXL file with its row and column and imports nothing; a good file imports and its rows appear', async () => {
    const before = await im.get<{ figures: Figure[] }>('/api/v1/figures?metric=idps');
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // The OCHA information manager works in French.
    await signInAs(page, t.demo, 'humanitarian-im');
    await page.getByRole('link', { name: 'Importer des données' }).click();
    await page.locator('#import-kind').selectOption('displacement');
    await page.locator('#import-file').setInputFiles(SEEDED_ERRORS);
    await page.getByTestId('import-form').locator('button[type="submit"]').click();
    await page.getByTestId('import-errors').waitFor();

    // The same file through the API: the same errors, row by row.
    const token = await apiToken(t.demo, 'humanitarian-im');
    const refused = await fetch(`${t.demo.url}/api/v1/import/hxl?kind=displacement`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: readFileSync(SEEDED_ERRORS),
    });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as {
      error: { details: { row: number; column: string; message: string }[] };
    };
    const shown = await page
      .locator('[data-testid="import-errors"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-row'),
          tr.getAttribute('data-column'),
          tr.querySelectorAll('td')[2]?.textContent,
        ]),
      );
    expect(shown).toEqual(error.details.map((d) => [String(d.row), d.column, d.message]));
    expect(shown.length).toBeGreaterThan(5);
    const after = await im.get<{ figures: Figure[] }>('/api/v1/figures?metric=idps');
    expect(after.figures.map((f) => f.id).sort()).toEqual(before.figures.map((f) => f.id).sort());
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-errors');

    const good = [
      'Organisation,Acronym,Organisation type,Cluster,Activity,Department,Commune,Status,Start,End,People reached',
      '#org+name,#org+acronym,#org+type,#sector+cluster,#activity+name,#adm1+code,#adm2+code,#status,#date+start,#date+end,#reached+ind',
      'Browser test NGO (illustrative),BTN,National NGO,Education,Temporary learning spaces (illustrative),HT01,HT0113,ongoing,2023-05-15,,320',
      'Browser test NGO (illustrative),BTN,National NGO,Nutrition,Screening of children under five (illustrative),HT01,HT0112,planned,,,',
    ].join('\n');
    await page.locator('#import-kind').selectOption('activities');
    await page.locator('#import-file').setInputFiles({
      name: 'browser-test-3w.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good, 'utf8'),
    });
    await page.getByTestId('import-form').locator('button[type="submit"]').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').getAttribute('data-created')).toBe('2');
    const imported = (await im.get<ActivityList>('/api/v1/activities')).activities.filter(
      (a) =>
        a.activity.endsWith('(illustrative)') &&
        /Temporary learning|Screening of children/.test(a.activity),
    );
    expect(imported.map((a) => a.place.pcode).sort()).toEqual(['HT0112', 'HT0113']);

    // Its rows appear in the 3W view.
    await page.getByRole('link', { name: 'Humanitaire' }).click();
    for (const a of imported) {
      await page.locator(`[data-testid="threew-list"] tr[data-id="${a.id}"]`).waitFor();
    }
    await page.close();
  });

  it('imports IOM DTM API JSON: the figures it adds are the API’s new figures, and a second import adds nothing', async () => {
    const file = join(REPO, 'server/src/interop/dtm/fixtures/iom-dtm-api-hti-admin0.json');
    const ids = async () =>
      new Set((await im.get<{ figures: Figure[] }>('/api/v1/figures')).figures.map((f) => f.id));
    const before = await ids();
    const page = await t.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, t.demo, 'humanitarian-im');
    await page.getByRole('link', { name: 'Importer des données' }).click();
    await page.locator('#import-kind').selectOption('dtm-json');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByTestId('import-form').locator('button[type="submit"]').click();
    await page.getByTestId('import-done').waitFor();
    const created = Number(await page.getByTestId('import-done').getAttribute('data-created'));
    expect(created).toBeGreaterThan(0);
    const added = [...(await ids())].filter((id) => !before.has(id));
    expect(added.length).toBe(created);

    await page.getByTestId('import-form').locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('import-done').getAttribute('data-created')).toBe('0');
    expect((await ids()).size).toBe(before.size + created);
    await page.close();
  });

  it('downloads each export as the API gives it to the same user', async () => {
    const context = await t.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await openHumanitarian(page);
    const token = await apiToken(t.demo, 'mission-ops');
    for (const kind of ['displacement', 'activities', 'idp-sites', 'access']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`[data-testid="exports"] a[data-kind="${kind}"]`).click(),
      ]);
      const path = await download.path();
      const file = readFileSync(path, 'utf8');
      const res = await fetch(`${t.demo.url}/api/v1/export/${kind}.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(file).toBe(await res.text());
      expect(file.split('\n')[1]).toMatch(/^#/);
    }
    await context.close();
  });

  it('gives a donor the humanitarian views and exports, but no import, neither in the navigation nor by its path', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'viewer');
    await openHumanitarian(page);
    expect(await page.locator('[data-testid="exports"] a').count()).toBe(4);
    expect(await page.getByRole('link', { name: 'Import data' }).count()).toBe(0);
    await page.goto(`${t.demo.url}/import`);
    await page.getByTestId('who').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByTestId('import-form').count()).toBe(0);
    await page.close();
  });
});
