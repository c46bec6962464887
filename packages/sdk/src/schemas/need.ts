/** Needs (微心愿/点单): a resident's request, claimed by volunteers. Reserved for a later issue. @module */
import * as z from 'zod/mini';
import { NeedId, RegionCode, timestamps } from './common.js';
import { Category } from './opportunity.js';

export const Need = z.object({
  id: NeedId,
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  description: z.string().check(z.maxLength(2000)),
  category: Category,
  regionCode: RegionCode,
  /** Filed by a helper on someone's behalf (e.g. an elderly neighbour). */
  filedOnBehalf: z.boolean(),
  status: z.enum(['open', 'claimed', 'fulfilled', 'withdrawn']),
  ...timestamps,
});
export type Need = z.infer<typeof Need>;
