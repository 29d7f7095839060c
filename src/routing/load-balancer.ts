import type { Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { MutualTlsOptions } from './mutual-tls';
import type { WebApplicationFirewallOptions } from './web-application-firewall';

/**
 * How the certificates the network requests from ACM (with a public `hostedZone` and no `certificate`)
 * name the routed hosts. Both name hosts exactly, never a wildcard the routes do not ask for.
 */
export enum HostCertificates {
  /**
   * A certificate per host, and one for the zone's name (the listener's default): adding or removing a
   * host creates or deletes its own certificate and touches no other. A load balancer takes 25
   * certificates by SNI (the adjustable "Certificates per Application Load Balancer" quota), so with
   * the network's `assignmentsFile` a 26th host goes to another load balancer of its kind; without, it
   * is a warning that names the quota.
   */
  PER_HOST = 'PER_HOST',
  /**
   * Hosts share 20 certificates per load balancer of up to 10 names each, chosen by a hash of the host:
   * up to 190 hosts per load balancer within the default quotas, but adding or removing a host
   * re-issues the certificate it shares with up to 9 other hosts (CloudFormation issues the new one
   * and swaps it on the listener before deleting the old one, so those hosts keep serving).
   */
  SHARED = 'SHARED',
}

/**
 * The Application Load Balancers of one kind (internet-facing or internal) in front of the network's
 * routed services. The network creates a first one, and more of the kind when routes no longer fit.
 */
export interface LoadBalancerOptions {
  /**
   * Whether the network has a load balancer. Without one, no service can set `routing`.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether the load balancer faces the internet (in the public subnets) or is internal (in the task subnets).
   *
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * The IP addresses clients reach the load balancer on: `ipv4`, `dualstack` (IPv4 and IPv6), or
   * `dualstack-without-public-ipv4` (internet-facing only: IPv6 clients only, and no public IPv4
   * address to pay for). Dual-stack needs a network with IPv6 (`ipStack`); IPv6-only tasks need a
   * dual-stack load balancer. The default ingress peers follow: any IPv4 and any IPv6 address.
   *
   * @default - `dualstack` when `ipStack` has IPv6, else `ipv4`
   */
  readonly ipAddressType?: elbv2.IpAddressType;

  /**
   * A certificate for HTTPS, the default certificate of the HTTPS listener. With one, the load balancer
   * listens on 443 with `sslPolicy`, and port 80 redirects to HTTPS.
   *
   * @default - with a public `hostedZone`, DNS-validated certificates for the routed hosts; else HTTP on port 80 only
   */
  readonly certificate?: acm.ICertificate;

  /**
   * More certificates for the HTTPS listener, chosen by SNI (the host name the client asks for), for
   * hosts that `certificate` does not cover. Needs `certificate`.
   *
   * @default - none
   */
  readonly additionalCertificates?: acm.ICertificate[];

  /**
   * The Route 53 hosted zone of the routed hosts: a public zone for internet-facing load balancers, a
   * private zone (associated with the VPC) for internal ones. Every host that a route of this kind
   * matches gets an alias record (A, and AAAA on a dual-stack load balancer) to the load balancer that
   * serves it, and must lie in the zone. Without `certificate`, a public zone also validates the
   * certificates the network requests from ACM: one for the zone's name (the listener's default) and
   * the hosts' own, chosen by SNI, as `hostCertificates` says; they name the hosts exactly. Internal load balancers get theirs through the public zone of `loadBalancer`, when the hosts lie in it.
   *
   * @default - no DNS records; HTTPS only with `certificate`
   */
  readonly hostedZone?: route53.IHostedZone;

  /**
   * How the certificates requested through the public `hostedZone` name the hosts: one per host, or
   * shared by up to 10 hosts each (see `HostCertificates`). Ignored with `certificate`.
   *
   * @default HostCertificates.PER_HOST
   */
  readonly hostCertificates?: HostCertificates;

  /**
   * The most load balancers of this kind the network may create. A load balancer holds at most 100
   * target groups (one per route), a limit AWS cannot raise: the route that does not fit goes to a new
   * load balancer, and with this cap reached it is an error. Each load balancer costs its hours, its
   * capacity units and, when internet-facing, a public IPv4 address per Availability Zone.
   *
   * @default - no cap: a new load balancer whenever 100 routes fill the last one
   */
  readonly maxLoadBalancers?: number;

  /**
   * The TLS policy of the HTTPS listener.
   *
   * @default elbv2.SslPolicy.TLS13_12_RES_PQ (TLS 1.3 and 1.2 with AEAD ciphers only, no CBC; hybrid post-quantum key exchange; the console's default)
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * Mutual TLS on the HTTPS listener: clients present certificates, verified against a trust store
   * (or passed to the tasks). Needs `certificate` or a public `hostedZone`.
   *
   * @default - no client certificates asked for
   */
  readonly mutualTls?: MutualTlsOptions;

  /**
   * Who may connect to the listeners.
   *
   * @default - any IPv4 address for an internet-facing load balancer; the VPC CIDR for an internal one
   */
  readonly ingressPeers?: ec2.IPeer[];

  /**
   * The idle timeout of connections (1 to 4000 seconds).
   *
   * @default Duration.seconds(60)
   */
  readonly idleTimeout?: Duration;

  /**
   * Whether to write access logs to S3.
   *
   * @default true
   */
  readonly accessLogs?: boolean;

  /**
   * The bucket for access logs. It must use SSE-S3 encryption (the load balancer cannot write to a KMS-encrypted bucket).
   *
   * @default - an SSE-S3 encrypted, public-access-blocked, SSL-only bucket owned by the network
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Whether deletion protection is on. While it is on, deleting the stack (`cdk destroy`) fails on the
   * load balancer: set it to `false` and deploy before removing the network.
   *
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * The ARN of an AWS WAF web ACL to associate with the load balancer. It must be a regional web ACL
   * (`arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`) in the stack's region; a
   * CloudFront (global) web ACL cannot protect a load balancer. Not with `webApplicationFirewall`.
   *
   * @default - no web ACL
   */
  readonly webAclArn?: string;

  /**
   * A managed web application firewall for every load balancer of this kind, including those the
   * network creates later when routes fill one: a regional AWS WAF web ACL with the AWS managed rule
   * groups Amazon IP reputation list, known bad inputs and core rule set, and a rate-based rule per
   * client IP address, counting or blocking, logged to an encrypted log group. About USD 9 a month
   * per kind (a web ACL and 4 rules) plus USD 0.60 per million requests. Not with `webAclArn`.
   *
   * @default - no web application firewall (see the README, "Web application firewall", for why)
   */
  readonly webApplicationFirewall?: WebApplicationFirewallOptions;
}
