/**
 * Deterministic listener rule priorities, computed at synth time from how specific a rule is.
 *
 * Rules fall into bands, most specific first: exact host and path, wildcard host and path, host
 * only, then path only. Within
 * a band a rule's priority follows the specificity of its most general pattern (the literal prefix
 * before the first wildcard; an exact pattern beats a wildcard one with the same prefix). Rules of
 * equal specificity keep their declaration order. A rule's priority depends only on itself and on
 * the earlier rules of equal specificity, so adding a service never renumbers the existing ones
 * (renumbering makes CloudFormation updates collide on "priority in use").
 */

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
const BAND_WIDTH = 12000;
/**
 * How much of a literal prefix counts for specificity. Longer prefixes rank as equal (then declaration
 * order decides), which keeps room for more than 100 rules of equal specificity in every band.
 */
const SCORED_PREFIX_LENGTH = 24;
/**
 * Specificity scores run from 0 to this: a pattern scores up to twice the scored prefix plus one (exact
 * match); a route doubles that and adds one when it has header or method conditions.
 */
const MAX_SCORE = (SCORED_PREFIX_LENGTH * 2 + 1) * 2 + 1;
/** How many rules of equal specificity fit before they would overlap the next score. */
export const TIES_PER_SCORE = Math.floor((BAND_WIDTH - 1) / (MAX_SCORE + 1));

/** The specificity of one pattern: twice its literal prefix length (up to 24), plus one when it has no wildcard. */
export function patternScore(pattern: string): number {
  const wildcard = pattern.search(/[*?]/);
  const literal = wildcard === -1 ? pattern.length : wildcard;
  return Math.min(literal, SCORED_PREFIX_LENGTH) * 2 + (wildcard === -1 ? 1 : 0);
}

/** The band of a route: 0 exact host and path, 1 wildcard host and path, 2 host only, 3 path only. */
export function band(route: RouteShape): number {
  if (route.hostHeaders.length === 0) return 3;
  if (route.pathPatterns.length === 0) return 2;
  return route.hostHeaders.some(h => /[*?]/.test(h)) ? 1 : 0;
}

/**
 * The specificity of a route: that of its most general pattern in the band's deciding condition,
 * doubled, plus one when header or method conditions narrow it further (so that `/api/*` with a
 * header is evaluated before plain `/api/*`, which would otherwise shadow it).
 */
export function routeScore(route: RouteShape): number {
  const patterns = band(route) === 2 ? route.hostHeaders : route.pathPatterns;
  return Math.min(...patterns.map(patternScore)) * 2 + (route.extraConditions ? 1 : 0);
}

/**
 * The slot of a route: the first priority of its specificity. The n-th route (0-based) with the same
 * slot gets `slot + n`.
 */
export function prioritySlot(route: RouteShape): number {
  return FIRST_COMPUTED_PRIORITY + band(route) * BAND_WIDTH + (MAX_SCORE - routeScore(route)) * TIES_PER_SCORE;
}

/**
 * Allocates priorities to routes in declaration order. `explicit` priorities (by index) are kept
 * as given, and computed ones step over them.
 */
export class PriorityAllocator {
  private readonly taken = new Set<number>();
  private readonly perSlot = new Map<number, number>();

  /** Reserves an explicit priority; returns false when it is taken already. */
  public reserve(priority: number): boolean {
    if (this.taken.has(priority)) return false;
    this.taken.add(priority);
    return true;
  }

  /** Whether a priority is taken (explicitly or computed). */
  public isTaken(priority: number): boolean {
    return this.taken.has(priority);
  }

  /** The priority `allocate()` would give a route of this shape, without taking it. */
  public peek(route: RouteShape): number | undefined {
    const slot = prioritySlot(route);
    let n = this.perSlot.get(slot) ?? 0;
    while (n < TIES_PER_SCORE && this.taken.has(slot + n)) n++;
    return n >= TIES_PER_SCORE ? undefined : slot + n;
  }

  /** The next free priority for a route of this shape, or undefined when its slot is full. */
  public allocate(route: RouteShape): number | undefined {
    const priority = this.peek(route);
    if (priority === undefined) return undefined;
    this.perSlot.set(prioritySlot(route), priority - prioritySlot(route) + 1);
    this.taken.add(priority);
    return priority;
  }
}
