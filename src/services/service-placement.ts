import type { ServicePlacementOptions } from './service-placement-options';
import { stableHash } from '../private/stable-hash';
import { requireIntegerInRange } from '../private/validation';

/** The most nested stacks a network creates: each is one resource of the network's stack. */
export const MAX_NESTED_STACKS = 200;

/** The placement options with their defaults applied. */
export interface ResolvedPlacement {
  readonly nestedStacks: number;
}

/** Applies the defaults and checks the options. */
export function resolvePlacement(options: ServicePlacementOptions = {}): ResolvedPlacement {
  const placement = { nestedStacks: options.nestedStacks ?? 0 };
  requireIntegerInRange('servicePlacement.nestedStacks', placement.nestedStacks, 0, MAX_NESTED_STACKS,
    'Spread the services over at most 200 nested stacks, about 30 routed services each; 0 keeps them in the network\'s stack.');
  return placement;
}

/** Checks a service's `nestedStack`. */
export function validateNestedStack(prop: string, nestedStack: number | undefined): void {
  if (nestedStack === undefined) return;
  requireIntegerInRange(prop, nestedStack, 0, MAX_NESTED_STACKS,
    'Name a nested stack from 1 to 200, or 0 for the network\'s stack.');
}

/**
 * Where a service goes: undefined for the network's stack, else the 1-based number of its nested
 * stack. A function of the service alone (its name and its own options) and of `nestedStacks`.
 */
export function placementOf(name: string, takesDefaultAction: boolean, nestedStack: number | undefined, p: ResolvedPlacement): number | undefined {
  // the listener's default action refers to this service's target group: it stays beside the listener
  if (takesDefaultAction) return undefined;
  const chosen = nestedStack ?? (p.nestedStacks === 0 ? 0 : 1 + stableHash(name) % p.nestedStacks);
  return chosen === 0 ? undefined : chosen;
}
