/**
 * A form's draft: fields set one patch at a time, starting from the server's "now" (a scenario
 * runs in its own time) unless the user has already edited it, and reset for the next entry.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

export function useDraft<D extends object>(
  initial: () => D,
  withNow: (draft: D, now: Date) => D,
): { draft: D; set: (patch: Partial<D>) => void; reset: () => void } {
  const [draft, setDraft] = useState(initial);
  const touched = useRef(false);
  const serverNow = useRef<{ now: Date; at: number } | null>(null);

  useEffect(() => {
    api.health().then(
      (h) => {
        serverNow.current = { now: new Date(h.now), at: Date.now() };
        setDraft((d) => (touched.current ? d : withNow(d, new Date(h.now))));
      },
      () => undefined,
    );
    // Once, when the form opens.
  }, []);

  return {
    draft,
    set(patch) {
      touched.current = true;
      setDraft((d) => ({ ...d, ...patch }));
    },
    reset() {
      touched.current = false;
      const s = serverNow.current;
      // The server's clock runs on from when it was read.
      setDraft(s ? withNow(initial(), new Date(s.now.getTime() + Date.now() - s.at)) : initial());
    },
  };
}
