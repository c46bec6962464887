/**
 * A server's first seconds were its slowest: each pooled connection starts with empty catalogue
 * caches and none of its prepared statements, and V8 runs the read paths unoptimised, so a burst
 * of readers met a server several times slower than it is a few seconds later (docs/architecture.md,
 * "Warm before listening"). Before an instance listens, this asks the public reads the questions
 * readers ask most (each list sort with and without filters, the honor board's scopes and periods),
 * as many at once as the database has connections, so every connection answers some.
 */
import type { ListOpportunitiesFilters } from '@volunteerkit/sdk/schemas';
import type { Database } from '../db/database.js';
import { warmUpSample } from '../db/queries.js';
import { honorBoard, listOpportunities } from './reads.js';

/** Questions per connection: enough for V8 to optimise the read paths (measured in docs/architecture.md). */
export const WARM_UP_ROUNDS = 12;

type Question = (db: Database, channelId: string, now: Date) => Promise<unknown>;

function questions(sample: { category: string; region_code: string; title: string }): Question[] {
  const words = [...sample.title.replace(/\s/g, '')];
  const city = sample.region_code.slice(0, 4);
  const filters: ListOpportunitiesFilters[] = [
    {}, { category: sample.category as ListOpportunitiesFilters['category'] }, { regionCode: city },
    { hasOpenSlots: true }, { q: words.slice(0, 2).join('') }, { q: words.slice(0, 3).join('') },
  ];
  const lists = (['startsAt', 'newest', 'spotsLeft'] as const).flatMap((sort) =>
    filters.map((f): Question => (db, channelId, now) => listOpportunities(db, channelId, { ...f, sort, limit: 10 }, now)));
  const boards = (['platform', `region:${city}`] as const).flatMap((scope) =>
    (['week', 'month', 'year', 'all'] as const).map((period): Question => (db, channelId, now) =>
      honorBoard(db, channelId, { scope, period, metric: period === 'year' ? 'points' : 'hours' }, now)));
  return [...lists, ...boards];
}

/** Asks `rounds` questions on each connection; returns how many were asked (0 on a database with nothing listed). */
export async function warmUp(db: Database, now: Date, rounds = WARM_UP_ROUNDS): Promise<number> {
  const sample = await warmUpSample(db);
  if (!sample) return 0;
  const asked = questions(sample);
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    await Promise.all(Array.from({ length: db.connections }, () => asked[n++ % asked.length]!(db, sample.channel_id, now)));
  }
  return n;
}
