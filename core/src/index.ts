/** @konbit/core: vocabularies, branded ids and coordinates, pure rules and API schemas. No I/O. */
export * from './ids.js';
export * from './geo.js';
export * from './time.js';
export * from './errors.js';
export * from './canonical-json.js';
export * from './vocab/organisations.js';
export * from './vocab/classification.js';
export * from './vocab/metrics.js';
export * from './vocab/incidents.js';
export * from './api/common.js';
export * from './api/auth.js';
export * from './api/figures.js';
export * from './api/areas.js';
export * from './api/feed.js';
export * from './api/incidents.js';
export * from './api/web.js';
export * from './rules/figures.js';
