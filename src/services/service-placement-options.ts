/**
 * Which CloudFormation stack each service goes into. A stack holds at most 500 resources and a
 * routed service takes about 11 (more with auto scaling or many callers), so the network keeps its
 * first services in its own stack and places the next ones in nested stacks of a fixed size.
 *
 * Services are placed in declaration order, so adding a service never moves an existing one (moving
 * a service to another stack replaces its resources). Removing a service shifts the services declared
 * after it by one place: at each stack boundary one service moves. Review `cdk diff` before removing one.
 */
export interface ServicePlacementOptions {
  /**
   * How many services, in declaration order, go into the stack of the network itself. The service
   * that takes the listener's default action (`pathPatterns: ['/*']` alone) always goes there, as the
   * listener refers to its target group.
   *
   * @default 20
   */
  readonly servicesInNetworkStack?: number;

  /**
   * How many services each nested stack holds.
   *
   * @default 20
   */
  readonly servicesPerNestedStack?: number;
}
