import type { ServicePlacementOptions } from './service-placement-options';
import { requireIntegerInRange } from '../private/validation';


/** The placement options with their defaults applied. */
export interface ResolvedPlacement {
  readonly servicesInNetworkStack: number;
  readonly servicesPerNestedStack: number;
}

/** Applies the defaults and checks the options. */
export function resolvePlacement(options: ServicePlacementOptions = {}): ResolvedPlacement {
  const placement = {
    servicesInNetworkStack: options.servicesInNetworkStack ?? 20,
    servicesPerNestedStack: options.servicesPerNestedStack ?? 20,
  };
  requireIntegerInRange('servicePlacement.servicesInNetworkStack', placement.servicesInNetworkStack, 0, 1000,
    'Keep it low enough for the network stack to stay under 500 resources (about 11 per routed service, plus 45 for the network).');
  requireIntegerInRange('servicePlacement.servicesPerNestedStack', placement.servicesPerNestedStack, 1, 40,
    'A nested stack holds at most 500 resources: about 11 per routed service, more with auto scaling and callers.');
  return placement;
}

/**
 * Where the next service goes, given how many services the network stack and the nested stacks hold
 * already: undefined for the network's stack, else the 0-based index of the nested stack.
 */
export function nextPlacement(inNetworkStack: number, inNestedStacks: number, takesDefaultAction: boolean, p: ResolvedPlacement): number | undefined {
  if (takesDefaultAction || inNetworkStack < p.servicesInNetworkStack) return undefined;
  return Math.floor(inNestedStacks / p.servicesPerNestedStack);
}
