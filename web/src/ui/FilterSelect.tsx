/** A labelled filter: one choice among options, or none ("any…"); and the communes as options. */
import { useCommunes } from './areas';

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function FilterSelect({
  id,
  label,
  any,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  /** The label of the empty choice, such as "Any commune". */
  any: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every commune as an option (P-code, name), by name. */
export function useCommuneOptions(): Option[] {
  const communes = useCommunes().data?.features ?? [];
  return communes
    .map((c) => ({ value: c.properties.pcode, label: c.properties.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
