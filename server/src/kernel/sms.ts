import { systemClock, type Clock } from './clock.js';
import { maskPhone } from './pii.js';

/**
 * SMS goes through an adapter: the console provider (development: it keeps an outbox that dev tools and tests read),
 * or a real provider (kernel/sms-providers.ts: Alibaba Cloud, Tencent Cloud), which has no outbox.
 */
export interface SmsProvider {
  readonly name: string;
  /** Resolves once the provider accepted the message; rejects (SmsSendError) when it finally did not. */
  send(phone: string, text: string, code: string): Promise<void>;
  outbox?(phone?: string): OutboxItem[];
}

export interface OutboxItem {
  phone: string;
  code: string;
  text: string;
  sentAt: string;
}

/** A message the provider did not take, after the retries a transient failure gets. Carries no phone and no code. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    readonly reason: string,
    /**
     * Whether an attempt may have reached the provider all the same (a request sent, then no answer: a timeout, a
     * dropped connection): the message may still arrive, so the code must stay valid and counted.
     */
    readonly maybeDelivered = false,
  ) {
    super(`${provider}: ${reason}`);
    this.name = 'SmsSendError';
  }
}

export function createConsoleSmsProvider(
  log: (line: string) => void,
  clock: Clock = systemClock,
  capacity = 1000,
): SmsProvider & Required<Pick<SmsProvider, 'outbox'>> {
  const items: OutboxItem[] = [];
  return {
    name: 'console',
    async send(phone, text, code) {
      items.push({ phone, code, text, sentAt: clock.now().toISOString() });
      if (items.length > capacity) items.splice(0, items.length - capacity);
      // The number masked: development logs get copied around too (the code is what a developer signs in with).
      log(`[sms] to ${maskPhone(phone)}: ${text}`);
    },
    outbox(phone) {
      return (phone ? items.filter((i) => i.phone === phone) : items).slice().reverse();
    },
  };
}
