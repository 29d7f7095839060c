import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import type { SidecarOptions } from './container-options';

/** The id of the warning, which `Annotations.of(network).acknowledgeWarning(...)` silences. */
export const CONTAINER_USER_WARNING = 'ecs-advanced-network:containerUser';

/** How many containers the warning names before it counts the rest. */
const NAMED = 20;

/** What the check reads of a service: its name and the `user` of its containers. */
export interface ServiceUsers {
  readonly serviceName: string;
  readonly user?: string;
  readonly sidecars: SidecarOptions[];
}

/** The containers that do not set `user`: `service` for the application container, `service/sidecar` for a sidecar. */
export function containersWithoutUser(services: ServiceUsers[]): string[] {
  return services.flatMap(s => [
    ...(s.user === undefined ? [s.serviceName] : []),
    ...s.sidecars.filter(c => c.user === undefined).map(c => `${s.serviceName}/${c.name}`),
  ]);
}

/** The warning for `containers`, naming the first 20. */
export function containerUserWarning(containers: string[]): string {
  const named = containers.slice(0, NAMED).join(', ') + (containers.length > NAMED ? ` and ${containers.length - NAMED} more` : '');
  return `${containers.length} container(s) set no \`user\` (${named}): they run as their image's USER, which is root for many ` +
    'images (AWS Control Tower CT.ECS.PR.3 expects non-root containers). Give each a `user`, for example `user: \'1000\'` or the ' +
    'image\'s non-root user (`101` for nginx-unprivileged); an image that must run as root takes `user: \'root\'`, which warns for ' +
    `that service alone. To accept the images' users in the whole network: Annotations.of(network).acknowledgeWarning('${CONTAINER_USER_WARNING}', '<reason>').`;
}

/**
 * One warning per network, not one per service (a network of 300 services would print 300): added at
 * synthesis, once every service is added, under the network, where one acknowledgement silences it.
 */
export class ContainerUserCheck extends Construct {
  /** The check of `network`, created with its first service. */
  public static of(network: IConstruct, services: () => ServiceUsers[]): ContainerUserCheck {
    return (network.node.tryFindChild(ContainerUserCheck.ID) as ContainerUserCheck | undefined)
      ?? new ContainerUserCheck(network, services);
  }

  private static readonly ID = 'ContainerUserCheck';

  private constructor(network: IConstruct, services: () => ServiceUsers[]) {
    super(network, ContainerUserCheck.ID);
    network.node.addValidation({
      validate: () => {
        const containers = containersWithoutUser(services());
        // on this child of the network: an acknowledgement covers the constructs below its scope
        if (containers.length > 0) Annotations.of(this).addWarningV2(CONTAINER_USER_WARNING, containerUserWarning(containers));
        return [];
      },
    });
  }
}
