/**
 * The field worker's device store (IndexedDB `su-field`): the survey being typed (one draft per worker), the
 * outbox of surveys waiting to be sent, and their photos as Blobs (a photo taken offline stays on the phone until
 * the lead it belongs to has reached the server). IndexedDB, not localStorage: photos are megabytes and binary.
 */
const dbName = 'su-field';
export const stores = { outbox: 'outbox', photos: 'photos', drafts: 'drafts' } as const;
type StoreName = (typeof stores)[keyof typeof stores];

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      // The outbox's key is the lead's Idempotency-Key; drafts are keyed by the worker's staff id, photos by their own id.
      if (!db.objectStoreNames.contains(stores.outbox)) db.createObjectStore(stores.outbox, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(stores.photos)) db.createObjectStore(stores.photos);
      if (!db.objectStoreNames.contains(stores.drafts)) db.createObjectStore(stores.drafts);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Runs `work` in one transaction over `names`; resolves once the transaction has committed. */
async function transact<T>(
  names: StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await open();
  const tx = db.transaction(names, mode);
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
  const result = await work(tx);
  await committed;
  return result;
}

export const get = <T>(store: StoreName, key: string): Promise<T | undefined> =>
  transact([store], 'readonly', (tx) => done(tx.objectStore(store).get(key) as IDBRequest<T | undefined>));

export const getAll = <T>(store: StoreName): Promise<T[]> =>
  transact([store], 'readonly', (tx) => done(tx.objectStore(store).getAll() as IDBRequest<T[]>));

/** Puts `value` (under `key` for stores without a key path). */
export const put = (store: StoreName, value: unknown, key?: string): Promise<void> =>
  transact([store], 'readwrite', async (tx) => {
    await done(tx.objectStore(store).put(value, key));
  });

export const remove = (store: StoreName, keys: string[]): Promise<void> =>
  transact([store], 'readwrite', async (tx) => {
    await Promise.all(keys.map((key) => done(tx.objectStore(store).delete(key))));
  });

/** Moves a submitted survey into the outbox and drops its draft, at once: a crash between the two loses nothing. */
export const draftToOutbox = (draftKey: string, item: { id: string }): Promise<void> =>
  transact([stores.drafts, stores.outbox], 'readwrite', async (tx) => {
    await Promise.all([
      done(tx.objectStore(stores.outbox).add(item)),
      done(tx.objectStore(stores.drafts).delete(draftKey)),
    ]);
  });
