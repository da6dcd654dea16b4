import type { z } from 'zod';
import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import type { openPublicityBody } from './awards.schemas.js';
import { openPublicity } from './awards.service.js';

/**
 * The public vote of an award selection: a poll of the polls part, opened through its exported use cases. Until that
 * part is merged a selection has no vote (`poll_id` stays null) and the publicity takes the approved nominations.
 */
export function openPublicityWithVotes(
  ctx: AppContext,
  principal: StaffPrincipal,
  selectionId: string,
  input: z.infer<typeof openPublicityBody>,
) {
  return openPublicity(ctx, principal, selectionId, input, async () => new Map<string, number>());
}
