import type { EgressKind } from '../network/egress';

/**
 * What the monthly cost estimate assumes about usage that synthesis cannot know.
 */
export interface CostAssumptions {
  /**
   * Data the tasks exchange each month through their egress path (image pulls, log shipping, calls to
   * AWS APIs and the internet), in GB: processed by the NAT gateways, or by the interface endpoints
   * when there is no NAT. Data transfer out to the internet is not counted: it costs the same with
   * every egress choice.
   *
   * @default 100
   */
  readonly egressGbPerMonth?: number;

  /**
   * The average load balancer capacity units (LCU) used per hour. One LCU is, whichever is highest,
   * 25 new connections per second, 3,000 active connections, 1 GB of traffic per hour or 1,000 rule
   * evaluations per second.
   *
   * @default 1
   */
  readonly loadBalancerCapacityUnits?: number;

  /**
   * Log data each service writes to CloudWatch Logs each month, in GB.
   *
   * @default 1
   */
  readonly logGbPerServicePerMonth?: number;

  /**
   * Flow log data written to CloudWatch Logs each month, in GB (when the network has a flow log).
   *
   * @default 5
   */
  readonly flowLogGbPerMonth?: number;

  /**
   * Requests a month, in millions, that the managed web application firewalls inspect (all the load
   * balancers they protect together); each is logged, at about 1 KB a request.
   *
   * @default 10
   */
  readonly webRequestsMillionsPerMonth?: number;
}

/** Whether a cost comes with the network around the tasks or with the tasks themselves. */
export enum CostCategory {
  /** NAT, public IPv4 addresses, endpoints, load balancer, keys, flow logs, DNS namespace. */
  NETWORK = 'network',
  /** Fargate compute and the tasks' logs. */
  TASKS = 'tasks',
}

/** One line of a cost estimate. */
export interface CostLine {
  /** Network overhead or tasks. */
  readonly category: CostCategory;
  /** What is charged, for example `NAT gateway hours`. */
  readonly item: string;
  /** How the amount is computed, for example `2 x 730 h x $0.045`. */
  readonly quantity: string;
  /** The monthly amount in US dollars, rounded to cents. */
  readonly monthlyUsd: number;
}

/** The network overhead of one egress choice, for comparison. */
export interface EgressCostComparison {
  /** The egress choice. */
  readonly kind: EgressKind;
  /** A human description of the choice. */
  readonly description: string;
  /** Whether the tasks can reach the internet. */
  readonly internetAccess: boolean;
  /** What happens when an Availability Zone or a NAT device fails. */
  readonly availability: string;
  /** Whether the egress of the remaining Availability Zones survives the loss of one. */
  readonly survivesAzLoss: boolean;
  /** Whether you patch and replace the NAT devices yourself (NAT instances). */
  readonly needsPatching: boolean;
  /** Whether the choice runs the tasks IPv6-only (`IpStack.ipv6OnlyTasks()`), egress through the egress-only internet gateway. */
  readonly ipv6OnlyTasks: boolean;
  /** The monthly network overhead with this choice, in US dollars. */
  readonly networkMonthlyUsd: number;
  /** Network overhead plus tasks with this choice, in US dollars. */
  readonly totalMonthlyUsd: number;
  /** Whether this is the network's egress. */
  readonly current: boolean;
  /** The network overhead lines of this choice. */
  readonly lines: CostLine[];
}

/** A monthly cost estimate of a network and its tasks, at list prices. */
export interface CostEstimate {
  /** The region of the prices. */
  readonly region: string;
  /** When the prices were read (ISO date). */
  readonly pricesAsOf: string;
  /** Where the prices come from. */
  readonly priceSources: string[];
  /** The lines of the estimate, network overhead first. */
  readonly lines: CostLine[];
  /** The network overhead per month, in US dollars. */
  readonly networkMonthlyUsd: number;
  /** The tasks per month, in US dollars. */
  readonly tasksMonthlyUsd: number;
  /** Network overhead plus tasks per month, in US dollars. */
  readonly totalMonthlyUsd: number;
  /** What the estimate assumes, and what it leaves out. */
  readonly assumptions: string[];
  /** The network overhead of each egress choice, the network's own marked `current`. */
  readonly egressChoices: EgressCostComparison[];
  /**
   * The cheapest of `egressChoices` that keeps internet egress, survives the loss of an Availability
   * Zone and needs no patching.
   */
  readonly cheapestResilientChoice: EgressCostComparison;
}
