import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { cidrWithin, parseCidr, PRIVATE_IPV4_RANGES } from '../network/subnet-math';
import { invalidProp, requireIntegerInRange } from '../private/validation';

/**
 * An address range a service may send to, beyond its declared calls and the VPC endpoints: for
 * example a partner's API, a database outside the VPC, or an internet service on a port other than 443.
 */
export interface EgressDestination {
  /**
   * The IPv4 CIDR block of the destination, for example `203.0.113.0/24`. Give `cidr` or `prefixListId`.
   *
   * @default - `prefixListId`
   */
  readonly cidr?: string;

  /**
   * A managed prefix list of the destination, for example `pl-0123456789abcdef0`. Give `cidr` or `prefixListId`.
   *
   * @default - `cidr`
   */
  readonly prefixListId?: string;

  /** The first port (1 to 65535). */
  readonly port: number;

  /**
   * The last port of a range, at or above `port`.
   *
   * @default - `port` alone
   */
  readonly toPort?: number;

  /**
   * The protocol.
   *
   * @default ec2.Protocol.TCP
   */
  readonly protocol?: ec2.Protocol;

  /**
   * Why the service needs it, for the rule's description and the report.
   *
   * @default - "declared destination"
   */
  readonly description?: string;
}

/** The modes of `TaskEgress`. */
export enum TaskEgressMode {
  /** Each task sends only to what it needs (declared calls, endpoints, HTTPS, declared destinations). */
  LEAST_PRIVILEGE = 'leastPrivilege',
  /** Each task may send anything to any address its route tables reach. */
  ALLOW_ALL = 'allowAll',
}

/** Options of `TaskEgress.leastPrivilege()`. */
export interface LeastPrivilegeEgressOptions {
  /**
   * HTTPS (TCP 443) to any address. Tasks reach Amazon ECR, CloudWatch Logs and other AWS APIs over
   * HTTPS, through NAT when there are no interface endpoints, and image layers from Amazon S3 through
   * the gateway endpoint, whose address ranges CloudFormation cannot name; without a NAT route, HTTPS
   * reaches only AWS services. A service can turn it off for itself (`ServiceOptions.httpsEgress`).
   *
   * @default true
   */
  readonly https?: boolean;
}

/**
 * What the tasks' security groups let out. Least privilege by default: a compromised task reaches
 * only what its service declared, not every address and port its route table reaches.
 */
export class TaskEgress {
  /**
   * Each service's security group allows outbound only to its declared callees (their ports), the VPC
   * endpoints (443), HTTPS to any address unless turned off, and the destinations it declares
   * (`ServiceOptions.egressTo`).
   */
  public static leastPrivilege(options: LeastPrivilegeEgressOptions = {}): TaskEgress {
    return new TaskEgress(TaskEgressMode.LEAST_PRIVILEGE, options.https ?? true);
  }

  /** Every task may send anything to any address that its route table reaches (the aws-cdk-lib default). */
  public static allowAll(): TaskEgress {
    return new TaskEgress(TaskEgressMode.ALLOW_ALL, true);
  }

  /** The mode. */
  public readonly mode: TaskEgressMode;
  /** Whether tasks may send HTTPS to any address (always true with `allowAll()`). */
  public readonly https: boolean;

  private constructor(mode: TaskEgressMode, https: boolean) {
    this.mode = mode;
    this.https = https;
  }
}

/** What a service's egress rules are built from. */
export interface ServiceEgress {
  readonly prop: string;
  readonly securityGroup: ec2.SecurityGroup;
  readonly taskEgress: TaskEgress;
  /** The service's own `httpsEgress`, if given. */
  readonly httpsEgress?: boolean;
  readonly destinations: EgressDestination[];
  readonly tasksHaveNatRoute: boolean;
}

/** Validates and adds the egress rules of a service with least-privilege egress (nothing for `allowAll()`). */
export function addServiceEgress(e: ServiceEgress): void {
  e.destinations.forEach((d, i) => validateDestination(`${e.prop}.egressTo[${i}]`, d, e));
  if (e.taskEgress.mode === TaskEgressMode.ALLOW_ALL) {
    if (e.httpsEgress === false) {
      throw invalidProp(`${e.prop}.httpsEgress`, 'cannot be false while `taskEgress` is `TaskEgress.allowAll()`', false,
        'Choose `TaskEgress.leastPrivilege()` for the network, or remove `httpsEgress`.');
    }
    return;
  }
  if (e.httpsEgress ?? e.taskEgress.https) {
    e.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
      e.tasksHaveNatRoute ? 'HTTPS to AWS APIs, ECR and S3 (through NAT or the S3 gateway) and internet services'
        : 'HTTPS to AWS services (no NAT route: the S3 gateway and VPC endpoints only)');
  }
  for (const d of e.destinations) {
    const peer = d.cidr !== undefined ? ec2.Peer.ipv4(d.cidr) : ec2.Peer.prefixList(d.prefixListId!);
    e.securityGroup.addEgressRule(peer, portOf(d), d.description ?? 'declared destination');
  }
}

function portOf(d: EgressDestination): ec2.Port {
  const udp = d.protocol === ec2.Protocol.UDP;
  const to = d.toPort ?? d.port;
  if (to === d.port) return udp ? ec2.Port.udp(d.port) : ec2.Port.tcp(d.port);
  return udp ? ec2.Port.udpRange(d.port, to) : ec2.Port.tcpRange(d.port, to);
}

function validateDestination(prop: string, d: EgressDestination, e: ServiceEgress): void {
  if ((d.cidr === undefined) === (d.prefixListId === undefined)) {
    throw invalidProp(prop, 'needs exactly one of `cidr` and `prefixListId`', d.cidr ?? d.prefixListId, 'Give the CIDR block or the prefix list of the destination.');
  }
  const parsed = d.cidr === undefined ? undefined : parseCidr(d.cidr);
  if (d.cidr !== undefined && !parsed) {
    throw invalidProp(`${prop}.cidr`, 'must be an IPv4 CIDR block', d.cidr, 'Use for example `203.0.113.0/24` or `198.51.100.7/32`.');
  }
  if (d.prefixListId !== undefined && !/^pl-[0-9a-f]{8,17}$/.test(d.prefixListId)) {
    throw invalidProp(`${prop}.prefixListId`, 'must be a prefix list id', d.prefixListId, 'Use for example `pl-0123456789abcdef0`.');
  }
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

