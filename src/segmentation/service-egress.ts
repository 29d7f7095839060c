import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { EgressDestination, TaskEgress } from './task-egress';
import { TaskEgressMode } from './task-egress';
import { cidrWithin, parseCidr, PRIVATE_IPV4_RANGES } from '../network/subnet-math';
import { requireSecurityGroupDescription, RulePeerKind } from '../private/aws-values/descriptions';
import { requireEc2ResourceId } from '../private/aws-values/resource-ids';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/** What a service's egress is checked against (its rules come from its opened flows, `serviceEgressFlows`). */
export interface ServiceEgress {
  readonly prop: string;
  readonly taskEgress: TaskEgress;
  /** The service's own `httpsEgress`, if given. */
  readonly httpsEgress?: boolean;
  readonly destinations: EgressDestination[];
  readonly tasksHaveNatRoute: boolean;
  /** Whether the tasks have IPv6 (dual-stack or IPv6-only): HTTPS egress then covers `::/0` too. */
  readonly ipv6?: boolean;
  /** Whether the tasks are IPv6-only (`IpStack.ipv6OnlyTasks()`): they have no IPv4 address to send from. */
  readonly ipv6OnlyTasks?: boolean;
}

/** Checks the egress options of a service, before anything is created. */
export function validateServiceEgress(e: ServiceEgress): void {
  e.destinations.forEach((d, i) => validateDestination(`${e.prop}.egressTo[${i}]`, d, e));
  if (e.taskEgress.mode === TaskEgressMode.ALLOW_ALL && e.httpsEgress === false) {
    throw invalidProp(`${e.prop}.httpsEgress`, 'cannot be false while `taskEgress` is `TaskEgress.allowAll()`', false,
      'Choose `TaskEgress.leastPrivilege()` for the network, or remove `httpsEgress`.');
  }
}

function validateDestination(prop: string, d: EgressDestination, e: ServiceEgress): void {
  if ((d.cidr === undefined) === (d.prefixListId === undefined)) {
    throw invalidProp(prop, 'needs exactly one of `cidr` and `prefixListId`', d.cidr ?? d.prefixListId, 'Give the CIDR block or the prefix list of the destination.');
  }
  const parsed = d.cidr === undefined ? undefined : parseCidr(d.cidr);
  if (d.cidr !== undefined && !parsed) {
    throw invalidProp(`${prop}.cidr`, 'must be an IPv4 CIDR block', d.cidr, 'Use for example `203.0.113.0/24` or `198.51.100.7/32`.');
  }
  if (parsed && e.ipv6OnlyTasks) {
    throw invalidProp(`${prop}.cidr`, 'is an IPv4 range, but the tasks are IPv6-only (`IpStack.ipv6OnlyTasks()`): they have no IPv4 address, so the rule ' +
      'would never match (through NAT64 they reach an IPv4 host at its IPv6 address in `64:ff9b::/96`)', d.cidr,
    'Use `ipStack: IpStack.dualStack()` for tasks that reach IPv4 destinations, or give a managed prefix list of the destination\'s IPv6 ranges (`prefixListId`).');
  }
  requireEc2ResourceId(`${prop}.prefixListId`, 'pl', d.prefixListId, 'a prefix list ID');
  // the description goes on the rule as written: a rule to a prefix list takes no `&`
  requireSecurityGroupDescription(`${prop}.description`, d.description, d.cidr !== undefined ? RulePeerKind.CIDR : RulePeerKind.GROUP_OR_PREFIX_LIST);
  requireIntegerInRange(`${prop}.port`, d.port, 1, 65535);
  requireIntegerInRange(`${prop}.toPort`, d.toPort, d.port, 65535, 'Give a `toPort` at or above `port`, or leave it out for one port.');
  if (d.protocol !== undefined && d.protocol !== ec2.Protocol.TCP && d.protocol !== ec2.Protocol.UDP) {
    throw invalidProp(`${prop}.protocol`, 'must be TCP or UDP', d.protocol, 'Use `ec2.Protocol.TCP` or `ec2.Protocol.UDP`.');
  }
  if (parsed && !e.tasksHaveNatRoute && !PRIVATE_IPV4_RANGES.some(range => cidrWithin(parsed, parseCidr(range)!))) {
    throw invalidProp(`${prop}.cidr`, 'is an internet address range, but the tasks have no NAT route to reach it', d.cidr,
      'Choose an egress with NAT, or a private destination (reached through the VPC, peering, a transit gateway or a VPN).');
  }
}

