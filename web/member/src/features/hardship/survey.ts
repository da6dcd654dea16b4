import { hardshipCauses, hardshipChannels } from '../../../../../shared/labels';
import type { ApiBody } from '../../../../shared/api';

/**
 * The household survey as the field worker types it (all text, as the inputs hold it) and as the API takes it
 * (POST /api/v1/hardship/leads, leads.schemas.ts `fileLeadBody`): income per head in yuan on the form, fen on the wire.
 */
export type Cause = (typeof hardshipCauses)[number];
export type Channel = (typeof hardshipChannels)[number];

/** A photo taken for the survey: its Blob lives in the device store (store.ts `photos`) under `key`. */
export interface DraftPhoto {
  key: string;
  fileName: string;
  mediaType: string;
}

export interface SurveyDraft {
  headName: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  address: string;
  size: string;
  incomeYuan: string;
  causes: Cause[];
  channel: Channel | '';
  note: string;
  consent: boolean;
  photos: DraftPhoto[];
}

export interface LeadBody {
  household: {
    headName: string;
    idNumber: string;
    phone: string;
    regionCode: string;
    address: string;
    size: number;
    monthlyIncomeFen: number;
    causes: Cause[];
  };
  channel: Channel;
  note?: string;
  consent: boolean;
  photoIds?: string[];
}

/** The outbox keeps LeadBody; it must stay what the API takes (a compile error here when the contract moves). */
export const asApiBody = (body: LeadBody): ApiBody<'/api/v1/hardship/leads', 'post'> => body;

export const maxPhotos = 6;

export const emptySurvey = (defaults: Partial<SurveyDraft> = {}): SurveyDraft => ({
  headName: '',
  idNumber: '',
  phone: '',
  regionCode: '',
  address: '',
  size: '',
  incomeYuan: '',
  causes: [],
  channel: '',
  note: '',
  consent: false,
  photos: [],
  ...defaults,
});

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A stored draft read back: anything malformed (an older app's, a hand edit) is dropped, never trusted. */
export function readDraft(raw: unknown): SurveyDraft | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  const causes = Array.isArray(d.causes)
    ? hardshipCauses.filter((c) => (d.causes as unknown[]).includes(c))
    : ([] as Cause[]);
  const channel = hardshipChannels.find((c) => c === d.channel) ?? '';
  const photos = Array.isArray(d.photos)
    ? d.photos.filter(
        (p): p is DraftPhoto =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as DraftPhoto).key === 'string' &&
          typeof (p as DraftPhoto).fileName === 'string' &&
          typeof (p as DraftPhoto).mediaType === 'string',
      )
    : [];
  return {
    headName: text(d.headName),
    idNumber: text(d.idNumber),
    phone: text(d.phone),
    regionCode: text(d.regionCode),
    address: text(d.address),
    size: text(d.size),
    incomeYuan: text(d.incomeYuan),
    causes,
    channel,
    note: text(d.note),
    consent: d.consent === true,
    photos: photos.slice(0, maxPhotos),
  };
}

export const isEmptySurvey = (d: SurveyDraft, defaults: Partial<SurveyDraft> = {}) =>
  !d.headName &&
  !d.idNumber &&
  !d.phone &&
  !d.address &&
  !d.size &&
  !d.incomeYuan &&
  d.causes.length === 0 &&
  !d.note &&
  d.photos.length === 0 &&
  (d.regionCode === '' || d.regionCode === defaults.regionCode);

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** Resident ID-card number (GB 11643), as the server checks it: a typo is caught on the spot, not after the trip. */
export function isIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * idWeights[i]!;
  return idCheckChars[sum % 11] === value[17];
}

/** `12.5` yuan → 1250 fen; null when it is not an amount of at most two decimals. */
export function yuanToFen(yuan: string): number | null {
  const v = yuan.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(v)) return null;
  const [whole, part = ''] = v.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** The problems the form can see itself, keyed by the API's field paths (the same keys the server's issues use). */
export type SurveyProblem =
  'required' | 'idNumber' | 'phone' | 'regionCode' | 'size' | 'income' | 'causes' | 'channel' | 'consent';

export function checkSurvey(d: SurveyDraft): Record<string, SurveyProblem> {
  const out: Record<string, SurveyProblem> = {};
  if (!d.headName.trim()) out['household.headName'] = 'required';
  if (!isIdNumber(d.idNumber.trim().toUpperCase())) out['household.idNumber'] = 'idNumber';
  if (!/^1[3-9]\d{9}$/.test(d.phone.trim())) out['household.phone'] = 'phone';
  if (!/^\d{6}$/.test(d.regionCode.trim())) out['household.regionCode'] = 'regionCode';
  if (!d.address.trim()) out['household.address'] = 'required';
  const size = Number(d.size);
  if (!/^\d+$/.test(d.size.trim()) || size < 1 || size > 30) out['household.size'] = 'size';
  const fen = yuanToFen(d.incomeYuan);
  if (fen === null || fen > 100_000_000) out['household.monthlyIncomeFen'] = 'income';
  if (d.causes.length === 0) out['household.causes'] = 'causes';
  if (!d.channel) out.channel = 'channel';
  if (!d.consent) out.consent = 'consent';
  return out;
}

/** The lead as the API takes it (call once `checkSurvey` found nothing); photo ids are added when they are uploaded. */
export function toLeadBody(d: SurveyDraft): LeadBody {
  const note = d.note.trim();
  return {
    household: {
      headName: d.headName.trim(),
      idNumber: d.idNumber.trim().toUpperCase(),
      phone: d.phone.trim(),
      regionCode: d.regionCode.trim(),
      address: d.address.trim(),
      size: Number(d.size),
      monthlyIncomeFen: yuanToFen(d.incomeYuan) ?? 0,
      causes: d.causes,
    },
    channel: d.channel as Channel,
    ...(note ? { note } : {}),
    consent: d.consent,
  };
}

/** A lead sent back for correction (its issues on the fields): the form again, as it was typed. */
export function fromLeadBody(body: LeadBody, photos: DraftPhoto[]): SurveyDraft {
  const fen = body.household.monthlyIncomeFen;
  return {
    headName: body.household.headName,
    idNumber: body.household.idNumber,
    phone: body.household.phone,
    regionCode: body.household.regionCode,
    address: body.household.address,
    size: String(body.household.size),
    incomeYuan: fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2),
    causes: body.household.causes,
    channel: body.channel,
    note: body.note ?? '',
    consent: body.consent,
    photos,
  };
}
