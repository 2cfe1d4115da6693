/**
 * Importing a file into the humanitarian picture (`import.hxl`): an HXL-tagged CSV of one kind,
 * or IOM DTM API JSON. The import is all or nothing: when the server refuses the file, every
 * error is listed with its row and column, and nothing was imported.
 */
import type { ImportResult } from '@konbit/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { humanitarian, type ImportKind } from '../../api/humanitarian';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import '../desk/desk.css';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('humanitarian', { en, fr, ht });

const KINDS: readonly ImportKind[] = [
  'displacement',
  'idp-sites',
  'activities',
  'access',
  'dtm-json',
];

type Outcome =
  | { readonly kind: 'done'; readonly result: ImportResult }
  | { readonly kind: 'refused'; readonly error: ApiError }
  | { readonly kind: 'failed'; readonly message: string };

export default function ImportView(_props: ViewProps) {
  const { t } = useTranslation('humanitarian');
  const [kind, setKind] = useState<ImportKind>('displacement');
  const [file, setFile] = useState<File | null>(null);
  const [organisation, setOrganisation] = useState('');
  const [title, setTitle] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError(t('chooseFile'));
      return;
    }
    setFileError(null);
    setBusy(true);
    setOutcome(null);
    try {
      const result = await humanitarian.importFile(
        {
          kind,
          fileName: file.name,
          ...(organisation.trim() ? { sourceOrganisation: organisation.trim() } : {}),
          ...(title.trim() ? { sourceTitle: title.trim() } : {}),
        },
        file,
      );
      setOutcome({ kind: 'done', result });
    } catch (err) {
      setOutcome(
        err instanceof ApiError
          ? { kind: 'refused', error: err }
          : { kind: 'failed', message: t('importFailed') },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="form-page" aria-labelledby="import-title">
      <h1 id="import-title">{t('importTitle')}</h1>
      <p className="hint">{t('importIntro')}</p>
      <form onSubmit={submit} noValidate data-testid="import-form">
        <div className="field">
          <label htmlFor="import-kind">{t('importKind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ImportKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t('file')}</label>
          <input
            id="import-file"
            type="file"
            accept={kind === 'dtm-json' ? '.json,application/json' : '.csv,text/csv'}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'import-file-error' : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {fileError && (
            <p id="import-file-error" className="error">
              {fileError}
            </p>
          )}
        </div>
        {kind !== 'dtm-json' && (
          <fieldset>
            <legend>{t('sourceIfMissing')}</legend>
            <div className="field">
              <label htmlFor="import-org">{t('sourceOrganisation')}</label>
              <input
                id="import-org"
                value={organisation}
                maxLength={200}
                onChange={(e) => setOrganisation(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="import-title-field">{t('sourceTitle')}</label>
              <input
                id="import-title-field"
                value={title}
                maxLength={500}
                onChange={(e) => setTitle(e.target.value)}
              />
            </div>
          </fieldset>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('importing') : t('import')}
        </button>
      </form>
      {outcome && <ImportOutcome outcome={outcome} />}
    </section>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('humanitarian');
  if (outcome.kind === 'failed') {
    return (
      <p role="alert" className="error">
        {outcome.message}
      </p>
    );
  }
  if (outcome.kind === 'refused') {
    const details = outcome.error.details ?? [];
    return (
      <div role="alert" data-testid="import-refused">
        <p className="error">
          {outcome.error.message} {t('nothingImported')}
        </p>
        {details.length > 0 && (
          <div className="import-errors">
            <table className="desk-table" data-testid="import-errors">
              <caption>{t('errorsCaption', { count: details.length })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t('row')}
                  </th>
                  <th scope="col">{t('column')}</th>
                  <th scope="col">{t('message')}</th>
                </tr>
              </thead>
              <tbody>
                {details.map((d, i) => (
                  <tr key={i} data-row={d.row ?? ''} data-column={d.column ?? d.field ?? ''}>
                    <td className="number">{d.row ?? '—'}</td>
                    <td>{d.column ?? d.field ?? '—'}</td>
                    <td>{d.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    );
  }
  const r = outcome.result;
  const created =
    r.created.figures + r.created.idpSites + r.created.activities + r.created.accessConstraints;
  return (
    <div role="status" className="done" data-testid="import-done" data-created={created}>
      <p>{t('imported', { rows: r.rows, created, updated: r.updated, unchanged: r.unchanged })}</p>
      <ul>
        <li>{t('createdFigures', { count: r.created.figures })}</li>
        <li>{t('createdSites', { count: r.created.idpSites })}</li>
        <li>{t('createdActivities', { count: r.created.activities })}</li>
        <li>{t('createdAccess', { count: r.created.accessConstraints })}</li>
      </ul>
      {r.datedAfterToday > 0 && <p>{t('datedAfterToday', { count: r.datedAfterToday })}</p>}
    </div>
  );
}
