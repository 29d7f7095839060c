import { Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { parseCidr } from './subnet-math';
import { invalidProp } from '../private/validation';

/** AWS reserves the first four and the last address of every subnet. */
const RESERVED_PER_SUBNET = 5;
/** Free addresses AWS asks for in each subnet of a load balancer, so that it can scale out. */
const LOAD_BALANCER_ADDRESSES = 8;

/** The CIDR block of a subnet, or undefined for an imported subnet whose block was not given (aws-cdk-lib throws then). */
function cidrOf(subnet: ec2.ISubnet): string | undefined {
  try {
    return subnet.ipv4CidrBlock;
  } catch {
    return undefined;
  }
}

/** What takes addresses in the task subnets. */
export interface SubnetDemand {
  /** The prop that sizes the task subnets, for the message. */
  readonly prop: string;
  /** The task subnets, one or more per Availability Zone. */
  readonly subnets: ec2.ISubnet[];
  /** The most tasks that run at once: each service's desired (or scaled) count times its maximum healthy percent. */
  readonly peakTasks: number;
  /** Interface endpoints, each with one network interface in every task subnet. */
  readonly interfaceEndpoints: number;
  /** How many internal load balancers have their nodes in the task subnets. */
  readonly loadBalancersInTaskSubnets: number;
}

/**
 * The error when the tasks at their peak (during a deployment, or scaled out) would not find an address:
 * every task has a network interface of its own in awsvpc mode, and tasks are spread evenly over the
 * Availability Zones. Skipped when a subnet's size is unknown at synth time.
 */
export function subnetCapacityError(d: SubnetDemand): string | undefined {
  const byAz = new Map<string, number>();
  for (const s of d.subnets) {
    const block = cidrOf(s);
    const cidr = block === undefined || Token.isUnresolved(block) ? undefined : parseCidr(block);
    if (!cidr) return undefined;
    const usable = 2 ** (32 - cidr.mask) - RESERVED_PER_SUBNET - d.interfaceEndpoints - d.loadBalancersInTaskSubnets * LOAD_BALANCER_ADDRESSES;
    byAz.set(s.availabilityZone, (byAz.get(s.availabilityZone) ?? 0) + Math.max(0, usable));
  }
  if (byAz.size === 0) return undefined;
  const perAz = Math.ceil(d.peakTasks / byAz.size);
  const smallest = Math.min(...byAz.values());
  if (perAz <= smallest) return undefined;
  return invalidProp(d.prop, `leaves ${smallest} free addresses per Availability Zone for tasks, but the services run up to ` +
      `${d.peakTasks} tasks at once (${perAz} per zone: desired or scaled counts times \`maxHealthyPercent\` during a deployment, one network interface each)`,
  `${smallest} free addresses per zone`, 'Use larger task subnets (for a new VPC, a smaller `subnets.privateCidrMask`), more Availability Zones, or fewer tasks.').message;
}
