/**
 * The closed set of error codes the API answers with, and the HTTP status each one carries.
 * A client can branch on `code`; `message` is for people and says what to do.
 */

export const ERROR_STATUS = {
  ValidationFailed: 400,
  MalformedJson: 400,
  Unauthenticated: 401,
  InvalidCredentials: 401,
  Forbidden: 403,
  NotFound: 404,
  OutsideHaiti: 404,
  Conflict: 409,
  AlreadyExists: 409,
  /** Tasking: a unit would be assigned more personnel than it has at some moment. */
  AssignmentClash: 409,
  /** Force generation: another country is already the current lead nation. */
  LeadNationTaken: 409,
  /** Incidents: another analyst has claimed the report. */
  AlreadyClaimed: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  IdempotencyKeyReused: 422,
  UnknownPcode: 422,
  /** A P-code given by the client disagrees with the one found from the location. */
  PcodeMismatch: 422,
  /** A status (site posture, verification, pledge, milestone) cannot move that way. */
  InvalidStatusTransition: 422,
  /** An import had errors; nothing was imported; `details` lists each with row and column. */
  ImportFailed: 422,
  RateLimited: 429,
  Internal: 500,
  Unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** One problem among many: a field of a request, or a row and column of an imported file. */
export interface ErrorDetail {
  readonly field?: string;
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly field?: string;
    readonly details?: readonly ErrorDetail[];
  };
}

/**
 * An error meant for the client. Services throw it; the HTTP layer turns it into the error
 * body with the status for its code. Anything else that escapes becomes `Internal`.
 */
export class KonbitError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = 'KonbitError';
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
