/** What a figure counts. Every number Konbit shows is one of these, with its source. */

export const METRICS = [
  'idps',
  'idp-households',
  'affected',
  'displaced',
  'deaths',
  'injured',
  'missing',
  'houses-damaged',
  'houses-destroyed',
  'people-in-need',
  'people-reached',
] as const;
export type Metric = (typeof METRICS)[number];

export const UNITS = ['people', 'households', 'houses'] as const;
export type Unit = (typeof UNITS)[number];

/** The unit a metric is counted in unless the source says otherwise. */
export function defaultUnit(metric: Metric): Unit {
  if (metric === 'idp-households') return 'households';
  if (metric === 'houses-damaged' || metric === 'houses-destroyed') return 'houses';
  return 'people';
}

/** How a source states a number: "more than 165,000" is `more-than`, "about 200,000" is `about`. */
export const QUALIFIERS = ['exact', 'about', 'more-than', 'at-least', 'up-to'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
