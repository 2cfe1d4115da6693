/**
 * Form building blocks: a labelled field whose error is announced and tied to its input, and
 * field errors taken from a zod check or from the server's `field`.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export type FieldErrors = Readonly<Record<string, string>>;

/** The message for one failed check, in the user's language (zod's own are for developers). */
function messageFor(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_value':
      return t('validation.choose');
    case 'too_small':
      return issue.origin === 'string'
        ? t('validation.required')
        : t('validation.atLeast', { min: issue.minimum });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: issue.maximum })
        : t('validation.atMost', { max: issue.maximum });
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.number') : t('validation.required');
    case 'invalid_format':
      return issue.format === 'url' ? t('validation.url') : t('validation.format');
    default:
      return t('validation.invalid');
  }
}

/** Field errors from a failed zod check, keyed by dotted path (`source.title`). */
export function fieldErrors(error: z.ZodError, t: TFunction): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= messageFor(issue, t);
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
