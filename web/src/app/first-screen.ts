/**
 * The first screen's priority: what the dashboard shows first (the displaced figure) marks the
 * first screen ready, and what can wait (operations cards, their charts) starts after it, so on a
 * slow link the first numbers do not share the bandwidth with the rest. If the mark never comes
 * (an error, a user who may read no figure), the rest starts after `FALLBACK_MS` anyway.
 */
const FALLBACK_MS = 3_000;

let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

export function markFirstScreenReady(): void {
  markReady();
}

/** Resolves once the first screen is ready, or after the fallback delay. */
export function afterFirstScreen(): Promise<void> {
  return Promise.race([ready, new Promise<void>((r) => setTimeout(r, FALLBACK_MS))]);
}
