/**
 * Operations in the browser, against the real demo: the dashboard's operations cards, the site
 * board (sorting, history, status changes, assignments), alerts as notifications and the force
 * generation page show what the API returns for the same user, and act through it.
 */
import { addDays, missionDay } from '@konbit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { asUser, type ApiUser } from './api';
import { browserSkipReason, screenshot, signInAs, useBrowserDemo, type Page } from './support';

const unavailable = browserSkipReason();
const SOURCE = { organisation: 'Force HQ', title: 'Browser test (illustrative)' };

interface SiteFeature {
  id: string;
  properties: { name: string; criticality: number; status?: { status: string; id: string } };
}
interface BoardRow {
  siteId: string;
  incidentsNearby: number;
  personnelNow: number;
}
interface StatsAnswer {
  total: { count: number };
  groups: { key: string; count: number }[];
}

async function serverToday(api: ApiUser) {
  return missionDay(new Date((await api.get<{ now: string }>('/healthz')).now));
}

async function sites(api: ApiUser): Promise<SiteFeature[]> {
  return (await api.get<{ features: SiteFeature[] }>('/api/v1/sites')).features;
}

async function history(api: ApiUser, id: string) {
  return api.get<{ changes: { status: string; note: string | null }[] }>(
    `/api/v1/sites/${id}/history`,
  );
}

/** The board's rows as rendered: id, status, incidents and personnel, top to bottom. */
function boardRows(page: Page) {
  return page.locator('[data-testid="site-board"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-site-id') ?? '',
      name: tr.querySelector('th')?.textContent ?? '',
      status: tr.getAttribute('data-status'),
      incidents: Number(tr.getAttribute('data-incidents')),
      personnel: Number(tr.getAttribute('data-personnel')),
    })),
  );
}

async function openBoard(page: Page) {
  await page.getByRole('link', { name: 'Site board' }).click();
  await page.locator('[data-testid="site-board"] tbody tr').first().waitFor();
}

function row(page: Page, siteId: string) {
  return page.locator(`[data-testid="site-board"] tbody tr[data-site-id="${siteId}"]`);
}

describe.skipIf(unavailable !== null)('operations in the browser', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;
  let ngo: ApiUser;

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
    ngo = await asUser(t.demo, 'humanitarian-field');
  });

  async function expectCardsEqualApi(page: Page, api: ApiUser) {
    const today = await serverToday(api);
    const all = await sites(api);
    const secured = all.filter((s) => s.properties.status?.status === 'secured').length;
    await expect
      .poll(() => page.getByTestId('sites-secured').textContent())
      .toBe(`${secured} of ${all.length}`);

    const freed = await api.get<{ days: { day: string; actual: number; projected: number }[] }>(
      `/api/v1/kpi/police-freed?from=${addDays(today, -13)}&to=${addDays(today, 30)}`,
    );
    const todays = freed.days.find((d) => d.day === today);
    expect(todays).toBeDefined();
    const table = page.locator('[data-testid="freed-table"] tbody tr');
    await expect.poll(() => table.count()).toBe(freed.days.length);
    const drawn = await table.evaluateAll((trs) =>
      trs.map((tr) => ({
        day: tr.getAttribute('data-day'),
        actual: Number(tr.getAttribute('data-actual')),
        projected: Number(tr.getAttribute('data-projected')),
      })),
    );
    expect(drawn).toEqual(freed.days.map((d) => ({ ...d })));
    expect(await page.getByTestId('freed-projected').textContent()).toBe(
      String(Math.round((todays?.projected ?? 0) * 10) / 10),
    );
    await page.getByTestId('freed-canvas').waitFor();

    const stats = (from: string, to: string) =>
      api.get<StatsAnswer>(`/api/v1/incidents/stats?groupBy=type&from=${from}&to=${to}`);
    const last = await stats(addDays(today, -6), today);
    const before = await stats(addDays(today, -13), addDays(today, -7));
    await expect
      .poll(() => page.getByTestId('incidents-last').textContent())
      .toBe(last.total.count.toLocaleString('en-GB'));
    expect(await page.getByTestId('incidents-before').textContent()).toBe(
      before.total.count.toLocaleString('en-GB'),
    );
    const types = new Set(
      [...last.groups, ...before.groups].filter((g) => g.count > 0).map((g) => g.key),
    );
    const byType = await page
      .locator('[data-testid="incidents-by-type"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-type'),
          Number(tr.getAttribute('data-last')),
          Number(tr.getAttribute('data-before')),
        ]),
      );
    expect(byType.map(([type]) => type).sort()).toEqual([...types].sort());
    for (const [type, l, b] of byType) {
      expect(l).toBe(last.groups.find((g) => g.key === type)?.count ?? 0);
      expect(b).toBe(before.groups.find((g) => g.key === type)?.count ?? 0);
    }

    const summary = await api.get<{
      leadNation: { countryName: string } | null;
      personnel: { pledged: number; deployed: number };
      milestones: { id: string; status: string }[];
    }>('/api/v1/force/summary');
    expect(await page.getByTestId('force-pledged').textContent()).toBe(
      summary.personnel.pledged.toLocaleString('en-GB'),
    );
    expect(await page.getByTestId('force-deployed').textContent()).toBe(
      summary.personnel.deployed.toLocaleString('en-GB'),
    );
    if (summary.leadNation === null) {
      expect(await page.getByTestId('force-lead').textContent()).toBe('No lead nation designated');
    }
    const pending = summary.milestones.filter((m) => m.status === 'pending').map((m) => m.id);
    expect(
      await page
        .locator('[data-testid="force-pending"] li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id'))),
    ).toEqual(pending);
  }

  it('shows mission HQ the operations cards exactly as the API gives them, with charts and tables', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await page.getByTestId('card-force').waitFor();
    await expectCardsEqualApi(page, ops);
    // The weekly chart's table equals the API, week by week and type by type.
    const today = await serverToday(ops);
    const cells = page.locator('[data-testid="incidents-weekly-table"] td');
    await page.getByTestId('chart-incidents').waitFor();
    const drawn = await cells.evaluateAll((tds) =>
      tds.map((td) => ({
        week: td.parentElement?.getAttribute('data-week'),
        type: td.getAttribute('data-type'),
        count: Number(td.getAttribute('data-count')),
      })),
    );
    const weeks = [...new Set(drawn.map((d) => d.week))];
    expect(weeks.length).toBe(12);
    const from = weeks[0] ?? '';
    for (const type of new Set(drawn.map((d) => d.type))) {
      const weekly = await ops.get<StatsAnswer>(
        `/api/v1/incidents/stats?groupBy=week&from=${from}&to=${today}&types=${type}`,
      );
      for (const d of drawn.filter((x) => x.type === type)) {
        expect(d.count, `${type} ${d.week}`).toBe(
          weekly.groups.find((g) => g.key === d.week)?.count ?? 0,
        );
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'operations-dashboard');
    await page.close();
  });

  it('shows a humanitarian user only what they may read, with no site board by navigation or path', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'humanitarian-field');
    await page.getByTestId('card-force').waitFor();
    await expectCardsEqualApi(page, ngo);
    // Operational status is not theirs to read: every site counts as unknown to them.
    const all = await sites(ngo);
    expect(all.every((s) => s.properties.status === undefined)).toBe(true);
    expect(await page.getByTestId('sites-unknown').textContent()).toContain(String(all.length));
    expect(await page.getByRole('link', { name: 'Site board' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Force generation' }).count()).toBe(1);
    await page.goto(`${t.demo.url}/sites`);
    await page.getByText('There is nothing at this address.').waitFor();
    expect(await page.getByTestId('site-board').count()).toBe(0);
    await page.close();
  });

  it('lists every site with the board API’s counts, sorts by any column, and opens the history', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await openBoard(page);
    const all = await sites(ops);
    const board = await ops.get<{ sites: BoardRow[] }>('/api/v1/sites/board');
    const rendered = await boardRows(page);
    expect(rendered.map((r) => r.id).sort()).toEqual(all.map((s) => s.id).sort());
    for (const r of rendered) {
      const site = all.find((s) => s.id === r.id);
      const counts = board.sites.find((b) => b.siteId === r.id);
      expect(r.status).toBe(site?.properties.status?.status ?? 'unknown');
      expect(r.incidents).toBe(counts?.incidentsNearby);
      expect(r.personnel).toBe(counts?.personnelNow);
    }

    await page.getByTestId('sort-name').click();
    const byName = (await boardRows(page)).map((r) => r.name);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId('sort-name').click();
    expect((await boardRows(page)).map((r) => r.name)).toEqual([...byName].reverse());
    await page.getByTestId('sort-incidents').click();
    const incidents = (await boardRows(page)).map((r) => r.incidents);
    expect(incidents).toEqual([...incidents].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort]').evaluate((th) => th.getAttribute('aria-sort'))).toBe(
      'descending',
    );

    const first = all[0];
    if (!first) throw new Error('the demo has no site');
    await row(page, first.id)
      .getByRole('button', { name: /^History: / })
      .click();
    const h = await history(ops, first.id);
    const panel = page.getByTestId('site-history');
    await panel.waitFor();
    if (h.changes.length > 0) {
      // The panel opens before its history has loaded: wait for the list.
      await expect
        .poll(
          () =>
            panel
              .locator('[data-testid="history-changes"] > li')
              .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status'))),
          { timeout: 15_000 },
        )
        .toEqual(h.changes.map((c) => c.status));
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'operations-site-board');
    await page.close();
  });

  it('gives a contingent user the board in Haitian Creole, with status changes and no tasking', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'contingent');
    await page.getByTestId('language').selectOption('ht');
    await page.getByRole('link', { name: 'Tablo sit yo' }).click();
    await page.getByRole('heading', { name: 'Tablo sit yo' }).waitFor();
    await page.locator('[data-testid="site-board"] tbody tr').first().waitFor();
    const rows = page.locator('[data-testid="site-board"] tbody tr');
    expect(await rows.count()).toBe((await sites(await asUser(t.demo, 'contingent'))).length);
    expect(await page.getByRole('button', { name: /^Chanje estati: / }).count()).toBe(
      await rows.count(),
    );
    expect(await page.getByRole('button', { name: /^Afekte yon inite: / }).count()).toBe(0);
    expect(await page.getByTestId('sort-incidents').textContent()).toBe('Ensidan ≤ 1 km, 7 jou');
    await page.close();
  });

  it('changes a status from the board into the API’s history, and shows the server’s refusal of a stale move', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await openBoard(page);
    const site = (await sites(ops)).find((s) => s.properties.status?.status !== 'lost');
    if (!site) throw new Error('no site to report on');
    // Bring the site to a known status first.
    expect(
      (await ops.post(`/api/v1/sites/${site.id}/status`, { status: 'contested', source: SOURCE }))
        .status,
    ).toBe(201);
    await expect.poll(() => row(page, site.id).getAttribute('data-status')).toBe('contested');

    await row(page, site.id)
      .getByRole('button', { name: /^Change status: / })
      .click();
    const form = page.getByTestId('status-form');
    await form.getByTestId('status-select').selectOption('secured');
    await form.getByTestId('status-source-title').fill('Patrol report from the board');
    await form.getByLabel('Note').fill('board-status-marker');
    await form.getByRole('button', { name: 'Report status' }).click();
    await form.getByTestId('status-done').waitFor();
    const after = await history(ops, site.id);
    expect(after.changes[0]).toMatchObject({ status: 'secured', note: 'board-status-marker' });
    await expect.poll(() => row(page, site.id).getAttribute('data-status')).toBe('secured');

    // The form offers what the rule allows from "secured"; someone else moves the site meanwhile.
    await form.getByRole('button', { name: 'Close' }).click();
    await row(page, site.id)
      .getByRole('button', { name: /^Change status: / })
      .click();
    const options = await form
      .getByTestId('status-select')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(options).not.toContain('lost');
    expect(options).toContain('threatened');
    expect(
      (await ops.post(`/api/v1/sites/${site.id}/status`, { status: 'contested', source: SOURCE }))
        .status,
    ).toBe(201);
    expect(
      (await ops.post(`/api/v1/sites/${site.id}/status`, { status: 'lost', source: SOURCE }))
        .status,
    ).toBe(201);
    const before = (await history(ops, site.id)).changes.length;
    await expect.poll(() => form.getByTestId('status-moved').textContent()).toContain('Lost');
    await form.getByTestId('status-select').selectOption('threatened');
    await form.getByTestId('status-source-title').fill('Stale report');
    await form.getByRole('button', { name: 'Report status' }).click();
    await expect
      .poll(() => form.getByTestId('status-error').textContent())
      .toContain('A lost site cannot be threatened');
    expect((await history(ops, site.id)).changes.length).toBe(before);
    await screenshot(page, 'operations-status-refused');
    await page.close();
  });

  it('shows an alert raised through the API as a notification without a reload, acknowledged from it', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await expect.poll(() => page.getByTestId('feed-status').textContent()).toBe('Live');
    const site = (await sites(ops)).find((s) => s.properties.status?.status !== 'lost');
    if (!site) throw new Error('no site');
    const res = await ops.post(`/api/v1/sites/${site.id}/status`, {
      status: 'threatened',
      source: SOURCE,
      note: 'alert-marker',
    });
    expect(res.status).toBe(201);
    const { alertId } = (await res.json()) as { alertId: string };
    expect(alertId).toEqual(expect.any(String));
    const note = page.locator(`[data-testid="alert-notification"][data-alert-id="${alertId}"]`);
    await note.waitFor({ timeout: 15_000 });
    const alert = await ops.get<{ message: string }>(`/api/v1/alerts/${alertId}`);
    expect(await note.textContent()).toContain(alert.message);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'operations-alert');
    await note.getByTestId('alert-acknowledge').click();
    await note.waitFor({ state: 'detached' });
    await expect
      .poll(
        async () =>
          (await ops.get<{ acknowledged: unknown }>(`/api/v1/alerts/${alertId}`)).acknowledged,
      )
      .not.toBeNull();
    // The humanitarian user never gets it.
    const ngoPage = await t.browser.newPage();
    await signInAs(ngoPage, t.demo, 'humanitarian-field');
    await ngoPage.getByTestId('card-force').waitFor();
    expect(await ngoPage.getByTestId('alert-notification').count()).toBe(0);
    await ngoPage.close();
    await page.close();
  });

  it('assigns a unit from the board, and shows a 409 clash without changing anything', async () => {
    const unitRes = await ops.post('/api/v1/units', {
      name: 'Board test unit (illustrative)',
      organisation: 'Browser test',
      strength: 10,
    });
    expect(unitRes.status).toBe(201);
    const unit = (await unitRes.json()) as { id: string };
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'mission-ops');
    await openBoard(page);
    const [a, b] = await sites(ops);
    if (!a || !b) throw new Error('the demo needs two sites');
    const assign = async (siteId: string, personnel: number) => {
      await row(page, siteId).getByRole('button', { name: 'Assign a unit' }).click();
      const form = page.getByTestId('assign-form');
      await form.getByTestId('assign-unit').selectOption(unit.id);
      await form.getByTestId('assign-personnel').fill(String(personnel));
      await form.getByTestId('assign-state').selectOption('active');
      await form.getByRole('button', { name: 'Assign', exact: true }).click();
      return form;
    };
    const ok = await assign(a.id, 6);
    await ok.getByTestId('assign-done').waitFor();
    const mine = async () =>
      (
        await ops.get<{ assignments: { site: { id: string }; personnel: number }[] }>(
          `/api/v1/assignments?unitId=${unit.id}`,
        )
      ).assignments;
    expect((await mine()).map((x) => [x.site.id, x.personnel])).toEqual([[a.id, 6]]);
    await expect.poll(() => row(page, a.id).getAttribute('data-personnel')).not.toBe('0');
    await ok.getByRole('button', { name: 'Close' }).click();

    const clash = await assign(b.id, 5);
    await expect
      .poll(() => clash.getByTestId('assign-error').textContent())
      .toMatch(/Board test unit/);
    expect((await mine()).length).toBe(1);
    await screenshot(page, 'operations-assign-clash');
    await page.close();
  });

  it('shows force generation as the API gives it: pledges, history, the lead nation and milestones', async () => {
    // An offer with a number, so the chart has something to draw (labelled illustrative).
    const offer = await ops.post('/api/v1/force/contributions', {
      country: 'BLZ',
      countryName: 'Belize (browser test, illustrative)',
      source: SOURCE,
      lines: [{ capability: 'infantry', personnel: 25, status: 'pledged', date: '2023-06-01' }],
    });
    expect(offer.status).toBe(201);
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'humanitarian-field');
    await page.getByRole('link', { name: 'Force generation' }).click();
    await page.getByTestId('lead-nation').waitFor();
    const summary = await ngo.get<{
      leadNation: unknown;
      personnel: {
        pledged: number;
        byCountry: {
          country: string;
          byCapability: { capability: string; pledged: number; deployed: number }[];
        }[];
      };
      milestones: { id: string; status: string }[];
    }>('/api/v1/force/summary');
    if (summary.leadNation === null) {
      expect(await page.getByTestId('lead-nation').textContent()).toBe('No lead nation designated');
    }
    const rows = await page.locator('[data-testid="force-personnel"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        country: tr.getAttribute('data-country'),
        capability: tr.getAttribute('data-capability'),
        pledged: Number(tr.getAttribute('data-pledged')),
        deployed: Number(tr.getAttribute('data-deployed')),
      })),
    );
    expect(rows).toEqual(
      summary.personnel.byCountry.flatMap((c) =>
        c.byCapability.map((cap) => ({
          country: c.country,
          capability: cap.capability,
          pledged: cap.pledged,
          deployed: cap.deployed,
        })),
      ),
    );
    expect(Number(await page.getByTestId('force-total').getAttribute('data-pledged'))).toBe(
      summary.personnel.pledged,
    );
    const milestones = await page
      .locator('[data-testid="milestones"] > li')
      .evaluateAll((lis) =>
        lis.map((li) => [li.getAttribute('data-milestone-id'), li.getAttribute('data-status')]),
      );
    expect(milestones.map(([id]) => id).sort()).toEqual(summary.milestones.map((m) => m.id).sort());
    for (const [id, status] of milestones) {
      expect(status).toBe(summary.milestones.find((m) => m.id === id)?.status);
    }
    const { contributions } = await ngo.get<{
      contributions: { id: string; lines: { id: string; status: string; history: unknown[] }[] }[];
    }>('/api/v1/force/contributions');
    expect(await page.getByTestId('contribution').count()).toBe(contributions.length);
    for (const c of contributions) {
      for (const l of c.lines) {
        const line = page.locator(`[data-line-id="${l.id}"]`);
        expect(await line.getAttribute('data-status')).toBe(l.status);
        expect(Number(await line.getAttribute('data-history'))).toBe(l.history.length);
      }
    }
    await page.getByTestId('pledges-canvas').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'operations-force');
    await page.close();
  });
});
