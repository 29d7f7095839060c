/**
 * Which CloudFormation stack each service goes into. A stack holds at most 500 resources and a
 * routed service takes about 11 (more with auto scaling or many callers), so a network of more than
 * about 30 services spreads them over nested stacks.
 *
 * A service's stack depends on the service alone: the nested stack its name hashes to (or the one it
 * names with `nestedStack`), never its place in the list or the other services. So adding, removing,
 * reordering or renaming services never moves another one (a moved service would be a new ECS service
 * under the same Service Connect name, which ECS refuses while the old one exists).
 */
export interface ServicePlacementOptions {
  /**
   * How many nested stacks hold the services: each service goes into the one its name hashes to, or
   * the one its `nestedStack` names. 0 keeps every service in the network's stack.
   *
   * Choose it before the first deploy, for the size you expect (about 30 routed services per nested
   * stack; a nested stack holds at most 500 resources): changing it moves most services, which does not
   * deploy. When the nested stacks fill up, give new services a `nestedStack` above this number.
   *
   * @default 0
   */
  readonly nestedStacks?: number;
}
