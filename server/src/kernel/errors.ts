/** Every error code the API answers with, and its HTTP status: the one table (API.md "Conventions"). */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  NUL_CHARACTER: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_CODE: 401,
  FORBIDDEN: 403,
  MEMBERSHIP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MEMBER_EXISTS: 409,
  USERNAME_TAKEN: 409,
  ORG_NAME_TAKEN: 409,
  INVALID_TRANSITION: 409,
  ALREADY_MEMBER: 409,
  APPLICATION_PENDING: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_RATED: 409,
  NOT_MOBILE_STATION: 409,
  STATION_RETIRED: 409,
  SOLD_OUT: 409,
  LIMIT_REACHED: 409,
  CAMPAIGN_NOT_OPEN: 409,
  ALREADY_REDEEMED: 409,
  ALREADY_SERVED: 409,
  ALREADY_ENROLLED: 409,
  DUPLICATE_APPLICATION: 409,
  CAP_EXCEEDED: 409,
  PROGRAMME_NOT_OPEN: 409,
  PUBLICITY_REQUIRED: 409,
  PUBLICITY_OPEN: 409,
  OBJECTION_PENDING: 409,
  NOTICE_CLOSED: 409,
  ALREADY_ANSWERED: 409,
  NOT_ENROLLED: 409,
  ENROLMENT_EXISTS: 409,
  NOTHING_TO_DISBURSE: 409,
  NOT_ELIGIBLE: 409,
  FUND_ALREADY_APPLIED: 409,
  ALREADY_REGISTERED: 409,
  ALREADY_CHECKED: 409,
  WRONG_PROGRAMME_KIND: 409,
  PROGRAMME_STILL_OPEN: 409,
  EVENT_NOT_HELD: 409,
  ALREADY_REPRESENTATIVE: 409,
  CONGRESS_ARCHIVED: 409,
  ALREADY_SUPPORTED: 409,
  ALREADY_VOTED: 409,
  VOTING_CLOSED: 409,
  ALREADY_RESPONDED: 409,
  REVIEW_NOT_OPEN: 409,
  ALREADY_COSIGNED: 409,
  HOUSEHOLD_EXISTS: 409,
  ABOVE_INCOME_LINE: 409,
  ALREADY_RECEIVED: 409,
  AID_ALREADY_RECORDED: 409,
  CAMPAIGN_CLOSED: 409,
  HOUSEHOLD_NOT_ASSISTED: 409,
  DONOR_EXISTS: 409,
  NOT_A_TARGET: 409,
  DAILY_LIMIT_REACHED: 409,
  ATTEMPTS_EXHAUSTED: 409,
  ATTEMPT_EXPIRED: 409,
  ALREADY_SUBMITTED: 409,
  ACTIVITY_NOT_OPEN: 409,
  CONFLICT_OF_INTEREST: 409,
  NOT_ENOUGH_JUDGES: 409,
  JUDGE_OF_CONTEST: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
  SMS_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, details?: Record<string, unknown>, headers?: Record<string, string>) {
    // An answer to the caller (404, 409 SOLD_OUT…) needs no stack trace; capturing one is most of
    // the cost of an Error, and a flash sale answers thousands of them a second.
    const expected = errorStatus[code] < 500;
    const limit = Error.stackTraceLimit;
    if (expected) Error.stackTraceLimit = 0;
    super(code);
    if (expected) Error.stackTraceLimit = limit;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** One field problem, reported with its path as the client sent it ("employer.name", "rows.3.phone"). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export function validationFailed(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', { issues });
}
