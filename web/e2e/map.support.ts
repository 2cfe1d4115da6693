/** Reading the map in browser tests: what MapLibre has drawn, and the requests the layers made. */
import type { Request } from 'playwright-core';
import type { Page } from './support';

export interface DrawnFeature {
  readonly geometry: { type: string; coordinates: unknown };
  readonly properties: Record<string, unknown>;
}

export async function openMap(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Map' }).click();
  await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
}

/** The features a map source holds (through MapLibre, not the DOM). */
export function drawn(page: Page, source: string): Promise<DrawnFeature[]> {
  return page.evaluate(
    `window.konbitMap.getSource(${JSON.stringify(source)}).serialize().data.features`,
  ) as Promise<DrawnFeature[]>;
}

/** `key` of every feature a source holds, sorted. */
export async function drawnKeys(page: Page, source: string, key = 'id'): Promise<string[]> {
  return (await drawn(page, source)).map((f) => String(f.properties[key])).sort();
}

/** Moves the map and resolves with the request for `path` the move makes (or made). */
export async function moveAndCapture(
  page: Page,
  path: string,
  move: string,
  match: (url: URL) => boolean = () => true,
): Promise<URL> {
  const seen = page.waitForRequest((r: Request) => {
    const url = new URL(r.url());
    return r.method() === 'GET' && url.pathname === path && match(url);
  });
  await page.evaluate(move);
  return new URL((await seen).url());
}

/** The path and query of a request, to ask the API the same question as another user. */
export const pathOf = (url: URL) => `${url.pathname}${url.search}`;

/** Sorted copies, for comparing lists whose order does not matter. */
export const sorted = <T>(values: readonly T[]): T[] => [...values].sort();
