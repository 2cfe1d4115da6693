/** Every route of the humanitarian picture and its imports and exports is documented. */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test-support/context.js';

const ROUTES: [string, string][] = [
  ['get', '/api/v1/idp-sites'],
  ['post', '/api/v1/idp-sites'],
  ['get', '/api/v1/idp-sites/{id}'],
  ['patch', '/api/v1/idp-sites/{id}'],
  ['get', '/api/v1/hazards'],
  ['post', '/api/v1/hazards'],
  ['get', '/api/v1/hazards/{id}'],
  ['patch', '/api/v1/hazards/{id}'],
  ['get', '/api/v1/activities'],
  ['post', '/api/v1/activities'],
  ['get', '/api/v1/activities/{id}'],
  ['patch', '/api/v1/activities/{id}'],
  ['get', '/api/v1/access-constraints'],
  ['post', '/api/v1/access-constraints'],
  ['get', '/api/v1/access-constraints/{id}'],
  ['patch', '/api/v1/access-constraints/{id}'],
  ['post', '/api/v1/import/hxl'],
  ['post', '/api/v1/import/dtm'],
  ['get', '/api/v1/export/{kind}.csv'],
];

describe('the humanitarian picture in OpenAPI', () => {
  const t = useTestApp();

  it('documents every route with its tag, summary, answer and errors', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.tags.length, path).toBeGreaterThan(0);
      expect(op.summary.length, path).toBeGreaterThan(10);
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        path,
      ).toBe(true);
      expect(
        statuses.some((s) => s.startsWith('4')),
        path,
      ).toBe(true);
    }
    const kinds = doc.paths['/api/v1/import/hxl'].post.parameters.find(
      (p: { name: string }) => p.name === 'kind',
    );
    expect(kinds.schema.enum).toEqual(['displacement', 'idp-sites', 'activities', 'access']);
  });
});
