/**
 * What a member has typed into an application form, kept on the phone (localStorage) until it is sent: a lost
 * signal, a reload or a closed tab loses nothing. One draft per member and programme (or per application being
 * corrected), so a phone shared by two members never shows one's draft to the other; cleared once sent.
 */
export interface DraftDocument {
  id: string;
  fileName: string;
  mediaType: string;
}

export interface ApplyDraft {
  amountYuan: string;
  bank: string;
  accountNo: string;
  details: Record<string, string>;
  documents: DraftDocument[];
}

export const emptyDraft: ApplyDraft = { amountYuan: '', bank: '', accountNo: '', details: {}, documents: [] };

const prefix = 'su.programmes.draft';

/** `scope`: `programme:<id>` for a new application, `application:<id>` for one being corrected. */
export const draftKey = (memberId: string, scope: string) => `${prefix}.${memberId}.${scope}`;

const isStrings = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

/** The saved draft, or null; anything malformed (an older app's draft, a hand edit) is dropped, never trusted. */
export function loadDraft(key: string): ApplyDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const documents = Array.isArray(d.documents)
    ? d.documents.filter(
        (x): x is DraftDocument =>
          typeof x === 'object' &&
          x !== null &&
          typeof (x as DraftDocument).id === 'string' &&
          typeof (x as DraftDocument).fileName === 'string' &&
          typeof (x as DraftDocument).mediaType === 'string',
      )
    : [];
  return {
    amountYuan: text(d.amountYuan),
    bank: text(d.bank),
    accountNo: text(d.accountNo).replace(/\D/g, ''),
    details: isStrings(d.details) ? d.details : {},
    documents,
  };
}

export const isEmptyDraft = (d: ApplyDraft) =>
  !d.amountYuan && !d.bank && !d.accountNo && Object.values(d.details).every((v) => !v) && d.documents.length === 0;

export function saveDraft(key: string, draft: ApplyDraft): void {
  try {
    if (isEmptyDraft(draft)) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, only without the safety net.
  }
}

export const clearDraft = (key: string) => localStorage.removeItem(key);
