import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { IngressLoadBalancerParts } from './ingress-parts';
import type { IngressAccess } from '../routing/ingress-access';
import type { Router } from '../routing/router';
import type { WebApplicationFirewall } from '../routing/web-application-firewall';

/**
 * One load balancer of the network's ingress, with its listeners and what it serves. The network
 * creates them as routes need them: the first of each kind when a route asks for that kind, the next
 * ones when a route no longer fits (an Application Load Balancer holds at most 100 target groups).
 */
export class IngressLoadBalancer {
  /**
   * @internal
   */
  public static _create(props: IngressLoadBalancerParts): IngressLoadBalancer {
    return new IngressLoadBalancer(props);
  }

  /** Who reaches it: `IngressAccess.PUBLIC` (internet-facing) or `IngressAccess.INTERNAL`. */
  public readonly access: IngressAccess;
  /** Its number among the load balancers of its kind, from 1 in the order they were created. */
  public readonly index: number;
  /** Its name in the report and in messages: `public`, `public-2`, `internal`, `internal-2`... */
  public readonly name: string;
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTP listener (redirecting to HTTPS when the load balancer serves HTTPS). */
  public readonly httpListener: elbv2.ApplicationListener;
  /** The HTTPS listener, when there is a certificate or a hosted zone to create one in. */
  public readonly httpsListener?: elbv2.ApplicationListener;
  /** The listener that carries the routes: HTTPS when there is one, else HTTP. */
  public readonly routingListener: elbv2.ApplicationListener;
  /** The association with the web ACL of the kind's options (`webAclArn` or `webApplicationFirewall`), when it has one. */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The managed web application firewall of its kind (`webApplicationFirewall`), shared by the load balancers of the kind. */
  public readonly webApplicationFirewall?: WebApplicationFirewall;
  /**
   * The routes on this load balancer.
   * @internal
   */
  public readonly _router: Router;
  /**
   * Who may reach its listeners (`ingressPeers`, or the default).
   * @internal
   */
  public readonly _peers: ec2.IPeer[];
  /**
   * The prop of its options, for messages: `loadBalancer` or `internalLoadBalancer`.
   * @internal
   */
  public readonly _prop: string;
  private readonly certs: acm.ICertificate[];
  private readonly hostNames: string[] = [];

  private constructor(props: IngressLoadBalancerParts) {
    this.access = props.access;
    this.index = props.index;
    this.name = props.index === 1 ? props.access.toLowerCase() : `${props.access.toLowerCase()}-${props.index}`;
    this.loadBalancer = props.loadBalancer;
    this.httpListener = props.httpListener;
    this.httpsListener = props.httpsListener;
    this.routingListener = props.httpsListener ?? props.httpListener;
    this.webAclAssociation = props.webAclAssociation;
    this.webApplicationFirewall = props.webApplicationFirewall;
    this._router = props.router;
    this._peers = props.peers;
    this._prop = props.prop;
    this.certs = [...props.certificates];
  }

  /** Its DNS name, the address of every host it serves (a CloudFormation token until deployed). */
  public get dnsName(): string {
    return this.loadBalancer.loadBalancerDnsName;
  }

  /** The certificates of its HTTPS listener: the default one first, then the SNI ones. */
  public get certificates(): acm.ICertificate[] {
    return [...this.certs];
  }

  /** The host names its routes match, in the order they were placed. */
  public get hosts(): string[] {
    return [...this.hostNames];
  }

  /** How many routes (each with a target group of its own) it carries. */
  public get routeCount(): number {
    return this._router.routes.length;
  }

  /**
   * Records a certificate added to the HTTPS listener.
   * @internal
   */
  public _addCertificate(certificate: acm.ICertificate): void {
    this.certs.push(certificate);
  }

  /**
   * Records a host its routes match.
   * @internal
   */
  public _addHost(host: string): void {
    if (!this.hostNames.includes(host)) this.hostNames.push(host);
  }
}
