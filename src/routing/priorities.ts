/**
 * Listener rule priorities that depend on the route alone: never on the other services, their order
 * or their number.
 *
 * Why: CloudFormation creates and updates resources before it deletes the removed ones (in its
 * cleanup phase). A priority computed from a service's place in the list moves when a service before
 * it is removed or inserted, onto a priority the deleted rule still holds, and the deploy fails with
 * "Priority ... is currently in use". So a route's priority is a pure function of the route:
 *
 * 1. Its **specificity** picks a range: rules are evaluated most specific first, so that a general
 *    route never shadows a narrower one (`/api/v2/*` before `/api/*`, an exact host before a
 *    wildcard one). Bands first (exact host and path, wildcard host and path, host only, path only),
 *    then levels within the band (exact patterns, then wildcards by how many literal characters the
 *    most general pattern has), then routes narrowed by header or method conditions before the same
 *    route without them.
 * 2. A **hash of the service's name** (and of which of its rules it is) picks the place in the range.
 *    Two routes of equal specificity never overlap unless one pattern contains the other, so their
 *    mutual order does not matter.
 *
 * Two routes on one listener that land on the same number are refused at synth time, with a free
 * number to pin on one of them (`routing.priority`): a rule of a deployed service keeps its number
 * for good, which probing for the next free number would not guarantee.
 */

import { stableHash } from '../private/stable-hash';

/** The conditions of a route that decide its place. */
export interface RouteShape {
  readonly pathPatterns: string[];
  readonly hostHeaders: string[];
  /** Whether the route also has HTTP header or method conditions (it then goes before the same route without them). */
  readonly extraConditions?: boolean;
}

/** Where computed priorities start: 1..999 stay free for explicit ones. */
export const FIRST_COMPUTED_PRIORITY = 1000;
/** The highest priority an ALB listener rule can have. */
export const MAX_PRIORITY = 50000;
/** How many literal characters count for specificity; longer patterns rank as equal. */
export const SCORED_LITERAL_LENGTH = 24;

/** The bands, most specific first. */
export enum Band {
  EXACT_HOST_AND_PATH = 0,
  WILDCARD_HOST_AND_PATH = 1,
  HOST_ONLY = 2,
  PATH_ONLY = 3,
}

/**
 * The width of each range, for routes without header or method conditions: the level of exact
 * patterns and each wildcard level. The widths follow how routes are used: host-routed services at
 * scale are exact hosts (one wide range, as they never overlap), path-routed services spread over
 * the wildcard levels of the path band. Routes with header or method conditions get an eighth.
 */
const WIDTHS: Record<Band, { exact: number; wildcard: number }> = {
  [Band.EXACT_HOST_AND_PATH]: { exact: 1000, wildcard: 240 },
  [Band.WILDCARD_HOST_AND_PATH]: { exact: 200, wildcard: 40 },
  [Band.HOST_ONLY]: { exact: 16000, wildcard: 160 },
  [Band.PATH_ONLY]: { exact: 1000, wildcard: 520 },
};
/** Levels per band: exact patterns, then wildcard patterns with 24 down to 0 literal characters. */
const LEVELS = SCORED_LITERAL_LENGTH + 2;
const EXACT_LEVEL = 0;

/** A range of priorities: `start` to `start + width - 1`. */
export interface PriorityRange {
  readonly start: number;
  readonly width: number;
}

/** The band of a route. A host with the path `/*` alone matches what the host alone matches: it is host only. */
export function band(route: RouteShape): Band {
  const paths = significantPaths(route);
  if (route.hostHeaders.length === 0) return Band.PATH_ONLY;
  if (paths.length === 0) return Band.HOST_ONLY;
  return route.hostHeaders.some(isWildcard) ? Band.WILDCARD_HOST_AND_PATH : Band.EXACT_HOST_AND_PATH;
}

/**
 * The level of a route in its band, 0 most specific: 0 when every deciding pattern is exact, else
 * 1 + (24 - the literal characters of its most general wildcard pattern). Paths count their literal
 * prefix (they match from the left), hosts every literal character (`*.api.example.com` is narrower
 * than `*.example.com`).
 */
export function level(route: RouteShape): number {
  const hosts = band(route) === Band.HOST_ONLY;
  const patterns = hosts ? route.hostHeaders : significantPaths(route);
  // no pattern at all (header or method conditions only) matches every path: the most general level
  if (patterns.length === 0) return LEVELS - 1;
  const wildcards = patterns.filter(isWildcard);
  if (wildcards.length === 0) return EXACT_LEVEL;
  const literal = Math.min(...wildcards.map(p => hosts ? p.replace(/[*?]/g, '').length : p.search(/[*?]/)));
  return 1 + SCORED_LITERAL_LENGTH - Math.min(literal, SCORED_LITERAL_LENGTH);
}

/** The range of priorities of a route's specificity. */
export function priorityRange(route: RouteShape): PriorityRange {
  const b = band(route);
  const l = level(route);
  const start = LEVEL_STARTS[b][l] + (route.extraConditions ? 0 : levelWidth(b, l, true));
  return { start, width: levelWidth(b, l, !!route.extraConditions) };
}

/** The priority of a route of `key` (the service's name and which of its rules it is): the same for the same route, always. */
export function homePriority(route: RouteShape, key: string): number {
  const range = priorityRange(route);
  return range.start + stableHash(key) % range.width;
}

/** The first priority of `range` after `priority` (wrapping to its start) that `taken` does not hold; undefined when the range is full. */
export function nextFreeIn(range: PriorityRange, priority: number, taken: (p: number) => boolean): number | undefined {
  for (let i = 1; i < range.width; i++) {
    const candidate = range.start + (priority - range.start + i) % range.width;
    if (!taken(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Whether two routes of one range can match the same request, and which is more specific: -1 when
 * `a` is, 1 when `b` is, undefined when they cannot overlap or neither is narrower. Within a range the
 * hash of the names orders them, so two such routes are checked (`Router`): `/api/*` and `/api/*\/admin`,
 * or two paths whose literal prefixes pass the 24 characters that count.
 */
export function narrowerOf(a: RouteShape, b: RouteShape): -1 | 1 | undefined {
  const hosts = band(a) === Band.HOST_ONLY;
  if (!hosts && a.hostHeaders.length > 0 && b.hostHeaders.length > 0 && !a.hostHeaders.some(h => isWildcard(h))
    && !b.hostHeaders.some(h => isWildcard(h)) && !a.hostHeaders.some(h => b.hostHeaders.map(x => x.toLowerCase()).includes(h.toLowerCase()))) {
    return undefined; // different exact hosts: never the same request
  }
  const patterns = (r: RouteShape) => (hosts ? r.hostHeaders : significantPaths(r));
  let order: -1 | 1 | undefined;
  for (const pa of patterns(a)) {
    for (const pb of patterns(b)) {
      if (pa === pb || (!isWildcard(pa) && !isWildcard(pb))) continue; // exact patterns match only themselves
      const la = literalCore(pa, hosts);
      const lb = literalCore(pb, hosts);
      // a wildcard pattern matches what extends its literal side; two wildcards overlap when one extends the other
      const extendsOf = (x: string, y: string) => (hosts ? x.endsWith(y) : x.startsWith(y));
      const related = (isWildcard(pb) && extendsOf(la, lb)) || (isWildcard(pa) && extendsOf(lb, la));
      if (!related) continue;
      const [na, nb] = [pa.replace(/[*?]/g, '').length, pb.replace(/[*?]/g, '').length];
      if (na !== nb) order ??= na > nb ? -1 : 1;
    }
  }
  return order;
}

/** What of a pattern must match literally on its anchored side: a path's prefix, a host's suffix. */
function literalCore(pattern: string, host: boolean): string {
  const p = pattern.toLowerCase();
  if (host) return p.slice(Math.max(p.lastIndexOf('*'), p.lastIndexOf('?')) + 1);
  const w = p.search(/[*?]/);
  return w === -1 ? p : p.slice(0, w);
}

/** The last priority computed ranges use. */
export function lastComputedPriority(): number {
  return LAST_COMPUTED_PRIORITY;
}

function bandWidth(b: Band): number {
  let width = 0;
  for (let l = 0; l < LEVELS; l++) width += levelWidth(b, l, true) + levelWidth(b, l, false);
  return width;
}

function levelWidth(b: Band, l: number, extraConditions: boolean): number {
  const plain = l === EXACT_LEVEL ? WIDTHS[b].exact : WIDTHS[b].wildcard;
  return extraConditions ? Math.max(10, Math.ceil(plain / 8)) : plain;
}

function significantPaths(route: RouteShape): string[] {
  return route.pathPatterns.length === 1 && route.pathPatterns[0] === '/*' && route.hostHeaders.length > 0 ? [] : route.pathPatterns;
}

function isWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Where each level of each band starts (its routes with extra conditions first), computed once: the
 * router asks for the range of every placed route at every new one.
 */
const LEVEL_STARTS: number[][] = (() => {
  const starts: number[][] = [];
  let start = FIRST_COMPUTED_PRIORITY;
  for (let b = Band.EXACT_HOST_AND_PATH; b <= Band.PATH_ONLY; b++) {
    const levels: number[] = [];
    let levelStart = start;
    for (let l = 0; l < LEVELS; l++) {
      levels.push(levelStart);
      levelStart += levelWidth(b, l, true) + levelWidth(b, l, false);
    }
    starts.push(levels);
    start += bandWidth(b);
  }
  return starts;
})();

const LAST_COMPUTED_PRIORITY = LEVEL_STARTS[Band.PATH_ONLY][0] + bandWidth(Band.PATH_ONLY) - 1;
