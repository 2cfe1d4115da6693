// The synthetic year of incident reporting the incident benchmark runs on: reports spread over
// Port-au-Prince like real reporting, dense where violence concentrates (Cité Soleil, Bel Air,
// Martissant, Delmas…), thinner across the metropolitan area, a little elsewhere in Haiti.
// Places come from data/places (the key sites and GeoNames towns); the two places the data has
// no point for (Martissant, Canaan) are approximate and marked so. Deterministic for a seed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Bump when the generated data changes, so a stored workload is not reused by mistake. */
export const WORKLOAD_VERSION = 1;

const DATA = fileURLToPath(new URL('../../data/places/', import.meta.url));

/** The end of the year of reports: the scenario's now, 2023-06-08 12:00 in Port-au-Prince. */
export const YEAR_END = Date.parse('2023-06-08T16:00:00.000Z');
export const YEAR_START = YEAR_END - 365 * 86_400_000;

/** The metropolitan area, west, south, east, north. */
export const METRO = [-72.45, 18.45, -72.2, 18.65];

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csv(file) {
  const [header, ...lines] = readFileSync(DATA + file, 'utf8')
    .trim()
    .split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line
      .match(/("[^"]*"|[^,]*)(,|$)/g)
      .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

const TYPES = [
  'armed-clash',
  'attack',
  'abduction-kidnapping',
  'roadblock-checkpoint',
  'looting',
  'arson',
  'sexual-violence',
  'attack-on-site',
  'protest',
  'riot',
  'explosion',
  'hazard-impact',
  'other',
];
const BASE_TYPE_WEIGHTS = [20, 16, 10, 12, 6, 5, 3, 2, 8, 3, 1, 4, 10];

/**
 * Where reports come from: a key place of data/places (or an approximate point), how far they
 * spread (degrees, one standard deviation), their share of the reports, and types favoured there.
 */
function hotspots() {
  const sites = new Map(csv('port-au-prince-key-sites.csv').map((r) => [r.id, r]));
  const at = (id) => {
    const r = sites.get(id);
    return [Number(r.lon), Number(r.lat), r.name];
  };
  return [
    {
      place: at('nbh-cite-soleil'),
      spread: 0.008,
      weight: 22,
      favour: { 'armed-clash': 3, attack: 2 },
    },
    { place: at('nbh-bel-air'), spread: 0.004, weight: 13, favour: { 'armed-clash': 2, arson: 2 } },
    // Approximate: Martissant has no point in data/places; on RN2 between downtown and Carrefour.
    {
      place: [-72.356, 18.527, 'Martissant (RN2, approximate)'],
      spread: 0.005,
      weight: 13,
      favour: { 'roadblock-checkpoint': 3, 'armed-clash': 2 },
    },
    { place: at('nbh-delmas'), spread: 0.01, weight: 12, favour: { 'abduction-kidnapping': 2 } },
    {
      place: at('city-port-au-prince'),
      spread: 0.005,
      weight: 8,
      favour: { protest: 2, looting: 2 },
    },
    {
      place: at('nbh-croix-des-bouquets'),
      spread: 0.012,
      weight: 7,
      favour: { 'abduction-kidnapping': 3 },
    },
    { place: at('nbh-tabarre'), spread: 0.01, weight: 6, favour: { 'abduction-kidnapping': 2 } },
    // Approximate: Canaan has no point in data/places; north of the city on RN1.
    {
      place: [-72.27, 18.63, 'Canaan (RN1, approximate)'],
      spread: 0.01,
      weight: 5,
      favour: { 'roadblock-checkpoint': 3 },
    },
    { place: at('nbh-carrefour'), spread: 0.01, weight: 5, favour: {} },
    { place: at('nbh-petion-ville'), spread: 0.008, weight: 3, favour: { protest: 3 } },
    { place: at('poi-apn-port'), spread: 0.004, weight: 2, favour: { 'attack-on-site': 6 } },
  ];
}

/** Towns elsewhere in Haiti, from GeoNames, for the reports outside the capital. */
function towns() {
  const wanted = ['Cap-Haïtien', 'Gonaïves', 'Hinche', 'Jacmel', 'Jérémie', 'Les Cayes', 'Léogâne'];
  return csv('geonames-cities1000-haiti.csv')
    .filter((r) => wanted.includes(r.name))
    .map((r) => [Number(r.lng), Number(r.lat), r.name]);
}

const DETAILS = {
  fr: {
    'armed-clash': 'échanges de tirs entre groupes armés',
    attack: 'des hommes armés ont ouvert le feu',
    'abduction-kidnapping': 'enlèvement de passagers d’un tap-tap',
    'roadblock-checkpoint': 'barricade de pneus enflammés sur la route',
    looting: 'pillage d’un dépôt de marchandises',
    arson: 'maisons incendiées',
    'sexual-violence': 'agression signalée à une clinique',
    'attack-on-site': 'tirs en direction de l’entrée du site',
    protest: 'manifestation contre l’insécurité',
    riot: 'émeute, jets de pierres',
    explosion: 'explosion entendue',
    'hazard-impact': 'inondation, routes coupées',
    other: 'situation tendue signalée',
  },
  ht: {
    'armed-clash': 'tire anpil ant gang yo',
    attack: 'bandi tire sou moun',
    'abduction-kidnapping': 'yo kidnape moun nan yon taptap',
    'roadblock-checkpoint': 'barikad kawotchou ap boule sou wout la',
    looting: 'yo piye yon depo',
    arson: 'yo boule kay',
    'sexual-violence': 'yon fi fè yon rapò nan klinik la',
    'attack-on-site': 'tire sou pòtay la',
    protest: 'manifestasyon kont ensekirite',
    riot: 'gwo dezòd, moun ap voye wòch',
    explosion: 'yon gwo eksplozyon',
    'hazard-impact': 'inondasyon, wout yo bloke',
    other: 'sitiyasyon an cho',
  },
  en: {
    'armed-clash': 'gunfire between armed groups',
    attack: 'armed men opened fire',
    'abduction-kidnapping': 'passengers taken from a tap-tap',
    'roadblock-checkpoint': 'burning-tyre barricade across the road',
    looting: 'a goods depot looted',
    arson: 'houses set on fire',
    'sexual-violence': 'an assault reported to a clinic',
    'attack-on-site': 'shots towards the site gate',
    protest: 'protest against insecurity',
    riot: 'riot, stones thrown',
    explosion: 'an explosion heard',
    'hazard-impact': 'flooding, roads cut',
    other: 'tense situation reported',
  },
};

/** The reporting accounts, their share of reports and how they usually report. */
export const REPORTERS = [
  { key: 'ops', role: 'mission-ops', kind: 'force-hq', share: 0.15, source: 'patrol' },
  {
    key: 'contingent',
    role: 'contingent',
    kind: 'force-contingent',
    share: 0.25,
    source: 'patrol',
  },
  { key: 'police', role: 'police-liaison', kind: 'police', share: 0.2, source: 'hotline' },
  { key: 'ocha', role: 'humanitarian-im', kind: 'un-agency', share: 0.15, source: 'partner' },
  { key: 'ngo', role: 'humanitarian-field', kind: 'ngo', share: 0.25, source: 'sms' },
];

function pick(r, weights) {
  let x = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i += 1) {
    x -= weights[i];
    if (x <= 0) return i;
  }
  return weights.length - 1;
}

/**
 * A generator of `n` reports (CreateIncidentRequest with defaults applied, plus `reporter`),
 * oldest first. `onLand(lon, lat)` says whether a point is in a Haitian commune.
 */
export function* reports(n, seed, onLand, { from = YEAR_START, to = YEAR_END } = {}) {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const spots = hotspots();
  const spotWeights = spots.map((s) => s.weight);
  const elsewhere = towns();
  const reporterWeights = REPORTERS.map((x) => x.share);
  const hourWeights = Array.from({ length: 24 }, (_, h) => (h >= 7 && h <= 20 ? 3 : 1));
  const days = Math.floor((to - from) / 86_400_000);
  // Oldest first, as reports arrive: spread the n reports over the days in order.
  for (let i = 0; i < n; i += 1) {
    const day = Math.min(days - 1, Math.floor((i / n) * days));
    const at =
      from + day * 86_400_000 + pick(r, hourWeights) * 3_600_000 + Math.floor(r() * 3_600_000);
    const roll = r();
    const round = (v) => Math.round(v * 1e6) / 1e6;
    let lon;
    let lat;
    let placeName;
    let favour = {};
    if (roll < 0.02) {
      const town = elsewhere[Math.floor(r() * elsewhere.length)];
      [lon, lat, placeName] = [
        round(town[0] + gauss() * 0.01),
        round(town[1] + gauss() * 0.01),
        town[2],
      ];
    } else if (roll < 0.1) {
      lon = round(METRO[0] + r() * (METRO[2] - METRO[0]));
      lat = round(METRO[1] + r() * (METRO[3] - METRO[1]));
      placeName = 'Port-au-Prince';
    } else {
      const spot = spots[pick(r, spotWeights)];
      favour = spot.favour;
      for (let tries = 0; tries < 5; tries += 1) {
        lon = round(spot.place[0] + gauss() * spot.spread);
        lat = round(spot.place[1] + gauss() * spot.spread);
        if (onLand(lon, lat)) break;
      }
      placeName = spot.place[2].split(/[ (,]/)[0];
    }
    // A point in the sea (the checks would refuse it) falls back to Cité Soleil itself.
    if (!onLand(lon, lat)) [lon, lat, placeName] = spots[0].place;
    const typeIndex = pick(
      r,
      BASE_TYPE_WEIGHTS.map((w, k) => w * (favour[TYPES[k]] ?? 1)),
    );
    const type = TYPES[typeIndex];
    const reporter = REPORTERS[pick(r, reporterWeights)];
    const lang = ['fr', 'ht', 'en'][pick(r, [5, 3, 2])];
    const p = r();
    const locationPrecision =
      p < 0.82 ? 'exact' : p < 0.92 ? 'neighbourhood' : p < 0.98 ? 'commune' : 'unknown';
    const q = r();
    const occurredPrecision = q < 0.94 ? 'exact' : q < 0.99 ? 'day' : 'week';
    const violent = ['armed-clash', 'attack', 'attack-on-site', 'explosion', 'riot'].includes(type);
    const sensitiveType = type === 'sexual-violence' || type === 'abduction-kidnapping';
    yield {
      reporter: reporter.key,
      report: {
        type,
        occurredAt: new Date(at).toISOString(),
        occurredPrecision,
        ...(locationPrecision === 'unknown' ? {} : { location: { lon, lat } }),
        locationPrecision,
        description: `${placeName}: ${DETAILS[lang][type]}${r() < 0.5 ? ` (${lang === 'ht' ? 'rapò' : lang === 'fr' ? 'rapport' : 'report'} ${i % 997})` : ''}.`,
        casualties: {
          killed: violent && r() < 0.3 ? 1 + Math.floor(r() * 4) : 0,
          injured: violent && r() < 0.5 ? 1 + Math.floor(r() * 6) : 0,
          abducted: type === 'abduction-kidnapping' ? 1 + Math.floor(r() * 3) : 0,
        },
        actors:
          type === 'protest'
            ? [{ type: 'civilians' }]
            : sensitiveType || violent
              ? [{ type: 'gang' }, ...(r() < 0.6 ? [{ type: 'civilians' }] : [])]
              : [],
        source: {
          kind: reporter.source,
          reliability: 'ABCDEF'[pick(r, [1, 4, 5, 2, 1, 2])],
          credibility: '123456'[pick(r, [1, 4, 5, 2, 1, 2])],
        },
        // Mostly the reporter's compartment; some shared with all partners (never a sensitive one).
        ...(!sensitiveType && r() < 0.12
          ? { classification: r() < 0.25 ? 'public' : 'partners' }
          : {}),
        reportedAt: new Date(Math.min(to, at + Math.floor(r() * 6 * 3_600_000))).toISOString(),
      },
    };
  }
}

export { TYPES };
