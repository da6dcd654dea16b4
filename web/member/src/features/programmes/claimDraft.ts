import type { DraftDocument } from './draft';

/**
 * A mutual-aid claim being typed, kept on the phone (localStorage) until it is sent, as the application form's
 * draft is (draft.ts): one per member and programme, cleared once sent; anything malformed is dropped.
 */
export interface BillDraft {
  totalYuan: string;
  basicYuan: string;
  majorYuan: string;
  admittedOn: string;
  dischargedOn: string;
  hospital: string;
  invoiceNo: string;
}

export interface ClaimDraft {
  bills: BillDraft[];
  bank: string;
  accountNo: string;
  documents: DraftDocument[];
}

export const emptyBill: BillDraft = {
  totalYuan: '',
  basicYuan: '',
  majorYuan: '',
  admittedOn: '',
  dischargedOn: '',
  hospital: '',
  invoiceNo: '',
};
export const emptyClaim: ClaimDraft = { bills: [emptyBill], bank: '', accountNo: '', documents: [] };

export const claimDraftKey = (memberId: string, programmeId: string) =>
  `su.programmes.draft.${memberId}.claim:${programmeId}`;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function loadClaimDraft(key: string): ClaimDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  const bills = Array.isArray(d.bills)
    ? d.bills
        .filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null)
        .slice(0, 20)
        .map((b) => ({
          totalYuan: text(b.totalYuan),
          basicYuan: text(b.basicYuan),
          majorYuan: text(b.majorYuan),
          admittedOn: text(b.admittedOn),
          dischargedOn: text(b.dischargedOn),
          hospital: text(b.hospital),
          invoiceNo: text(b.invoiceNo),
        }))
    : [];
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
    bills: bills.length > 0 ? bills : [emptyBill],
    bank: text(d.bank),
    accountNo: text(d.accountNo).replace(/\D/g, ''),
    documents,
  };
}

const isEmpty = (d: ClaimDraft) =>
  !d.bank && !d.accountNo && d.documents.length === 0 && d.bills.every((b) => Object.values(b).every((v) => !v));

export function saveClaimDraft(key: string, draft: ClaimDraft): void {
  try {
    if (isEmpty(draft)) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, only without the safety net.
  }
}
