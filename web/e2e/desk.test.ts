/**
 * The incident desk against the real demo: the queue equals the API's unverified list for the
 * same user and filters; a claim made in one analyst's browser reaches another's through the
 * live feed and the server refuses their verification; judgements and merges leave the
 * reports as the API then reports them. Users without `incident.verify` have no desk.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { asUser, untilFiled, type ApiUser } from './api';
import {
  apiToken,
  browserSkipReason,
  ROUTED,
  screenshot,
  signInAs,
  useBrowserDemo,
  type Page,
} from './support';

const unavailable = browserSkipReason();

/** The queue's area when no commune is chosen (as web/src/api/desk.ts sends it). */
const HAITI = '-74.6,17.9,-71.6,20.2';
/** Bel Air (Wikipedia, arc-minute), in commune HT0111 Port-au-Prince. */
const BEL_AIR = { lon: -72.333, lat: 18.55 };

interface Feature {
  id: string;
  properties: { corroborations: number; verification: string; claim?: unknown };
}

async function unverified(api: ApiUser, extra = ''): Promise<string[]> {
  const page = await api.get<{ features: Feature[] }>(
    `/api/v1/incidents?verification=unverified&limit=20${extra.includes('pcode=') ? '' : `&bbox=${HAITI}`}${extra}`,
  );
  return page.features.map((f) => f.id);
}

/** The ids in the queue once it shows `expected` (the live feed may still be settling). */
async function queueIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('desk-queue')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
}

async function expectQueue(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => queueIds(page), { timeout: 15_000 }).toEqual(expected);
}

async function openDesk(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Incident desk|Bureau des incidents|Biwo ensidan/ }).click();
  await page.getByTestId('desk-queue').waitFor();
}

async function openReport(page: Page, id: string): Promise<void> {
  const row = page.locator(`[data-testid="desk-queue"] tr[data-id="${id}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.getByTestId('open-report').click();
  await page
    .locator(`[data-testid="desk-report"][data-id="${id}"] [data-testid="verification"]`)
    .waitFor();
}

describe.skipIf(unavailable !== null)('the incident desk', () => {
  const t = useBrowserDemo();
  let ops: ApiUser;
  let im: ApiUser;
  let now: Date;

  /** Files a report every analyst may read, `minutesAgo` before the demo's now. */
  async function file(over: Record<string, unknown> = {}, minutesAgo = 60): Promise<string> {
    const res = await ops.post('/api/v1/incidents', {
      type: 'roadblock-checkpoint',
      occurredAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
      location: BEL_AIR,
      locationPrecision: 'exact',
      description: 'Barricade de pneus sur la route de Bel Air (test du bureau des incidents)',
      source: { kind: 'patrol', reliability: 'B', credibility: '2' },
      classification: 'partners',
      ...over,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { incident: { id: string } }).incident.id;
  }

  beforeAll(async () => {
    ops = await asUser(t.demo, 'mission-ops');
    im = await asUser(t.demo, 'humanitarian-im');
    now = new Date((await ops.get<{ now: string }>('/healthz')).now);
  });

  it('shows the unverified queue as the API lists it for the same user, by type, commune and search', async () => {
    await file({
      type: 'looting',
      description: 'Pillage d’un dépôt à Pétion-Ville',
      location: { lon: -72.2853, lat: 18.5125 },
    });
    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openDesk(page);
    await expectQueue(page, await unverified(ops));
    expect((await queueIds(page)).length).toBeGreaterThan(0);

    // Grade, source and precision as the API gives them.
    const api = await ops.get<{
      features: { id: string; properties: { source: { grade: string } } }[];
    }>(`/api/v1/incidents?verification=unverified&limit=20&bbox=${HAITI}`);
    const grades = await page
      .getByTestId('desk-queue')
      .getByTestId('grade')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-grade')));
    expect(grades).toEqual(api.features.map((f) => f.properties.source.grade));

    await page.getByLabel('Type').selectOption('looting');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectQueue(page, await unverified(ops, '&types=looting'));

    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Commune').selectOption('HT0114');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectQueue(page, await unverified(ops, '&pcode=HT0114'));

    await page.getByLabel('Commune').selectOption('');
    await page.getByLabel('Search the text').fill('petion-ville depot');
    await page.getByRole('button', { name: 'Show' }).click();
    const found = await unverified(ops, `&q=${encodeURIComponent('petion-ville depot')}`);
    expect(found.length).toBeGreaterThan(0);
    await expectQueue(page, found);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desk-queue');
    await page.close();
  });

  it('shows the OCHA analyst only the reports they may read: their queue is the API’s for them', async () => {
    const missionOnly = await file({
      classification: 'mission',
      description: 'Barrage à Bel Air (réservé à la mission)',
    });
    const shared = await file({ description: 'Barrage à Bel Air (partagé avec les partenaires)' });
    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, t.demo, 'humanitarian-im');
    await openDesk(page);
    const expected = await unverified(im);
    expect(expected).toContain(shared);
    expect(expected).not.toContain(missionOnly);
    await expectQueue(page, expected);
    expect(await unverified(ops)).toContain(missionOnly);
    await page.close();
  });

  it('pages through the queue as the API pages through the same list', async () => {
    const items = Array.from({ length: 23 }, (_, i) => ({
      id: crypto.randomUUID(),
      type: 'explosion',
      occurredAt: new Date(now.getTime() - (200 + i) * 60_000).toISOString(),
      location: BEL_AIR,
      locationPrecision: 'exact',
      description: `Explosion entendue à Bel Air, rapport ${i + 1} (test de pagination)`,
      source: { kind: 'hotline', reliability: 'C', credibility: '3' },
      classification: 'partners',
    }));
    const batch = await ops.post('/api/v1/incidents/batch', { items });
    expect(batch.status).toBe(200);
    await untilFiled(ops);
    const first = await ops.get<{ features: Feature[]; nextCursor: string | null }>(
      `/api/v1/incidents?verification=unverified&limit=20&bbox=${HAITI}&types=explosion`,
    );
    expect(first.nextCursor).not.toBeNull();
    const second = await ops.get<{ features: Feature[] }>(
      `/api/v1/incidents?verification=unverified&limit=20&bbox=${HAITI}&types=explosion&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );

    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openDesk(page);
    await page.getByLabel('Type').selectOption('explosion');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectQueue(
      page,
      first.features.map((f) => f.id),
    );
    await page.getByRole('button', { name: 'Older' }).click();
    await expectQueue(
      page,
      second.features.map((f) => f.id),
    );
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Newer' }).click();
    await expectQueue(
      page,
      first.features.map((f) => f.id),
    );
    await page.close();
  });

  it('shows the server’s refusal of a judgement made on a version that changed meanwhile', async () => {
    const id = await file({ description: 'Barrage à Bel Air (version)' }, 20);
    const page = await t.browser.newPage({ ...ROUTED, viewport: { width: 1400, height: 1000 } });
    // No live feed in this browser (a lost connection), so it keeps the version it read.
    await page.route('**/api/v1/feed**', (route) => route.abort());
    await signInAs(page, t.demo, 'mission-ops');
    await openDesk(page);
    await openReport(page, id);
    const corrected = await fetch(`${t.demo.url}/api/v1/incidents/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await apiToken(t.demo, 'mission-ops')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ description: 'Barrage à Bel Air, levé à midi (version corrigée)' }),
    });
    expect(corrected.status).toBe(200);
    await page.locator('#desk-reason').fill('Deux patrouilles sur place');
    await page.getByTestId('judge-verified').click();
    const shown = await page.getByTestId('desk-error').textContent();
    expect(shown).toMatch(/changed since you read it/);
    expect((await ops.get<Feature>(`/api/v1/incidents/${id}`)).properties.verification).toBe(
      'unverified',
    );
    await page.close();
  });

  it('shows one analyst’s claim in another’s desk without a reload, and shows the server’s refusal of their verification', async () => {
    const id = await file({ description: 'Barrage tenu par des hommes armés, Bel Air (claim)' });
    const opsContext = await t.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const imContext = await t.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const opsPage = await opsContext.newPage();
    const imPage = await imContext.newPage();
    await signInAs(opsPage, t.demo, 'mission-ops');
    await signInAs(imPage, t.demo, 'humanitarian-im');
    await openDesk(opsPage);
    await openDesk(imPage);
    await openReport(opsPage, id);
    await openReport(imPage, id);
    const imRow = imPage.locator(`[data-testid="desk-queue"] tr[data-id="${id}"]`);
    expect(await imRow.getByTestId('claim').getAttribute('data-claimed')).toBe('');

    await opsPage.getByRole('button', { name: 'Claim', exact: true }).click();
    await opsPage.getByTestId('desk-done').waitFor();
    const claimer = (
      await ops.get<{ properties: { claim: { name: string } } }>(`/api/v1/incidents/${id}`)
    ).properties.claim.name;
    // The other analyst's queue and open report show the claim, with no reload.
    await expect
      .poll(() => imRow.getByTestId('claim').getAttribute('data-claimed'), { timeout: 15_000 })
      .toBe(claimer);
    await expect
      .poll(() => imPage.getByTestId('report-claim').getAttribute('data-claimed'), {
        timeout: 15_000,
      })
      .toBe(claimer);

    // Their verification is refused with the server's own message; nothing changes.
    await imPage.locator('#desk-reason').fill('Confirmé par un partenaire sur place');
    await imPage.getByTestId('judge-verified').click();
    const shown = await imPage.getByTestId('desk-error').textContent();
    const refused = await im.post(`/api/v1/incidents/${id}/verification`, {
      state: 'verified',
      reason: 'Confirmé par un partenaire sur place',
    });
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('AlreadyClaimed');
    expect(shown).toBe(error.message);
    expect((await ops.get<Feature>(`/api/v1/incidents/${id}`)).properties.verification).toBe(
      'unverified',
    );
    expect(await seriousViolations(imPage)).toEqual([]);
    await screenshot(imPage, 'desk-claimed-elsewhere');

    // Released by its holder, the claim leaves the other desk too.
    await opsPage.getByRole('button', { name: 'Release claim' }).click();
    await expect
      .poll(() => imRow.getByTestId('claim').getAttribute('data-claimed'), { timeout: 15_000 })
      .toBe('');
    // Judged elsewhere, the report leaves the other analyst's queue without a reload.
    const judged = await ops.post(`/api/v1/incidents/${id}/verification`, {
      state: 'verified',
      reason: 'Deux patrouilles sur place',
    });
    expect(judged.status).toBe(200);
    await expect.poll(() => queueIds(imPage), { timeout: 15_000 }).not.toContain(id);
    await expect
      .poll(() => imPage.getByTestId('verification').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('verified');
    await opsContext.close();
    await imContext.close();
  });

  for (const state of ['verified', 'disputed', 'false'] as const) {
    it(`marks a report ${state} with a reason, as the API then reports, and it leaves the queue`, async () => {
      const id = await file({ description: `Barrage à Bel Air (${state})` }, 30);
      const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await signInAs(page, t.demo, 'mission-ops');
      await openDesk(page);
      await openReport(page, id);

      // No reason: refused in the form, nothing sent.
      await page.getByTestId(`judge-${state}`).click();
      await page.locator('#desk-reason-error').waitFor();
      expect((await ops.get<Feature>(`/api/v1/incidents/${id}`)).properties.verification).toBe(
        'unverified',
      );

      await page.locator('#desk-reason').fill('Deux patrouilles sur place, photos datées');
      await page.getByTestId(`judge-${state}`).click();
      await page.getByTestId('desk-done').waitFor();
      const after = await ops.get<Feature>(`/api/v1/incidents/${id}`);
      expect(after.properties.verification).toBe(state);
      await expect
        .poll(() => page.getByTestId('verification').getAttribute('data-state'))
        .toBe(state);
      await expectQueue(page, await unverified(ops));
      expect(await queueIds(page)).not.toContain(id);
      await page.close();
    });
  }

  it('shows possible duplicates side by side with the differences marked, merges them and undoes the merge; the survivor’s count is the API’s', async () => {
    const description = 'Barrage de camions sur la route de Bel Air (doublon)';
    const survivor = await file({ description, type: 'arson' }, 90);
    const duplicate = await file(
      {
        description,
        type: 'arson',
        casualties: { killed: 0, injured: 2, abducted: 0 },
        source: { kind: 'hotline', reliability: 'C', credibility: '3' },
        location: { lon: BEL_AIR.lon + 0.001, lat: BEL_AIR.lat },
      },
      80,
    );
    const page = await t.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await signInAs(page, t.demo, 'mission-ops');
    await openDesk(page);
    await openReport(page, survivor);

    const expected = await ops.get<{ possibleDuplicates: { id: string }[] }>(
      `/api/v1/incidents/${survivor}/duplicates`,
    );
    expect(expected.possibleDuplicates.map((d) => d.id)).toContain(duplicate);
    const shown = page.getByTestId('duplicate');
    await shown.first().waitFor();
    expect(await shown.evaluateAll((s) => s.map((e) => e.getAttribute('data-id')))).toEqual(
      expected.possibleDuplicates.map((d) => d.id),
    );
    const compare = page.locator(`[data-testid="duplicate"][data-id="${duplicate}"]`);
    const differs = async (field: string) =>
      compare.locator(`tr[data-field="${field}"]`).getAttribute('data-differs');
    expect(await differs('type')).toBe('false');
    expect(await differs('summary')).toBe('false');
    expect(await differs('casualties')).toBe('true');
    expect(await differs('source')).toBe('true');
    expect(await differs('occurred')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desk-duplicates');

    await compare.getByTestId('merge').click();
    await page.getByTestId('desk-done').waitFor();
    const api = await ops.get<Feature>(`/api/v1/incidents/${survivor}`);
    expect(api.properties.corroborations).toBe(1);
    await expect
      .poll(() => page.getByTestId('corroborations').getAttribute('data-count'))
      .toBe(String(api.properties.corroborations));
    expect(
      (await ops.get<{ properties: { mergedInto: string } }>(`/api/v1/incidents/${duplicate}`))
        .properties.mergedInto,
    ).toBe(survivor);
    // The merged report leaves the queue (the survivor stands for it) and the comparison.
    await expectQueue(page, await unverified(ops));
    expect(await queueIds(page)).not.toContain(duplicate);

    // Undone from the notice: both count on their own again, as the API then says.
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('desk-done').textContent()).toMatch(/^Merge undone/);
    expect(
      (
        await ops.get<{ properties: { mergedInto: string | null } }>(
          `/api/v1/incidents/${duplicate}`,
        )
      ).properties.mergedInto,
    ).toBeNull();
    const undone = await ops.get<Feature>(`/api/v1/incidents/${survivor}`);
    expect(undone.properties.corroborations).toBe(0);
    await expect
      .poll(() => page.getByTestId('corroborations').getAttribute('data-count'))
      .toBe('0');
    await expect
      .poll(() => compare.getByTestId('merge').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expectQueue(page, await unverified(ops));
    expect(await queueIds(page)).toContain(duplicate);
    expect(await page.getByTestId('undo').count()).toBe(0);
    await page.close();
  });

  it('has no desk for a contingent user, neither in the navigation nor by its path', async () => {
    const page = await t.browser.newPage();
    await signInAs(page, t.demo, 'contingent');
    expect(await page.getByRole('link', { name: 'Incident desk' }).count()).toBe(0);
    await page.goto(`${t.demo.url}/desk`);
    await page.getByTestId('who').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByTestId('desk-queue').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Incident desk');
    await page.close();
  });
});

describe.skipIf(unavailable !== null)(
  'reports from field devices not yet filed, on the desk',
  () => {
    // The intake files a burst once no batch has come for this long: ten minutes here, so what a
    // batch leaves waiting stays waiting until a report is read by id.
    const t = useBrowserDemo({ KONBIT_INTAKE_QUIET_MS: '600000' });

    it('announces what a batch left waiting, as the API counts it, and shows the reports in the queue once filed', async () => {
      const ops = await asUser(t.demo, 'mission-ops');
      const now = new Date((await ops.get<{ now: string }>('/healthz')).now);
      const items = Array.from({ length: 3 }, (_, i) => ({
        id: crypto.randomUUID(),
        type: 'roadblock-checkpoint',
        occurredAt: new Date(now.getTime() - (30 + i) * 60_000).toISOString(),
        location: BEL_AIR,
        locationPrecision: 'exact',
        description: `Barrage signalé par un appareil de terrain, rapport ${i + 1} (test de l’attente)`,
        source: { kind: 'patrol', reliability: 'B', credibility: '2' },
        classification: 'partners',
      }));
      const res = await ops.post('/api/v1/incidents/batch', { items });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ created: 3, waiting: 3 });
      const status = await ops.get<{ waiting: number; oldestReceivedAt: string }>(
        '/api/v1/incidents/intake',
      );
      expect(status.waiting).toBe(3);

      const page = await t.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await signInAs(page, t.demo, 'mission-ops');
      await openDesk(page);
      const notice = page.getByTestId('intake-waiting');
      await notice.waitFor();
      expect(await notice.getAttribute('data-waiting')).toBe('3');
      expect(await notice.textContent()).toMatch(/^3 reports from field devices are being filed/);
      expect(await notice.locator('time').getAttribute('datetime')).toBe(status.oldestReceivedAt);
      // Not in the queue yet, which is the API's list for the same user.
      await expectQueue(page, await unverified(ops));
      const ids: string[] = items.map((i) => i.id);
      expect((await queueIds(page)).filter((id) => ids.includes(id))).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'desk-intake');

      // Reading one by id files it with the rest of its part; the notice goes, the queue has them.
      await ops.get(`/api/v1/incidents/${ids[0]}`);
      expect((await ops.get<{ waiting: number }>('/api/v1/incidents/intake')).waiting).toBe(0);
      await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(0);
      await expect
        .poll(async () => (await queueIds(page)).filter((id) => ids.includes(id)).sort(), {
          timeout: 15_000,
        })
        .toEqual([...ids].sort());
      await expectQueue(page, await unverified(ops));
      await page.close();
    });
  },
);
