import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { NetworkLoadBalancerParts } from './network-load-balancer-parts';
import type { ConditionalAcknowledgement } from '../private/acknowledge';

/** One listener of a Network Load Balancer. */
export interface NetworkListenerSummary {
  /** The listener port. */
  readonly port: number;
  /** The listener protocol. */
  readonly protocol: elbv2.Protocol;
  /** The service it forwards to, or `application load balancer <name>` for a forwarded HTTP route. */
  readonly target: string;
  /** The task port (or the application load balancer's listener port) it forwards to. */
  readonly targetPort: number;
  /** Whether the target sees the client's address as the source. */
  readonly preservesClientIp: boolean;
  /**
   * Whether a TLS listener opens TLS to its target again (target group protocol TLS).
   *
   * @default false
   */
  readonly tlsToTarget?: boolean;
}

/** One listener of a Network Load Balancer that forwards to a service. */
export interface ServiceNetworkListener {
  /** The Network Load Balancer. */
  readonly loadBalancer: NetworkLoadBalancer;
  /** The listener port. */
  readonly port: number;
  /** The listener protocol. */
  readonly protocol: elbv2.Protocol;
  /** The listener. */
  readonly listener: elbv2.NetworkListener;
  /** The service's target group behind it. */
  readonly targetGroup: elbv2.NetworkTargetGroup;
}

/**
 * A Network Load Balancer of the network (`networkLoadBalancers`), with its security group, its fixed
 * addresses and its endpoint service; services add listeners to it through `networkListeners`.
 */
export class NetworkLoadBalancer {
  /** @internal */
  public static _create(parts: NetworkLoadBalancerParts): NetworkLoadBalancer {
    return new NetworkLoadBalancer(parts);
  }

  /** The name services use in `networkListeners`. */
  public readonly name: string;
  /** Whether it faces the internet. */
  public readonly internetFacing: boolean;
  /** The Network Load Balancer. */
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;
  /** Its security group: the listener ports from `ingressPeers` in, the task ports out. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The Elastic IP addresses the network allocated for it, one per Availability Zone. */
  public readonly elasticIps: ec2.CfnEIP[];
  /** The allocation ids of its fixed addresses (given or allocated), one per Availability Zone; empty without `elasticIps`. */
  public readonly allocationIds: string[];
  /** The VPC endpoint service that publishes it, when `endpointService` was given. */
  public readonly endpointService?: ec2.VpcEndpointService;
  /**
   * Who may connect to its listeners.
   * @internal
   */
  public readonly _peers: ec2.IPeer[];
  /**
   * The prop that configures it (`networkLoadBalancers[i]`), for messages.
   * @internal
   */
  public readonly _prop: string;
  /**
   * The AwsSolutions-EC23 acknowledgement of its security group, when it is internet-facing without
   * `ingressPeers`: it holds while every listener port is 80 or 443.
   * @internal
   */
  public readonly _openIngressAcknowledgement?: ConditionalAcknowledgement;
  private readonly listenerList: NetworkListenerSummary[] = [];

  private constructor(parts: NetworkLoadBalancerParts) {
    this.name = parts.name;
    this.internetFacing = parts.internetFacing;
    this.loadBalancer = parts.loadBalancer;
    this.securityGroup = parts.securityGroup;
    this.elasticIps = parts.elasticIps;
    this.allocationIds = parts.allocationIds;
    this.endpointService = parts.endpointService;
    this._peers = parts.peers;
    this._prop = parts.prop;
    this._openIngressAcknowledgement = parts.openIngressAcknowledgement;
  }

  /** Its DNS name (a CloudFormation token until deployed). */
  public get dnsName(): string {
    return this.loadBalancer.loadBalancerDnsName;
  }

  /** Its listeners, in the order they were added. */
  public get listeners(): NetworkListenerSummary[] {
    return [...this.listenerList];
  }

  /**
   * Records a listener.
   * @internal
   */
  public _addListener(listener: NetworkListenerSummary): void {
    this.listenerList.push(listener);
  }
}
