/**
 * Report a site's security posture from the board: the statuses the transition rule allows
 * from the status shown when the form was opened, the holder, the source and a note, and
 * optionally a plain statement released to partners. The server decides: a refusal (someone
 * moved the site meanwhile) is shown with its message and the form stays as it was.
 */
import { newId, nextSiteStatuses, type Me, type SiteStatus } from '@konbit/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations } from '../../api/operations';
import { useFocusOnOpen } from './shared';
import { FormEnd, refusalMessage, type BoardPanelProps } from './panel';

export function StatusForm({ site, me, units, onClose }: BoardPanelProps & { me: Me }) {
  const { t } = useTranslation('operations');
  const panel = useFocusOnOpen<HTMLElement>();
  // The rule applies to the status the user saw when deciding.
  const [from] = useState(
    () => (site.feature.properties.status?.status ?? null) as SiteStatus | null,
  );
  const options = nextSiteStatuses(from);
  const [status, setStatus] = useState<SiteStatus>(options[0] ?? 'unknown');
  const [organisation, setOrganisation] = useState(
    site.feature.properties.status?.holder?.organisation ?? '',
  );
  const [unitId, setUnitId] = useState('');
  const [sourceOrg, setSourceOrg] = useState(me.organisation.name);
  const [sourceTitle, setSourceTitle] = useState('');
  const [note, setNote] = useState('');
  const [release, setRelease] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = useRef(newId());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (sourceTitle.trim() === '') {
      setError(t('status.sourceRequired'));
      return;
    }
    setBusy(true);
    try {
      const holder =
        organisation.trim() || unitId
          ? {
              ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
              ...(unitId ? { unitId } : {}),
            }
          : undefined;
      const r = await operations.reportStatus(
        site.id,
        {
          status,
          ...(holder ? { holder } : {}),
          source: {
            organisation: sourceOrg.trim() || me.organisation.name,
            title: sourceTitle.trim(),
          },
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(release.trim() ? { release: { statement: release.trim() } } : {}),
        },
        key.current,
      );
      key.current = newId();
      setDone(
        t('status.done', { status: t(`siteStatus.${r.change.status}`) }) +
          (r.alertId ? ` ${t('status.alertRaised')}` : ''),
      );
    } catch (err) {
      setError(refusalMessage(err, (message) => t('error', { message })));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="ops-panel"
      aria-labelledby="status-form-title"
      data-testid="status-form"
    >
      <h2 id="status-form-title">{t('status.title', { name: site.name })}</h2>
      <p className="hint">
        {t('status.current', { status: t(`siteStatus.${from ?? 'unknown'}`) })}
      </p>
      {site.status !== (from ?? 'unknown') && (
        <p className="warn" role="status" data-testid="status-moved">
          {t('status.moved', { status: t(`siteStatus.${site.status}`) })}
        </p>
      )}
      <form className="ops-form" onSubmit={submit}>
        <label>
          {t('status.newStatus')}
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as SiteStatus)}
            data-testid="status-select"
          >
            {options.map((s) => (
              <option key={s} value={s}>
                {t(`siteStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('status.holder')}</legend>
          <label>
            {t('status.holderOrg')}
            <input
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              maxLength={200}
            />
          </label>
          {units.size > 0 && (
            <label>
              {t('status.holderUnit')}
              <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">{t('status.noUnit')}</option>
                {[...units.values()].map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.organisation})
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('status.source')}</legend>
          <label>
            {t('status.sourceOrg')}
            <input
              value={sourceOrg}
              onChange={(e) => setSourceOrg(e.target.value)}
              maxLength={200}
            />
          </label>
          <label>
            {t('status.sourceTitle')}
            <input
              value={sourceTitle}
              onChange={(e) => setSourceTitle(e.target.value)}
              maxLength={300}
              required
              data-testid="status-source-title"
            />
          </label>
        </fieldset>
        <label>
          {t('status.note')}
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            rows={2}
          />
        </label>
        <label>
          {t('status.release')}
          <textarea
            value={release}
            onChange={(e) => setRelease(e.target.value)}
            maxLength={500}
            rows={2}
            data-testid="status-release"
          />
          <span className="hint">{t('status.releaseHint')}</span>
        </label>
        <FormEnd
          name="status"
          error={error}
          done={done}
          busy={busy}
          submit={t('status.submit')}
          onClose={onClose}
        />
      </form>
    </section>
  );
}
