import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { checkProps, optional, T } from '../private/prop-types';

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
    checkProps('TaskEgress.leastPrivilege(options)', options, 'LeastPrivilegeEgressOptions', { https: optional(T.boolean) });
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
