import { checkProps, optional, T } from '../private/prop-types';

/**
 * Options for `IpStack.ipv6OnlyTasks()`.
 */
export interface Ipv6OnlyTasksOptions {
  /**
   * Whether the task subnets get DNS64 and a NAT64 route (`64:ff9b::/96`) to the NAT gateway of their
   * zone, so that IPv6-only tasks can reach IPv4-only destinations (and pull images from registries
   * without IPv6). Needs an `egress` with NAT gateways (per AZ, single or regional); NAT instances do
   * not translate NAT64.
   *
   * @default false
   */
  readonly nat64?: boolean;
}

/**
 * The IP stacks of `IpStack`.
 */
export enum IpStackKind {
  /** IPv4 only. */
  IPV4_ONLY = 'ipv4Only',
  /** A dual-stack VPC; tasks with an IPv4 and an IPv6 address. */
  DUAL_STACK = 'dualStack',
  /** A dual-stack VPC; tasks in IPv6-only subnets. */
  IPV6_ONLY_TASKS = 'ipv6OnlyTasks',
}

/**
 * The IP addressing of the network, beside `egress`.
 *
 * | choice | VPC | tasks | to the internet | load balancer |
 * |---|---|---|---|---|
 * | `IpStack.ipv4Only()` | IPv4 | IPv4 | through `egress` | `ipv4` |
 * | `IpStack.dualStack()` | IPv4 + Amazon-provided IPv6 /56 | IPv4 + IPv6 | IPv4 through `egress`, IPv6 through the free egress-only internet gateway | `dualstack` |
 * | `IpStack.ipv6OnlyTasks()` | IPv4 + Amazon-provided IPv6 /56 | IPv6 only | IPv6 through the egress-only internet gateway; IPv4 only with `nat64` | `dualstack`, IPv6 target groups |
 */
export class IpStack {
  /** IPv4 only, as before IPv6: the default. */
  public static ipv4Only(): IpStack {
    return new IpStack(IpStackKind.IPV4_ONLY, 'IPv4 only', false, false);
  }

  /**
   * A dual-stack VPC with an Amazon-provided IPv6 block: every subnet gets a /64, the private subnets
   * route `::/0` to an egress-only internet gateway (free, regional, outbound only), and tasks get an
   * IPv6 address beside their IPv4 one (Fargate needs the `dualStackIPv6` ECS account setting on).
   * IPv4 keeps going through `egress`. The load balancer becomes dual-stack by default.
   */
  public static dualStack(): IpStack {
    return new IpStack(IpStackKind.DUAL_STACK, 'dual-stack (IPv4 and IPv6)', true, false);
  }

  /**
   * Tasks in IPv6-only subnets of a dual-stack VPC: no IPv4 address to pay for or run out of, egress
   * to the IPv6 internet through the free egress-only internet gateway. What it requires:
   * - images pulled over IPv6: from ECR through its dual-stack URI
   *   (`<account>.dkr-ecr.<region>.on.aws/<repository>:<tag>`; ECR's dual-stack endpoints do not work
   *   over PrivateLink, so the tasks reach them through the egress-only internet gateway), or with
   *   `nat64` from any registry; any other image is a synth error;
   * - a dual-stack load balancer with IPv6 target groups (the default here; `ipv4` is a synth error);
   * - a VPC the network creates (it adds the IPv6-only subnets).
   */
  public static ipv6OnlyTasks(options: Ipv6OnlyTasksOptions = {}): IpStack {
    checkProps('IpStack.ipv6OnlyTasks(options)', options, 'Ipv6OnlyTasksOptions', { nat64: optional(T.boolean) });
    const nat64 = options.nat64 ?? false;
    return new IpStack(IpStackKind.IPV6_ONLY_TASKS, `IPv6-only tasks${nat64 ? ' with DNS64 and NAT64' : ''}`, true, nat64);
  }

  /** Which choice this is. */
  public readonly kind: IpStackKind;
  /** A human description of the choice. */
  public readonly description: string;
  /** Whether the VPC has IPv6 (dual-stack). */
  public readonly ipv6: boolean;
  /** Whether IPv6-only tasks reach IPv4 destinations through DNS64 and NAT64. */
  public readonly nat64: boolean;

  private constructor(kind: IpStackKind, description: string, ipv6: boolean, nat64: boolean) {
    this.kind = kind;
    this.description = description;
    this.ipv6 = ipv6;
    this.nat64 = nat64;
  }

  /**
   * Whether the tasks run in IPv6-only subnets.
   * @internal
   */
  public get _ipv6OnlyTasks(): boolean {
    return this.kind === IpStackKind.IPV6_ONLY_TASKS;
  }
}
