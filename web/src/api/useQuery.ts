/**
 * Loading data for a view: fetch, keep the last answer, and fetch again when the key changes
 * or when the live feed brings a record of one of `entities` (so what is shown follows the
 * server without a reload). Answers to superseded requests are dropped.
 */
import { useEffect, useState } from 'react';
import { feedStore } from './feed';

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: Error | null;
  readonly loading: boolean;
}

/** Waits this long after a feed event before fetching, so a burst of changes costs one fetch. */
const SETTLE_MS = 250;

export function useQuery<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<T>,
  entities: readonly string[] = [],
): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({
    data: undefined,
    error: null,
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const topics = entities.join(',');

  useEffect(() => {
    if (topics === '') return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => setTick((n) => n + 1), SETTLE_MS);
    };
    const offs = topics.split(',').map((e) => feedStore.subscribe(e, bump));
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [topics]);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fetcher(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ data: s.data, error: err as Error, loading: false }));
      },
    );
    return () => controller.abort();
    // The fetcher is described by `key`: a new key, not a new closure, means new data.
  }, [key, tick]);

  return state;
}
