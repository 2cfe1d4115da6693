/**
 * Form building blocks: a labelled field whose error is announced and tied to its input, and
 * field errors taken from a zod check or from the server's `field`.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';
import type { z } from 'zod';

export type FieldErrors = Readonly<Record<string, string>>;

/** Field errors from a failed zod check, keyed by dotted path (`source.title`). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * A label, the control (one element, which receives the id and the error's aria wiring), a hint
 * and the error for `name`.
 */
export function Field({
  label,
  name,
  errors,
  hint,
  children,
}: {
  label: ReactNode;
  name: string;
  errors: FieldErrors;
  hint?: ReactNode;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const error = errors[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
