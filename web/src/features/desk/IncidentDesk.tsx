/**
 * The incident desk, for analysts (`incident.verify`): the unverified queue, newest first, with
 * filters and search; one report in full with claim / release and verify / dispute / mark
 * false with a reason; its possible duplicates side by side, merged with one action (and undone
 * with another). The queue and the open report follow the live feed: what another analyst claims
 * or judges shows here without a reload. Reports acknowledged from field devices but not yet
 * filed are announced above the queue until they join it.
 */
import {
  INCIDENT_TYPES,
  type IncidentCollection,
  type IncidentDetail,
  type IncidentFeature,
  type IncidentType,
} from '@konbit/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { desk, type QueueFilters } from '../../api/desk';
import { useFeedVersion } from '../../api/feed';
import { useQuery } from '../../api/useQuery';
import type { ViewProps } from '../../app/views';
import { registerStrings } from '../../i18n/i18n';
import { FilterSelect, useCommuneOptions } from '../../ui/FilterSelect';
import { Time } from '../../ui/format';
import { DuplicateCompare } from './DuplicateCompare';
import { IntakeNotice } from './IntakeNotice';
import './desk.css';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('desk', { en, fr, ht });

/** Reports per queue page. */
export const QUEUE_PAGE = 20;

const NO_FILTERS: QueueFilters = { type: '', pcode: '', q: '' };

/** The server's refusal as the analyst reads it: its message, else a general one. */
export function refusal(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

export default function IncidentDesk({ me }: ViewProps) {
  const { t } = useTranslation('desk');
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [draft, setDraft] = useState<QueueFilters>(NO_FILTERS);
  // Cursors of the pages before the current one; the last entry is the current page's cursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;
  const communes = useCommuneOptions();

  const queue = useQuery<IncidentCollection>(
    `queue:${JSON.stringify(filters)}:${cursor ?? ''}:${nonce}`,
    (signal) => desk.queue(filters, QUEUE_PAGE, cursor, signal),
    ['incident'],
  );
  const features = queue.data?.features ?? [];

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setCursors([null]);
  }

  return (
    <section className="desk" aria-labelledby="desk-title">
      <h1 id="desk-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <form className="desk-filters" onSubmit={apply} role="search" aria-label={t('filters')}>
        <FilterSelect
          id="desk-type"
          label={t('type')}
          any={t('anyType')}
          value={draft.type}
          options={INCIDENT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
          onChange={(type) => setDraft({ ...draft, type: type as IncidentType | '' })}
        />
        <FilterSelect
          id="desk-commune"
          label={t('commune')}
          any={t('anyCommune')}
          value={draft.pcode}
          options={communes}
          onChange={(pcode) => setDraft({ ...draft, pcode })}
        />
        <div className="field">
          <label htmlFor="desk-q">{t('search')}</label>
          <input
            id="desk-q"
            type="search"
            value={draft.q}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <button type="submit">{t('apply')}</button>
      </form>

      <IntakeNotice />
      <div className="desk-panes">
        <Queue
          features={features}
          loading={queue.loading}
          error={queue.error}
          selected={selected}
          onSelect={setSelected}
          page={cursors.length}
          onOlder={
            queue.data?.nextCursor
              ? () => setCursors([...cursors, queue.data?.nextCursor ?? null])
              : null
          }
          onNewer={cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : null}
        />
        {selected && (
          <ReportPanel
            key={selected}
            id={selected}
            me={me}
            onChanged={() => setNonce((n) => n + 1)}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </section>
  );
}

function Queue({
  features,
  loading,
  error,
  selected,
  onSelect,
  page,
  onOlder,
  onNewer,
}: {
  features: readonly IncidentFeature[];
  loading: boolean;
  error: Error | null;
  selected: string | null;
  onSelect: (id: string) => void;
  page: number;
  onOlder: (() => void) | null;
  onNewer: (() => void) | null;
}) {
  const { t } = useTranslation('desk');
  const ids = features.map((f) => f.id);
  const feedVersion = useFeedVersion('incident');
  // The claim is part of each report in full: read them for this page, again on feed changes.
  const claims = useQuery<ReadonlyMap<string, IncidentDetail['properties']['claim']>>(
    ids.length > 0 ? `claims:${ids.join(',')}:${feedVersion}` : null,
    async (signal) => {
      const settled = await Promise.allSettled(ids.map((id) => desk.incident(id, signal)));
      return new Map(
        settled.flatMap((s) =>
          s.status === 'fulfilled' ? [[s.value.id, s.value.properties.claim] as const] : [],
        ),
      );
    },
  );

  return (
    <div className="desk-queue">
      <h2 id="queue-title">{t('queue')}</h2>
      {error && (
        <p role="alert" className="error">
          {refusal(error, t('loadFailed'))}
        </p>
      )}
      <table className="desk-table" aria-labelledby="queue-title" data-testid="desk-queue">
        <thead>
          <tr>
            <th scope="col">{t('occurred')}</th>
            <th scope="col">{t('type')}</th>
            <th scope="col">{t('commune')}</th>
            <th scope="col">{t('precision')}</th>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('claim')}</th>
            <th scope="col">{t('summary')}</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => {
            const p = f.properties;
            const claim = claims.data?.get(f.id) ?? null;
            return (
              <tr
                key={f.id}
                data-id={f.id}
                aria-selected={selected === f.id}
                className={selected === f.id ? 'selected' : undefined}
              >
                <td>
                  <Time value={p.occurredAt} />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    data-testid="open-report"
                    onClick={() => onSelect(f.id)}
                  >
                    {t(`types.${p.type}`)}
                  </button>
                </td>
                <td>{p.commune ?? t('unknownPlace')}</td>
                <td data-testid="precision">
                  {t(`locationPrecision.${p.locationPrecision}`)}
                  {p.generalised && ` (${t('generalised')})`}
                </td>
                <td data-testid="grade" data-grade={p.source.grade}>
                  {t(`sourceKind.${p.source.kind}`)} ·{' '}
                  <abbr title={t('gradeHint')}>{p.source.grade}</abbr>
                </td>
                <td data-testid="claim" data-claimed={claim ? claim.name : ''}>
                  {claim ? t('claimedBy', { name: claim.name }) : '—'}
                </td>
                <td>{p.summary}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!loading && features.length === 0 && !error && <p className="empty">{t('emptyQueue')}</p>}
      <nav className="desk-pages" aria-label={t('pages')}>
        <button
          type="button"
          className="secondary"
          disabled={!onNewer}
          onClick={onNewer ?? undefined}
        >
          {t('newer')}
        </button>
        <span data-testid="page">{t('page', { page })}</span>
        <button
          type="button"
          className="secondary"
          disabled={!onOlder}
          onClick={onOlder ?? undefined}
        >
          {t('older')}
        </button>
      </nav>
    </div>
  );
}

type Judgement = 'verified' | 'disputed' | 'false';
const JUDGEMENTS: readonly Judgement[] = ['verified', 'disputed', 'false'];

/** What an action did, and how to take it back when it can be (a merge). */
interface Done {
  readonly text: string;
  readonly report: IncidentDetail | null;
  readonly undo?: { readonly label: string; readonly run: () => void };
}

interface Message {
  readonly kind: 'error' | 'done';
  readonly text: string;
  readonly undo?: Done['undo'] | null;
}

function ReportPanel({
  id,
  me,
  onChanged,
  onClose,
}: {
  id: string;
  me: ViewProps['me'];
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const [nonce, setNonce] = useState(0);
  const report = useQuery<IncidentDetail>(
    `incident:${id}:${nonce}`,
    (signal) => desk.incident(id, signal),
    ['incident'],
  );
  const duplicates = useQuery(
    `duplicates:${id}:${nonce}`,
    (signal) => desk.duplicates(id, signal),
    ['incident'],
  );
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  // The report as the server last answered an action here: shown at once, until a read is newer.
  const [answered, setAnswered] = useState<IncidentDetail | null>(null);

  async function act(work: () => Promise<Done>) {
    setBusy(true);
    setMessage(null);
    try {
      const done = await work();
      if (done.report) setAnswered(done.report);
      setMessage({ kind: 'done', text: done.text, undo: done.undo ?? null });
      onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: refusal(err, t('actionFailed')) });
    } finally {
      setBusy(false);
      setNonce((n) => n + 1);
    }
  }

  const read = report.data;
  const data =
    answered && (!read || answered.properties.version > read.properties.version) ? answered : read;
  if (!data) {
    return (
      <aside className="desk-report" aria-label={t('report')}>
        {report.error ? (
          <p role="alert" className="error">
            {refusal(report.error, t('loadFailed'))}
          </p>
        ) : (
          <p>{t('loading')}</p>
        )}
      </aside>
    );
  }
  const p = data.properties;
  const claim = p.claim;
  // The detail names the claimer, not their account: the same name and organisation is taken
  // as this analyst's claim, and the server still decides (409 when it is someone else's).
  const mine =
    claim !== null && claim.name === me.name && claim.organisation === me.organisation.name;

  function judge(state: Judgement) {
    if (reason.trim() === '') {
      setReasonError(t('reasonRequired'));
      return;
    }
    setReasonError(null);
    void act(async () => {
      const after = await desk.verify(id, p.version, state, reason.trim());
      setReason('');
      return {
        text: t('judged', { state: t(`verification.${after.properties.verification}`) }),
        report: after,
      };
    });
  }

  return (
    <aside
      className="desk-report"
      aria-labelledby="report-title"
      data-testid="desk-report"
      data-id={id}
    >
      <header>
        <h2 id="report-title">
          {t(`types.${p.type}`)} — {p.commune ?? t('unknownPlace')}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      <dl className="desk-facts">
        <dt>{t('verificationLabel')}</dt>
        <dd data-testid="verification" data-state={p.verification}>
          {t(`verification.${p.verification}`)}
        </dd>
        <dt>{t('occurred')}</dt>
        <dd>
          <Time value={p.occurredAt} /> ({t(`timePrecision.${p.occurredPrecision}`)})
        </dd>
        <dt>{t('reported')}</dt>
        <dd>
          <Time value={p.reportedAt} />
          {data.properties.reportedBy.organisation &&
            ` — ${data.properties.reportedBy.organisation}`}
        </dd>
        <dt>{t('precision')}</dt>
        <dd>
          {t(`locationPrecision.${p.locationPrecision}`)}
          {p.generalised && ` (${t('generalised')})`}
        </dd>
        <dt>{t('source')}</dt>
        <dd data-testid="report-grade">
          {t(`sourceKind.${p.source.kind}`)} · {p.source.grade}
          {p.source.reference && ` — ${p.source.reference}`}
        </dd>
        <dt>{t('casualties')}</dt>
        <dd>{t('casualtyCounts', p.casualties)}</dd>
        <dt>{t('corroborations')}</dt>
        <dd data-testid="corroborations" data-count={p.corroborations}>
          {p.corroborations}
        </dd>
        <dt>{t('claim')}</dt>
        <dd data-testid="report-claim" data-claimed={claim?.name ?? ''}>
          {claim ? (
            <>
              {t('claimedBy', { name: claim.name })}
              {claim.organisation && ` (${claim.organisation})`}, {t('until')}{' '}
              <Time value={claim.until} />
            </>
          ) : (
            t('unclaimed')
          )}
        </dd>
      </dl>
      <p className="desk-description">{p.description}</p>

      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'done'}
          data-testid={message.kind === 'error' ? 'desk-error' : 'desk-done'}
        >
          {message.text}
          {message.undo && (
            <>
              {' '}
              <button
                type="button"
                className="secondary"
                disabled={busy}
                data-testid="undo"
                onClick={message.undo.run}
              >
                {message.undo.label}
              </button>
            </>
          )}
        </p>
      )}

      <div className="desk-actions">
        {mine ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                return { text: t('released'), report: await desk.release(id) };
              })
            }
          >
            {t('release')}
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                return { text: t('claimed'), report: await desk.claim(id) };
              })
            }
          >
            {t('claimAction')}
          </button>
        )}
      </div>

      {p.verification === 'unverified' && (
        <fieldset className="desk-judge">
          <legend>{t('judge')}</legend>
          <div className="field">
            <label htmlFor="desk-reason">{t('reason')}</label>
            <textarea
              id="desk-reason"
              value={reason}
              maxLength={2000}
              rows={3}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'desk-reason-error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError && (
              <p id="desk-reason-error" className="error">
                {reasonError}
              </p>
            )}
          </div>
          <div className="desk-actions">
            {JUDGEMENTS.map((state) => (
              <button
                key={state}
                type="button"
                disabled={busy}
                className={state === 'verified' ? undefined : 'secondary'}
                data-testid={`judge-${state}`}
                onClick={() => judge(state)}
              >
                {t(`judgeAs.${state}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}

      {p.verificationHistory.length > 0 && (
        <>
          <h3>{t('history')}</h3>
          <ol className="desk-history">
            {p.verificationHistory.map((step) => (
              <li key={`${step.at}-${step.to}`}>
                <Time value={step.at} /> — {t(`verification.${step.from}`)} →{' '}
                {t(`verification.${step.to}`)}, {step.by.name}: {step.reason}
              </li>
            ))}
          </ol>
        </>
      )}

      <h3 id="duplicates-title">{t('duplicates')}</h3>
      {duplicates.error && (
        <p role="alert" className="error">
          {refusal(duplicates.error, t('loadFailed'))}
        </p>
      )}
      {duplicates.data && duplicates.data.possibleDuplicates.length === 0 && (
        <p className="empty" data-testid="no-duplicates">
          {t('noDuplicates')}
        </p>
      )}
      {duplicates.data?.possibleDuplicates.map((candidate) => (
        <DuplicateCompare
          key={candidate.id}
          report={data}
          candidate={candidate}
          busy={busy}
          onMerge={() =>
            void act(async () => {
              const merged = await desk.merge(candidate.id, id);
              return {
                text: t('merged', { count: merged.survivor?.properties.corroborations ?? 0 }),
                report: merged.survivor,
                undo: {
                  label: t('unmerge'),
                  run: () =>
                    void act(async () => {
                      const undone = await desk.unmerge(candidate.id);
                      return {
                        text: t('unmerged', {
                          count: undone.survivor?.properties.corroborations ?? 0,
                        }),
                        report: undone.survivor,
                      };
                    }),
                },
              };
            })
          }
        />
      ))}
    </aside>
  );
}
