/** The area an HXL row is about, from its admin level and P-code columns. */
import { dtmPcode, type DtmAdminLevel } from '@konbit/core';
import type { Areas } from '../../areas/areas.js';
import type { RowValues } from './fields.js';

/**
 * The area a row is about: the admin level it states, or the most precise P-code it fills.
 * Checked against the boundaries and against each other (a commune inside its department).
 */
export function placeOfRow<K extends string>(
  v: RowValues<K>,
  areas: Areas,
  fields: { country: K; adm1: K; adm2: K; level: K },
  options: { allowNone: boolean },
): { pcode: string | null; level: DtmAdminLevel | null } | null {
  const country = v.text(fields.country);
  if (country !== null && dtmPcode(country) !== 'HT') {
    return v.error(fields.country, `Only Haiti (HTI) is covered; this row is for ${country}`);
  }
  const levelValue = v.count(fields.level, 'The admin level');
  if (levelValue !== null && levelValue > 2) {
    return v.error(fields.level, `The admin level must be 0, 1 or 2, got ${levelValue}`);
  }
  const adm1 = v.text(fields.adm1)?.toUpperCase() ?? null;
  const adm2 = v.text(fields.adm2)?.toUpperCase() ?? null;
  let level = levelValue as DtmAdminLevel | null;
  level ??= adm2 !== null ? 2 : adm1 !== null ? 1 : country !== null ? 0 : null;
  if (level === null) {
    if (options.allowNone) return { pcode: null, level: null };
    return v.error(fields.adm2, 'No place: fill #adm2+code, #adm1+code or #country+code');
  }
  const fieldOfLevel = level === 0 ? fields.country : level === 1 ? fields.adm1 : fields.adm2;
  const pcode = level === 0 ? 'HT' : level === 1 ? adm1 : adm2;
  if (pcode === null) {
    return v.error(
      fieldOfLevel,
      `The row is at admin level ${level} but ${v.columnOf(fieldOfLevel)} is blank`,
    );
  }
  const area = areas.get(pcode);
  if (!area || area.level !== level) {
    return v.error(
      fieldOfLevel,
      area
        ? `${pcode} is an admin level ${area.level} P-code, not level ${level}`
        : `${pcode} is not a P-code in Haiti's boundaries`,
    );
  }
  if (adm1 !== null && adm2 !== null && !adm2.startsWith(adm1)) {
    return v.error(fields.adm2, `${adm2} is not in ${adm1}`);
  }
  return { pcode, level };
}
