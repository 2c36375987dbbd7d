import { GridError, type LocationInfo } from '../../domain';
import type { RequestContext } from '../types';

/** The location a per-location report is asked for; a clear error when none was named. */
export function requiredLocation(ctx: RequestContext, what: string, example: string): LocationInfo {
  if (!ctx.location) throw new GridError('BAD_REQUEST', `${what} is fetched one location at a time; name a location such as ${example}.`);
  return ctx.location;
}

/** The numeric id among a location's name and aliases (PJM pnode id, ISO-NE LocId), for APIs asked by id. */
export function numericAlias(location: LocationInfo): string | undefined {
  return [location.name, ...(location.aliases ?? [])].map((a) => a.trim()).find((a) => /^\d+$/.test(a));
}
