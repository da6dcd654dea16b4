import { ApiError, type ApiIssue } from '../../../../shared/api';
import { fieldApi, fieldCall } from './fieldApi';
import * as store from './store';
import { asApiBody, type DraftPhoto, type LeadBody } from './survey';

/**
 * The outbox of surveys filed on this phone (帮扶线索). A submitted survey is stored first, with an Idempotency-Key made
 * once for it (its `id`), then sent: its photos (POST /api/v1/hardship/photos, each once: an uploaded photo keeps its
 * id), then the lead (POST /api/v1/hardship/leads with the key). Without signal, or on a lost connection or a server
 * fault, it waits and is sent again — when the browser is back online, when the app starts, on a retry timer and on
 * the service worker's Background Sync — with the same key and the same body, so a lead that reached the server
 * but whose answer was lost is answered again by the server's idempotency, never filed twice.
 * One sender at a time across the tabs of the device (Web Locks), and each worker sends only their own leads.
 */
export type OutboxState =
  /** queued: no signal yet, or the last try failed on the network or the server; tried again */
  | 'waiting'
  | 'sending'
  | 'sent'
  /** 409 HOUSEHOLD_EXISTS: the household is already on file (its status in `existing`) */
  | 'exists'
  /** 400: the server refused a field (`issues`): the worker corrects it on the form */
  | 'invalid'
  /** any other refusal (no longer allowed, say): kept, with the server's message */
  | 'refused';

export interface OutboxPhoto extends DraftPhoto {
  /** Set once uploaded: the photo is never uploaded again. */
  uploadedId?: string;
}

export interface OutboxItem {
  /** The Idempotency-Key of the lead, made once when the survey was submitted. */
  id: string;
  staffId: string;
  createdAt: string;
  body: LeadBody;
  photos: OutboxPhoto[];
  state: OutboxState;
  attempts: number;
  /** Why the last try did not go through (waiting: `network`, `server` or `signIn`). */
  lastError?: string;
  sentAt?: string;
  /** The file the server made (sent). */
  lead?: { id: string; status: string };
  /** The file already on record (exists). */
  existing?: { householdId: string; status: string; visible: boolean };
  issues?: ApiIssue[];
  message?: string;
}

/** The main chunk's hint (App.tsx) that this device has leads waiting: it starts the sender on any page. */
export const pendingFlag = 'su.field.pending';
const syncTag = 'su-field-outbox';
const channelName = 'su-field-outbox';
/** Sent items stay listed for a week, then go. */
const keepSentMs = 7 * 24 * 3600 * 1000;

/**
 * What a survey keeps on the phone once the server has it (sent, or already on file): the line the list shows — the
 * head's name and the ends of the ID number — and nothing else of the household (phone, income, causes, note).
 */
function forgetDetails(body: LeadBody): LeadBody {
  const id = body.household.idNumber;
  return {
    household: {
      headName: body.household.headName,
      idNumber: id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id,
      phone: '',
      regionCode: body.household.regionCode,
      address: '',
      size: 0,
      monthlyIncomeFen: 0,
      causes: [],
    },
    channel: body.channel,
    consent: body.consent,
  };
}

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
channel?.addEventListener('message', () => listeners.forEach((l) => l()));

function changed(): void {
  listeners.forEach((l) => l());
  channel?.postMessage('changed');
}

/** Called whenever an item is added or changes state, in this tab or another. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export async function outboxItems(staffId: string): Promise<OutboxItem[]> {
  const all = await store.getAll<OutboxItem>(store.stores.outbox);
  return all.filter((i) => i.staffId === staffId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

async function save(item: OutboxItem): Promise<void> {
  await store.put(store.stores.outbox, item);
  changed();
}

async function updatePendingFlag(): Promise<void> {
  const all = await store.getAll<OutboxItem>(store.stores.outbox);
  if (all.some((i) => i.state === 'waiting' || i.state === 'sending')) localStorage.setItem(pendingFlag, '1');
  else localStorage.removeItem(pendingFlag);
}

/**
 * Puts a submitted survey in the outbox (and drops its draft in the same transaction); answers the item.
 * `draftKey`: the draft it came from.
 */
export async function enqueue(
  draftKey: string,
  staffId: string,
  body: LeadBody,
  photos: DraftPhoto[],
): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: crypto.randomUUID(),
    staffId,
    createdAt: new Date().toISOString(),
    body,
    photos,
    state: 'waiting',
    attempts: 0,
  };
  await store.draftToOutbox(draftKey, item);
  localStorage.setItem(pendingFlag, '1');
  changed();
  void requestBackgroundSync();
  return item;
}

/** Removes an item the worker is done with (sent, on file, refused) and any photos it still holds. */
export async function dismiss(item: OutboxItem): Promise<void> {
  await store.remove(store.stores.outbox, [item.id]);
  if (item.state !== 'sent')
    await store.remove(
      store.stores.photos,
      item.photos.map((p) => p.key),
    );
  await updatePendingFlag();
  changed();
}

/** Takes an item refused for its fields off the outbox, to be corrected and submitted again (as a new lead). */
export async function takeBack(item: OutboxItem): Promise<void> {
  await store.remove(store.stores.outbox, [item.id]);
  await updatePendingFlag();
  changed();
}

async function requestBackgroundSync(): Promise<void> {
  try {
    if (!('serviceWorker' in navigator)) return;
    const registration = (await navigator.serviceWorker.getRegistration()) as
      (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await registration?.sync?.register(syncTag);
  } catch {
    // No Background Sync here (or refused): the online event, the app start and the timer still send it.
  }
}

const retryable = (e: unknown) =>
  !(e instanceof ApiError) || e.status >= 500 || e.status === 408 || e.status === 429 || e.code.startsWith('HTTP_');

/** Sends one item: its photos not yet uploaded, then the lead with its key. Answers false to stop the round. */
async function sendOne(item: OutboxItem): Promise<boolean> {
  await save({ ...item, state: 'sending' });
  const photos = item.photos.map((p) => ({ ...p }));
  try {
    for (const photo of photos) {
      if (photo.uploadedId) continue;
      const blob = await store.get<Blob>(store.stores.photos, photo.key);
      // A photo gone from the device (storage cleared): the lead goes without it.
      if (!blob) continue;
      const form = new FormData();
      form.append('file', new File([blob], photo.fileName, { type: photo.mediaType }));
      const stored = await fieldCall<{ id: string }>('POST', '/api/v1/hardship/photos', { form });
      photo.uploadedId = stored.id;
      // Kept at once: a retry after a lost connection does not upload it again (and sends the same body).
      await save({ ...item, photos, state: 'sending' });
    }
    const photoIds = photos.flatMap((p) => (p.uploadedId ? [p.uploadedId] : []));
    const body: LeadBody = photoIds.length > 0 ? { ...item.body, photoIds } : item.body;
    const lead = await fieldCall<{ id: string; status: string }>('POST', '/api/v1/hardship/leads', {
      body: asApiBody(body),
      idempotencyKey: item.id,
    });
    await save({
      ...item,
      body: forgetDetails(item.body),
      photos,
      state: 'sent',
      sentAt: new Date().toISOString(),
      lead: { id: lead.id, status: lead.status },
      attempts: item.attempts + 1,
      lastError: undefined,
    });
    await store.remove(
      store.stores.photos,
      photos.map((p) => p.key),
    );
    return true;
  } catch (e) {
    const attempts = item.attempts + 1;
    if (retryable(e)) {
      await save({
        ...item,
        photos,
        state: 'waiting',
        attempts,
        lastError: e instanceof ApiError ? 'server' : 'network',
      });
      return false;
    }
    const error = e as ApiError;
    if (error.status === 401) {
      await save({ ...item, photos, state: 'waiting', attempts, lastError: 'signIn' });
      return false;
    }
    if (error.code === 'HOUSEHOLD_EXISTS') {
      const d = error.details as { householdId?: unknown; id?: unknown; status?: unknown; visible?: unknown };
      const householdId = typeof d.householdId === 'string' ? d.householdId : typeof d.id === 'string' ? d.id : '';
      await save({
        ...item,
        body: forgetDetails(item.body),
        photos,
        state: 'exists',
        attempts,
        existing: { householdId, status: typeof d.status === 'string' ? d.status : '', visible: d.visible === true },
        message: error.message,
      });
      return true;
    }
    await save({
      ...item,
      photos,
      state: error.code === 'VALIDATION_FAILED' ? 'invalid' : 'refused',
      attempts,
      issues: error.details.issues ?? [],
      message: error.message,
    });
    return true;
  }
}

let round: Promise<void> | null = null;
/** A flush asked for while a round runs (a lead just submitted): one more round after it. */
let again = false;

/** Forgets sent items older than a week. */
async function prune(items: OutboxItem[]): Promise<void> {
  const old = items.filter((i) => i.state === 'sent' && Date.now() - Date.parse(i.sentAt ?? i.createdAt) > keepSentMs);
  if (old.length > 0)
    await store.remove(
      store.stores.outbox,
      old.map((i) => i.id),
    );
}

async function sendRound(staffId: string): Promise<void> {
  const items = (await outboxItems(staffId)).reverse(); // oldest first
  await prune(items);
  for (const item of items) {
    // A "sending" item here was cut off (a closed tab): the same key again.
    if (item.state !== 'waiting' && item.state !== 'sending') continue;
    if (!(await sendOne(item))) break;
  }
  await updatePendingFlag();
}

/**
 * Sends the signed-in worker's waiting leads, one round at a time in this tab, and one tab at a time on the device
 * (Web Locks where the browser has them; the key makes a second sender harmless anyway, but would upload photos twice).
 */
export function flushOutbox(): Promise<void> {
  const staffId = currentStaffId();
  // Surely offline (the browser knows no network): nothing to try; the `online` event comes back here.
  if (!staffId || !fieldApi.token || !navigator.onLine) return Promise.resolve();
  if (round) {
    again = true;
    return round;
  }
  round = (async () => {
    try {
      do {
        again = false;
        const locks = (navigator as Navigator & { locks?: LockManager }).locks;
        if (locks) await locks.request('su-field-outbox', () => sendRound(staffId));
        else await sendRound(staffId);
      } while (again);
    } finally {
      round = null;
    }
  })();
  return round;
}

function currentStaffId(): string | null {
  try {
    const me = JSON.parse(localStorage.getItem('su.field.me') ?? 'null') as { id?: unknown } | null;
    return typeof me?.id === 'string' ? me.id : null;
  } catch {
    return null;
  }
}

let started = false;
const retryMs = 30_000;

/**
 * Starts sending in the background, once per page load: now, whenever the browser comes back online, when the
 * worker signs in again, when the service worker's Background Sync fires, and every 30 seconds while leads wait.
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  const flush = () => void flushOutbox().catch(() => undefined);
  window.addEventListener('online', flush);
  fieldApi.onTokenChange(flush);
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === 'field-outbox-sync') flush();
  });
  setInterval(() => {
    if (localStorage.getItem(pendingFlag)) flush();
  }, retryMs);
  flush();
}
