import { Aws, Duration, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { encryptionOf, listenerFlows } from './listener-flows';
import type { NetworkListenerSummary } from './network-load-balancer';
import { NetworkLoadBalancer } from './network-load-balancer';
import type { NetworkLoadBalancerOptions } from './network-load-balancer-options';
import { ElasticIps } from './network-load-balancer-options';
import { FlowEndKind } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { NetworkLayout } from '../network/vpc';
import { SUBNET_GROUP } from '../network/vpc';
import { ConditionalAcknowledgement } from '../private/acknowledge';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import { requireDistinctEc2ResourceIds } from '../private/aws-values/resource-ids';
import { DNS_LABEL, invalidProp, requireInstanceOf } from '../private/validation';
import { IngressAccess } from '../routing/ingress-access';
import { defaultIngressPeers } from '../routing/ip-address-type';
import { NetworkAclTier } from '../segmentation/network-acl-options';

/** What a Network Load Balancer is built with, beyond its options. */
export interface NetworkLoadBalancerContext {
  readonly layout: NetworkLayout;
  /** The prop that configures it (`networkLoadBalancers[i]`), for messages. */
  readonly prop: string;
  /** The bucket of the network's access logs, if any. */
  readonly accessLogsBucket?: s3.IBucket;
}

/**
 * Checks the options of every Network Load Balancer before any exists; `natAllocationIds` are the
 * Elastic IPs that `egress` gives its NAT gateways (an address serves one resource).
 */
export function validateNetworkLoadBalancers(all: NetworkLoadBalancerOptions[], azCount: number, natAllocationIds: readonly string[] = []): void {
  const seen = new Set<string>();
  const addressOwners = new Map<string, string>(natAllocationIds.map((id, i) => [id, `\`egress.eipAllocationIds[${i}]\` (a NAT gateway)`]));
  all.forEach((options, i) => {
    const prop = `networkLoadBalancers[${i}]`;
    if (!DNS_LABEL.test(options.name)) {
      throw invalidProp(`${prop}.name`, 'must be a DNS label (lower-case letters, digits and hyphens, at most 63 characters)', options.name,
        'Use a name such as `edge` or `partners`.');
    }
    if (seen.has(options.name)) {
      throw invalidProp(`${prop}.name`, 'is the name of another Network Load Balancer of the network', options.name, 'Give each one a unique name.');
    }
    seen.add(options.name);
    requireInstanceOf(`${prop}.elasticIps`, options.elasticIps, ElasticIps, 'ElasticIps.allocate()');
    const internetFacing = options.internetFacing ?? true;
    if (options.elasticIps && !internetFacing) {
      throw invalidProp(`${prop}.elasticIps`, 'only apply to an internet-facing load balancer: an internal one has private addresses', 'elastic IPs',
        'Remove `elasticIps`, or make the load balancer internet-facing.');
    }
    const given = options.elasticIps?._allocationIds;
    if (given && given.length !== azCount) {
      throw invalidProp(`${prop}.elasticIps`, `must give one allocation id per Availability Zone of the network (${azCount}): the load balancer has a node in each`,
        given, `Give ${azCount} allocation ids, or use \`ElasticIps.allocate()\`.`);
    }
    requireDistinctEc2ResourceIds(`${prop}.elasticIps`, 'eipalloc', given, 'an Elastic IP allocation ID');
    (given ?? []).forEach((id, j) => {
      const owner = Token.isUnresolved(id) ? undefined : addressOwners.get(id);
      if (owner !== undefined) {
        throw invalidProp(`${prop}.elasticIps[${j}]`, `is also given to ${owner}: an Elastic IP address is associated with one resource at a time`, id,
          'Allocate another Elastic IP address for one of them, or use `ElasticIps.allocate()`.');
      }
      addressOwners.set(id, `\`${prop}.elasticIps[${j}]\` (Network Load Balancer \`${options.name}\`)`);
    });
    if (options.endpointService && internetFacing) {
      throw invalidProp(`${prop}.endpointService`, 'needs an internal load balancer: AWS PrivateLink publishes internal Network Load Balancers only', 'an endpoint service',
        'Set `internetFacing: false` on this load balancer, or publish another, internal one.');
    }
    if (options.ingressPeers?.length === 0) {
      throw invalidProp(`${prop}.ingressPeers`, 'must admit at least one peer: an empty list lets no client reach the listeners', [],
        'List the CIDR ranges or security groups of the clients, or leave `ingressPeers` out for the default.');
    }
  });
}

/** Creates a Network Load Balancer, with its security group, fixed addresses and endpoint service, in `scope`. */
export function createNetworkLoadBalancer(
  scope: Construct, options: NetworkLoadBalancerOptions, context: NetworkLoadBalancerContext): NetworkLoadBalancer {
  const { layout } = context;
  const internetFacing = options.internetFacing ?? true;
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: layout.vpc,
    allowAllOutbound: false,
    description: securityGroupDescription(`${internetFacing ? 'Internet-facing' : 'Internal'} Network Load Balancer ${options.name}: listener ports in, task ports out`),
  });
  // IPv6-only tasks register in IPv6 target groups, which only a dual-stack load balancer has; an
  // internal one then goes into the dual-stack private subnets (a load balancer needs IPv4 in its subnets)
  const ipv6Targets = layout.ipStack._ipv6OnlyTasks;
  const ipAddressType = ipv6Targets ? elbv2.IpAddressType.DUAL_STACK : elbv2.IpAddressType.IPV4;
  const placement = internetFacing ? { subnetType: ec2.SubnetType.PUBLIC, onePerAz: true }
    : ipv6Targets ? { subnetGroupName: SUBNET_GROUP.private, onePerAz: true } : { ...layout.taskSubnets, onePerAz: true };
  const subnets = layout.vpc.selectSubnets(placement).subnets;
  const elasticIps = options.elasticIps && !options.elasticIps._allocationIds
    ? subnets.map((_, i) => new ec2.CfnEIP(scope, `ElasticIp${i + 1}`, { domain: 'vpc', tags: [{ key: 'Name', value: `${options.name}-${i + 1}` }] }))
    : [];
  const allocationIds = options.elasticIps?._allocationIds ?? elasticIps.map(e => e.attrAllocationId);
  const loadBalancer = new elbv2.NetworkLoadBalancer(scope, 'LoadBalancer', {
    vpc: layout.vpc,
    internetFacing,
    ...(allocationIds.length > 0
      ? { subnetMappings: subnets.map((subnet, i) => ({ subnet, allocationId: allocationIds[i] })) }
      : { vpcSubnets: placement }),
    securityGroups: [securityGroup],
    ...(ipv6Targets ? { ipAddressType } : {}),
    crossZoneEnabled: options.crossZoneEnabled ?? true,
    deletionProtection: options.deletionProtection ?? true,
    // PrivateLink consumers are admitted by the endpoint service (allowed principals, acceptance), not by source address
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: options.endpointService ? false : undefined,
  });
  if (context.accessLogsBucket) enableNetworkAccessLogs(loadBalancer, context.accessLogsBucket, `nlb-${options.name}`);
  const endpointService = options.endpointService && new ec2.VpcEndpointService(scope, 'EndpointService', {
    vpcEndpointServiceLoadBalancers: [loadBalancer],
    acceptanceRequired: options.endpointService.acceptanceRequired ?? true,
    allowedPrincipals: options.endpointService.allowedPrincipals,
  });
  const peers = options.ingressPeers ?? defaultIngressPeers(layout, internetFacing, ipAddressType);
  // recorded by `admitOpenedFlows()` while every listener port is a web port
  const openIngressAcknowledgement = internetFacing && options.ingressPeers === undefined
    ? new ConditionalAcknowledgement(securityGroup, 'AwsSolutions-EC23',
      'An internet-facing Network Load Balancer without `ingressPeers` accepts its listener ports, all of them 80 or 443 (web traffic ' +
      'meant for anyone), from any address; `ingressPeers` narrows it.')
    : undefined;
  const parts = { name: options.name, internetFacing, loadBalancer, securityGroup, peers, elasticIps, allocationIds, endpointService };
  return NetworkLoadBalancer._create({ ...parts, prop: context.prop, openIngressAcknowledgement });
}

/**
 * Turns on the access logs of a Network Load Balancer (written for its TLS listeners) into `bucket`
 * under `prefix`. Network Load Balancers deliver through the log delivery service in every region,
 * so unlike `logAccessLogs()` this needs no region at synth time.
 */
function enableNetworkAccessLogs(nlb: elbv2.NetworkLoadBalancer, bucket: s3.IBucket, prefix: string): void {
  const principal = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: `AllowNetworkLoadBalancerAccessLogs${prefix.replace(/[^A-Za-z0-9]/g, '')}`,
    actions: ['s3:PutObject'],
    principals: [principal],
    resources: [bucket.arnForObjects(`${prefix}/AWSLogs/${Aws.ACCOUNT_ID}/*`)],
    conditions: fromThisAccount,
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowLogDeliveryAclCheck',
    actions: ['s3:GetBucketAcl'],
    principals: [principal],
    resources: [bucket.bucketArn],
    conditions: fromThisAccount,
  }));
  nlb.setAttribute('access_logs.s3.enabled', 'true');
  nlb.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  nlb.setAttribute('access_logs.s3.prefix', prefix);
  const policy = bucket.policy?.node.defaultChild;
  if (policy) nlb.node.addDependency(policy);
}

/**
 * Records why a Network Load Balancer listener carries no certificate, for the NIST 800-53 and HIPAA
 * rule that asks every ELB listener for one: a TCP or UDP listener passes the connection through
 * unchanged and UDP cannot carry a certificate. The reason says whether the traffic is encrypted: only a
 * pass-through to a TLS listener is known to be; on other ports it is as encrypted as the application makes it.
 */
export function acknowledgeNoCertificate(listener: Construct, reason: string): void {
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
    Validations.of(listener).acknowledge({ id: `${pack}-ELBv2ACMCertificateRequired`, reason });
  }
}

/** The security-group ports of a listener protocol: TCP for TCP and TLS, UDP, or both. */
export function portsOf(port: number, protocol: elbv2.Protocol): ec2.Port[] {
  switch (protocol) {
    case elbv2.Protocol.UDP: return [ec2.Port.udp(port)];
    case elbv2.Protocol.TCP_UDP: return [ec2.Port.tcp(port), ec2.Port.udp(port)];
    default: return [ec2.Port.tcp(port)];
  }
}

/**
 * Puts the routing listener of an Application Load Balancer behind `nlb`: a TCP listener on its port
 * (443 when it serves HTTPS, else 80) forwarding to a target group of type `alb`, so that its HTTP
 * routes answer on the Network Load Balancer's fixed addresses. Port 80's redirect to HTTPS stays on
 * the Application Load Balancer's own addresses: a fixed address serves HTTPS only, and never opens
 * plain HTTP to the internet. The Application Load Balancer admits the Network Load Balancer's group.
 */
export function forwardToApplicationLoadBalancer(scope: Construct, nlb: NetworkLoadBalancer, alb: IngressLoadBalancer,
  open: (flows: readonly OpenedFlow[]) => void): void {
  const listeners = [alb.httpsListener ?? alb.httpListener];
  for (const listener of listeners) {
    const port = listener === alb.httpsListener ? 443 : 80;
    const targetGroup = new elbv2.NetworkTargetGroup(scope, `AlbTargets${port}`, {
      vpc: alb.loadBalancer.vpc,
      port,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.ALB,
      targets: [new elbv2targets.AlbListenerTarget(listener)],
      // a 404 of the listener's default action or the redirect of port 80 still means the load balancer answers
      healthCheck: {
        protocol: port === 443 ? elbv2.Protocol.HTTPS : elbv2.Protocol.HTTP,
        path: '/',
        healthyHttpCodes: '200-499',
        interval: Duration.seconds(10),
      },
    });
    const forward = nlb.loadBalancer.addListener(`Alb${port}`, { port, protocol: elbv2.Protocol.TCP, defaultTargetGroups: [targetGroup] });
    if (port === 443) {
      acknowledgeNoCertificate(forward, 'A TCP pass-through to the Application Load Balancer\'s HTTPS listener, which terminates TLS with its ACM certificate.');
    }
    const albGroup = alb.loadBalancer.connections.securityGroups[0];
    albGroup.addIngressRule(nlb.securityGroup, ec2.Port.tcp(port), securityGroupDescription(`From the Network Load Balancer ${nlb.name}`));
    nlb.securityGroup.addEgressRule(albGroup, ec2.Port.tcp(port), securityGroupDescription(`To the ${alb.name} application load balancer`));
    const target = `application load balancer ${alb.name}`;
    const summary = { port, protocol: elbv2.Protocol.TCP, target, targetPort: port, preservesClientIp: true };
    nlb._addListener(summary);
    // the clients' flows, to the listener and (the client address preserved) to the Application Load Balancer's tier
    const prop = `${nlb._prop}.forwardToApplicationLoadBalancer`;
    open(listenerFlows(nlb, summary, { construct: forward, prop }, encryptionOf(nlb, summary, alb.httpsListener !== undefined, prop), {
      end: { kind: FlowEndKind.LOAD_BALANCER, name: target },
      tier: alb.access === IngressAccess.INTERNAL ? NetworkAclTier.PRIVATE : NetworkAclTier.PUBLIC,
    }));
  }
}

/**
 * Whether the Application Load Balancer a Network Load Balancer listener forwards to serves HTTPS
 * (its port 80 then only redirects); false when the target is a service.
 */
export function forwardsToHttpsOf(loadBalancers: readonly IngressLoadBalancer[]): (listener: NetworkListenerSummary) => boolean {
  const https = new Map(loadBalancers.map(lb => [`application load balancer ${lb.name}`, lb.httpsListener !== undefined]));
  return l => https.get(l.target) ?? false;
}
