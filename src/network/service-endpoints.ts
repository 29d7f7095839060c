import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { NetworkEndpoints } from './endpoints';
import { invalidProp } from '../private/validation';

/** What a service uses that needs an interface endpoint when its tasks have no NAT route. */
export interface EndpointNeeds {
  readonly secrets?: { [name: string]: ecs.Secret };
  readonly enableExecuteCommand?: boolean;
}

/** How the network provides the endpoints its services need. */
export interface EndpointSupply {
  readonly endpoints: NetworkEndpoints;
  /** Whether the network creates the endpoints its services need (`endpoints.serviceEndpoints`). */
  readonly serviceEndpoints: boolean;
  readonly tasksHaveNatRoute: boolean;
}

/** The interface endpoints a service needs, and why. */
export function endpointsNeeded(needs: EndpointNeeds): { service: ec2.InterfaceVpcEndpointAwsService; why: string }[] {
  const needed: { service: ec2.InterfaceVpcEndpointAwsService; why: string }[] = [];
  const secrets = Object.values(needs.secrets ?? {});
  // ecs.Secret.fromSsmParameter() has no `hasField`; the Secrets Manager factories always set it.
  if (secrets.some(s => s.hasField === undefined)) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SSM, why: 'SSM parameter secrets' });
  if (secrets.some(s => s.hasField !== undefined)) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, why: 'Secrets Manager secrets' });
  if (needs.enableExecuteCommand) needed.push({ service: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES, why: 'ECS Exec' });
  return needed;
}

/**
 * Creates the endpoints a service needs (with `endpoints.serviceEndpoints` on), or throws when its
 * tasks could not reach one of them.
 */
export function requireServiceEndpoints(prop: string, needs: EndpointNeeds, supply: EndpointSupply): void {
  for (const n of endpointsNeeded(needs)) {
    if (supply.serviceEndpoints) {
      supply.endpoints.require(n.service);
    } else if (!supply.tasksHaveNatRoute && !supply.endpoints.has(n.service.shortName)) {
      throw invalidProp(`${prop}`, `uses ${n.why}, but its tasks have no NAT route and no \`${n.service.shortName}\` endpoint`, n.service.shortName,
        'Turn `endpoints.serviceEndpoints` on, or list the endpoint in `endpoints.additionalServices`.');
    }
  }
}
