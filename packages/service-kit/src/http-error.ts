/** A message a person reads, in English and Danish. */
export interface Bilingual {
  en: string;
  da: string;
}

/** One bad input field, named by where it sits (`body.positions`, `query.from`, `header.idempotency-key`). */
export interface FieldError {
  field: string;
  message: string;
  /** The message in English only and in Danish only; filled from `message` when a caller leaves them out. */
  message_en?: string;
  message_da?: string;
}

/**
 * An error that becomes an RFC 9457 problem response with this status. `code` becomes the
 * problem `type` (urn:rs:problem:<code>). The message may be `{ en, da }` or, for older
 * callers, one string "English / Dansk" (split at the last " / ").
 */
export class HttpError extends Error {
  readonly detail: Bilingual;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string | Bilingual,
    readonly errors?: FieldError[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    const detail = typeof message === 'string' ? splitBilingual(message) : message;
    super(detail.en);
    this.detail = detail;
    this.name = 'HttpError';
  }

  /** Older name of `errors`. */
  get details(): FieldError[] | undefined {
    return this.errors;
  }
}

function splitBilingual(message: string): Bilingual {
  const at = message.lastIndexOf(' / ');
  if (at < 0) return { en: message, da: message };
  return { en: message.slice(0, at), da: message.slice(at + 3) };
}
