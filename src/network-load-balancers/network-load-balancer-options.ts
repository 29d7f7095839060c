import type { Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { checkPropType, T } from '../private/prop-types';
import type { IngressAccess } from '../routing/ingress-access';

/**
 * The fixed public addresses of an internet-facing Network Load Balancer: one Elastic IP address per
 * Availability Zone, which partners can allow-list.
 */
export class ElasticIps {
  /** The network allocates one Elastic IP address per Availability Zone (kept when the load balancer is deleted). */
  public static allocate(): ElasticIps {
    return new ElasticIps(undefined);
  }

  /** Addresses you allocated: one allocation id (`eipalloc-...`) per Availability Zone of the network, in the order of the zones. */
  public static fromAllocationIds(allocationIds: string[]): ElasticIps {
    checkPropType('ElasticIps.fromAllocationIds(allocationIds)', allocationIds, T.arrayOf(T.string));
    return new ElasticIps([...allocationIds]);
  }

  private constructor(
    /** @internal */ public readonly _allocationIds: string[] | undefined,
  ) {}
}

/** Publishing an internal Network Load Balancer as a VPC endpoint service (AWS PrivateLink). */
export interface EndpointServiceOptions {
  /**
   * The principals (accounts, roles, users) that may create endpoints to the service, for example
   * `new iam.ArnPrincipal('arn:aws:iam::123456789012:root')`.
   *
   * @default - none: nobody can connect until principals are allowed
   */
  readonly allowedPrincipals?: iam.ArnPrincipal[];

  /**
   * Whether each endpoint connection waits for your acceptance.
   *
   * @default true
   */
  readonly acceptanceRequired?: boolean;
}

/** A Network Load Balancer of the network, which services reach through `networkListeners`. */
export interface NetworkLoadBalancerOptions {
  /**
   * The name services use in `networkListeners`: a DNS label, unique among the network's Network Load Balancers.
   */
  readonly name: string;

  /**
   * Whether it faces the internet (in the public subnets) or is internal (in the task subnets).
   *
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * Who may connect to its listeners (its security group's inbound rules).
   *
   * @default - any IPv4 address when internet-facing; the VPC CIDR when internal
   */
  readonly ingressPeers?: ec2.IPeer[];

  /**
   * Whether each node spreads connections over the tasks of every Availability Zone (inter-AZ data is
   * charged) or of its own zone only.
   *
   * @default true
   */
  readonly crossZoneEnabled?: boolean;

  /**
   * Fixed public addresses, one Elastic IP per Availability Zone (internet-facing only).
   *
   * @default - addresses that AWS assigns and may change
   */
  readonly elasticIps?: ElasticIps;

  /**
   * Puts the HTTP routes of the network's first Application Load Balancer of this access behind this
   * Network Load Balancer: one TCP listener forwarding to the Application Load Balancer's routing
   * listener, on 443 when it serves HTTPS (its port 80 only redirects, and is not forwarded), else on
   * 80, for fixed addresses in front of path and host routing.
   *
   * @default - none
   */
  readonly forwardToApplicationLoadBalancer?: IngressAccess;

  /**
   * Publishes it as a VPC endpoint service, for consumers in other VPCs and accounts (internal only).
   *
   * @default - not published
   */
  readonly endpointService?: EndpointServiceOptions;

  /**
   * Whether deletion protection is on (set it to false and deploy before deleting the stack).
   *
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** The health check of a Network Load Balancer target group. */
export interface NetworkLoadBalancerHealthCheckOptions {
  /**
   * How the load balancer checks a task: `elbv2.Protocol.TCP` (a connection to the port),
   * `elbv2.Protocol.HTTP` or `elbv2.Protocol.HTTPS` (a request to `path`).
   *
   * @default elbv2.Protocol.TCP
   */
  readonly protocol?: elbv2.Protocol;

  /**
   * The HTTP(S) path requested (HTTP and HTTPS checks only).
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * The TCP port checked; required for a UDP listener (the load balancer checks UDP targets over
   * TCP, on a port the task answers on).
   *
   * @default - the traffic port (TCP, TCP_UDP and TLS listeners)
   */
  readonly port?: number;

  /**
   * The time between two checks (5 to 300 seconds).
   *
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;

  /**
   * Consecutive results that change a target's health (2 to 10).
   *
   * @default 2
   */
  readonly thresholdCount?: number;
}

/** A listener of a Network Load Balancer that forwards to the service's tasks. */
export interface NetworkListenerOptions {
  /** The `name` of one of the network's `networkLoadBalancers`. */
  readonly loadBalancer: string;

  /** The port the listener takes connections on (1 to 65535). */
  readonly port: number;

  /**
   * The protocol of the listener: `elbv2.Protocol.TCP` and `elbv2.Protocol.UDP` pass through to the
   * task (UDP always with the client's address), `elbv2.Protocol.TCP_UDP` takes both on one port, and
   * `elbv2.Protocol.TLS` ends TLS at the load balancer with `certificate`.
   *
   * @default elbv2.Protocol.TCP
   */
  readonly protocol?: elbv2.Protocol;

  /**
   * The port of the task the listener forwards to.
   *
   * @default - the service's `containerPort`
   */
  readonly containerPort?: number;

  /**
   * The certificate of a TLS listener (required for `elbv2.Protocol.TLS`).
   *
   * @default - none
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The TLS policy of a TLS listener.
   *
   * @default elbv2.SslPolicy.TLS13_12_RES_PQ (TLS 1.3 and 1.2 with AEAD ciphers only, no CBC; hybrid post-quantum key exchange)
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * Whether a TLS listener opens a new TLS connection to the task (target group protocol TLS), so
   * that the hop inside the VPC is encrypted too; the task serves TLS on its port, with any
   * certificate (the load balancer does not verify it). TLS listeners only.
   *
   * @default false (TLS ends at the load balancer; TCP to the task)
   */
  readonly tlsToTargets?: boolean;

  /**
   * The health check of the target group.
   *
   * @default - TCP to the traffic port, every 10 s, 2 to change
   */
  readonly healthCheck?: NetworkLoadBalancerHealthCheckOptions;

  /**
   * Whether the task sees the client's address as the source (TCP and TLS; UDP always preserves it).
   * The task admits the load balancer's security group either way.
   *
   * @default false
   */
  readonly preserveClientIp?: boolean;

  /**
   * How long the load balancer drains a deregistering task (0 to 3600 seconds).
   *
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;
}
