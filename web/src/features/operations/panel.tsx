/** What the board's panels share: their props and the end of a form (outcome and buttons). */
import type { TaskingUnit } from '@konbit/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { BoardSite } from './board';

/** A panel opened from one row of the site board. */
export interface BoardPanelProps {
  readonly site: BoardSite;
  readonly units: ReadonlyMap<string, TaskingUnit>;
  readonly onClose: () => void;
}

/** The server's message for a refused request (with the field it names), or a generic one. */
export function refusalMessage(err: unknown, generic: (message: string) => string): string {
  if (!(err instanceof ApiError)) return generic((err as Error).message);
  return err.field ? `${err.message} (${err.field})` : err.message;
}

/** The outcome of a submission (announced) and the form's buttons. */
export function FormEnd({
  name,
  error,
  done,
  busy,
  submit,
  onClose,
}: {
  name: string;
  error: string | null;
  done: string | null;
  busy: boolean;
  submit: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('operations');
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid={`${name}-error`}>
          {error}
        </p>
      )}
      {done && (
        <p className="ok" role="status" data-testid={`${name}-done`}>
          {done}
        </p>
      )}
      <div className="ops-actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </>
  );
}
