import type { TFunction } from 'i18next';
import { ApiError, basePath, fieldErrors as sharedFieldErrors, fieldIssues } from '../../shared/api';

/** Which `field.*` label names an issue path of a form; paths not listed here are never shown. */
export type FieldLabels = Record<string, string>;

const commonFields: FieldLabels = { phone: 'phone', code: 'code', score: 'score', comment: 'comment' };

/** The field errors of a failed write, keyed by path, for the fields the form knows (the shared convention, web/shared/api.ts). */
export const fieldErrors = (error: unknown, fields: FieldLabels): Record<string, string> =>
  sharedFieldErrors(error, Object.keys(fields));

/**
 * The sentence a person reads for a failed call: the server's message in their language, field issues
 * under human labels, and plain words for a lost connection or a server fault — never a code or a path.
 */
export function humanError(error: unknown, t: TFunction, fields: FieldLabels = {}): string {
  if (!(error instanceof ApiError)) return t('error.network');
  // The SMS provider did not take the code (after retries): nothing was used up, the member may ask again at once.
  if (error.code === 'SMS_UNAVAILABLE') return t('error.smsUnavailable');
  if (error.status >= 500 || error.code.startsWith('HTTP_')) return t('error.server');
  const labels = { ...commonFields, ...fields };
  const issues = fieldIssues(error)
    .map((i) => ({ label: labels[basePath(i.path)], message: i.message }))
    .filter((i): i is { label: string; message: string } => i.label !== undefined);
  if (issues.length > 0)
    return issues
      .map((i) => t('error.fieldIssue', { label: t(`field.${i.label}`), message: i.message }))
      .join(t('error.separator'));
  return error.message;
}

export const isMembershipRequired = (error: unknown) =>
  error instanceof ApiError && error.code === 'MEMBERSHIP_REQUIRED';
/** 404, or an id in the address that cannot name anything (a malformed code in a QR link): either way it does not exist. */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError &&
  (error.status === 404 || (error.code === 'VALIDATION_FAILED' && fieldIssues(error).some((i) => i.in === 'params')));

/** The toast for a form whose fields carry their own errors: the API's "check the marked fields", else the whole story. */
export function formErrorSummary(error: unknown, t: TFunction, fields: FieldLabels): string {
  return error instanceof ApiError && Object.keys(fieldErrors(error, fields)).length > 0
    ? error.message
    : humanError(error, t, fields);
}
