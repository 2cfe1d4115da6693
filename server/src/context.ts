/** What the HTTP layer and the CLI hand to services: built once at start-up. */
import type { Areas } from './areas/areas.js';
import type { LoginLimits } from './auth/auth.service.js';
import { FailureLimiter } from './auth/rate-limiter.js';
import type { Clock } from './clock/clock.js';
import type { Config } from './config/config.js';
import type { Store } from './store/store.js';

export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly areas: Areas;
  readonly loginLimits: LoginLimits;
}

export function loginLimitsFor(config: Config): LoginLimits {
  const windowMs = config.login.windowSeconds * 1000;
  return {
    perAccount: new FailureLimiter(config.login.maxPerAccount, windowMs),
    perAddress: new FailureLimiter(config.login.maxPerAddress, windowMs),
  };
}
