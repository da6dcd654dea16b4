import type { MyCongress } from './queries';

/** One of a representative's duties, opened from their term on the 代表履职 page. */
export interface RepresentativeLink {
  /** The i18n key `representative.link.<key>` and the test id `rep-link-<key>`. */
  key: string;
  path(congress: MyCongress): string;
}

/**
 * What a representative does in a term, in this order: each part of participation adds its page here with one line
 * once the page exists, e.g. `{ key: 'proposals', path: (c) => `/proposals?congressId=${c.id}` }` (and the words
 * under `representative.link` in locales/<locale>/representative.ts). Empty: the page says these are coming.
 */
export const representativeLinks: readonly RepresentativeLink[] = [
  { key: 'proposals', path: () => '/proposals' },
  { key: 'motions', path: () => '/motions' },
  { key: 'duties', path: () => '/duties' },
];
