import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';

/**
 * A slot for one module's per-app state on the context (`ctx.state`): a name, and the type of what it holds.
 * The module creates the slot in its own files and fills it in its `register`; the kernel never sees the type.
 */
export interface StateSlot<T> {
  readonly name: string;
  /** Type only: never read. */
  readonly _type?: T;
}

export function stateSlot<T>(name: string): StateSlot<T> {
  return { name };
}

/**
 * The modules' per-app state (claim queues, rate limiters, the station index, caches): made by each module's
 * `register` when the app is built, closed when the app closes. Two apps in one process share none of it.
 */
export class ModuleState {
  private readonly values = new Map<StateSlot<unknown>, unknown>();
  private readonly closers: { name: string; close: () => Promise<void> | void }[] = [];

  /** Puts the module's state in its slot (once per app); `close` runs when the app closes. */
  provide<T>(slot: StateSlot<T>, value: T, close?: (value: T) => Promise<void> | void): T {
    if (this.values.has(slot)) throw new Error(`module state ${slot.name} is already registered`);
    this.values.set(slot, value);
    if (close) this.closers.push({ name: slot.name, close: () => close(value) });
    return value;
  }

  get<T>(slot: StateSlot<T>): T {
    if (!this.values.has(slot))
      throw new Error(`module state ${slot.name} is not registered: add the module to the app's list`);
    return this.values.get(slot) as T;
  }

  /** Closes every slot, the last registered first; one failing does not keep the others open. */
  async close(): Promise<{ name: string; error: unknown }[]> {
    const failures: { name: string; error: unknown }[] = [];
    for (const { name, close } of [...this.closers].reverse()) {
      try {
        await close();
      } catch (error) {
        failures.push({ name, error });
      }
    }
    this.closers.length = 0;
    return failures;
  }
}

/**
 * What a module gives the composition root (server/src/app.ts): its per-app state, what to start once the app is
 * ready (a refresh loop), and its routes. Each module's index.ts exports one.
 */
export interface AppModule {
  name: string;
  /** Creates the module's per-app state: `ctx.state.provide(slot, value, close)`. Runs before any route is registered. */
  register?(ctx: AppContext): void;
  /** Runs when the app is ready (before it listens): first loads, background refreshes (via `ctx.background`). */
  start?(ctx: AppContext): Promise<void>;
  routes(app: FastifyInstance): Promise<void>;
}
