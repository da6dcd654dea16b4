import { sql, type Database, type Db } from './db/client.js';
import type { BackgroundLogger } from './jobs.js';

const channel = 'smart_union_changes';

/**
 * What changed, told to every server process on the database (this one included), so caches built from the
 * database — the nearby index, the working calendar — follow writes made by any process. A topic is published
 * inside the writing transaction and delivered when it commits (PostgreSQL NOTIFY), never for a rolled-back write.
 * If the listening connection is lost, every topic's listeners run once it is back: a change may have been missed.
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, (() => void)[]>();
  private listening: Promise<() => Promise<void>> | null = null;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly log: BackgroundLogger,
  ) {}

  /** Tells every process that `topic` changed, when `tx` commits. */
  async publish(tx: Db, topic: string): Promise<void> {
    await tx.execute(sql`select pg_notify(${channel}, ${topic})`);
  }

  /** Runs `listener` (which must not throw) whenever `topic` changes; resolves once notifications are being received. */
  async subscribe(topic: string, listener: () => void): Promise<void> {
    if (this.closed) throw new Error(`subscribed to ${topic} after the app closed`);
    this.listeners.set(topic, [...(this.listeners.get(topic) ?? []), listener]);
    this.listening ??= this.database.listen(
      channel,
      (payload) => this.deliver(payload),
      () => {
        this.log.warn({ work: 'changes.listen' }, 'change notifications resumed after a lost connection');
        for (const topic of this.listeners.keys()) this.deliver(topic);
      },
    );
    await this.listening;
  }

  private deliver(topic: string): void {
    if (this.closed) return;
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        listener();
      } catch (error) {
        this.log.error({ err: error, work: `changes.${topic}` }, 'a change listener failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const stop = await this.listening?.catch(() => null);
    // The database may be gone already (it is closed after this, or failed): nothing left to stop then.
    await stop?.().catch((error: unknown) =>
      this.log.warn({ err: error, work: 'changes.close' }, 'stopping change notifications failed'),
    );
  }
}
