import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { RoutingOptions } from '../routing/routing-options';

/**
 * A named port of a service beside its main `containerPort`: an admin or metrics port, or a port of a
 * sidecar. By default it stays inside the task (other containers reach it on `localhost`); `routing`
 * puts it behind the load balancer with its own target group and rule, and `discoverable` publishes it
 * through Service Connect so that other services can declare calls to it (`connectsTo: ['orders:admin']`).
 */
export interface NamedPortOptions {
  /**
   * The port's name, unique in the service and not the service name: a DNS label. It names the port
   * mapping, and, when `discoverable`, the Service Connect name `<discoveryName>-<name>`.
   */
  readonly name: string;

  /** The port the container listens on (1 to 65535, unique in the task). */
  readonly containerPort: number;

  /**
   * The container that listens on the port: the service name or a sidecar's `name`.
   *
   * @default - the application container
   */
  readonly containerName?: string;

  /**
   * How the load balancer routes requests to this port (its own target group and listener rule).
   *
   * @default - not routed
   */
  readonly routing?: RoutingOptions;

  /**
   * Whether other services of the network can call this port: published through Service Connect as
   * `<discoveryName>-<name>:<containerPort>`. Needs the service's `discovery` to be
   * `Discovery.serviceConnect()` (a Cloud Map service registers one port).
   *
   * @default false
   */
  readonly discoverable?: boolean;

  /**
   * The application protocol, which lets Service Connect collect per-request metrics.
   *
   * @default - TCP (no application protocol)
   */
  readonly appProtocol?: ecs.AppProtocol;
}
