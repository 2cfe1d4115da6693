/** Picks a department, then one of its communes (or the whole country / department). */
import { useTranslation } from 'react-i18next';
import { useCommunes, useDepartments } from './areas';

export interface AreaChoice {
  readonly department: string;
  readonly commune: string;
}

/** The most precise P-code chosen: the commune, else the department, else the country. */
export function pcodeOf(choice: AreaChoice, country: string | null = 'HT'): string | null {
  return choice.commune || choice.department || country;
}

export function AreaPicker({
  value,
  onChange,
  allowCountry,
  idPrefix,
  errors,
}: {
  value: AreaChoice;
  onChange: (value: AreaChoice) => void;
  allowCountry: boolean;
  idPrefix: string;
  errors?: { department?: string | undefined; commune?: string | undefined };
}) {
  const { t } = useTranslation();
  const departments = useDepartments().data?.features ?? [];
  const communes = (useCommunes().data?.features ?? []).filter(
    (c) => c.properties.parent === value.department,
  );
  const byName = (a: { properties: { name: string } }, b: { properties: { name: string } }) =>
    a.properties.name.localeCompare(b.properties.name);
  return (
    <div className="area-picker">
      <div className="field">
        <label htmlFor={`${idPrefix}-department`}>{t('area.department')}</label>
        <select
          id={`${idPrefix}-department`}
          value={value.department}
          aria-invalid={errors?.department ? true : undefined}
          onChange={(e) => onChange({ department: e.target.value, commune: '' })}
        >
          <option value="">{allowCountry ? t('area.wholeCountry') : t('area.choose')}</option>
          {[...departments].sort(byName).map((d) => (
            <option key={d.properties.pcode} value={d.properties.pcode}>
              {d.properties.name}
            </option>
          ))}
        </select>
        {errors?.department && <p className="error">{errors.department}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-commune`}>{t('area.commune')}</label>
        <select
          id={`${idPrefix}-commune`}
          value={value.commune}
          disabled={!value.department}
          aria-invalid={errors?.commune ? true : undefined}
          onChange={(e) => onChange({ ...value, commune: e.target.value })}
        >
          <option value="">{t('area.wholeDepartment')}</option>
          {communes.sort(byName).map((c) => (
            <option key={c.properties.pcode} value={c.properties.pcode}>
              {c.properties.name}
            </option>
          ))}
        </select>
        {errors?.commune && <p className="error">{errors.commune}</p>}
      </div>
    </div>
  );
}
