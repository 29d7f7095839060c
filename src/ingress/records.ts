import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type { Construct } from 'constructs';

/** The IP address types of a load balancer that answer over IPv6. */
const DUAL_STACK = ['dualstack', 'dualstack-without-public-ipv4'];

/**
 * Points `host` at `loadBalancer` in `zone`: an alias A record, and an alias AAAA record when the load
 * balancer is dual-stack. Alias records to a load balancer cost nothing and follow its addresses.
 */
export function addAliasRecords(scope: Construct, id: string, zone: route53.IHostedZone, host: string,
  loadBalancer: elbv2.ApplicationLoadBalancer): route53.RecordSet[] {
  const target = route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(loadBalancer));
  const records: route53.RecordSet[] = [new route53.ARecord(scope, id, { zone, recordName: host, target })];
  const ipAddressType = (loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer).ipAddressType;
  if (ipAddressType !== undefined && DUAL_STACK.includes(ipAddressType)) {
    records.push(new route53.AaaaRecord(scope, `${id}Ipv6`, { zone, recordName: host, target }));
  }
  return records;
}

/** A construct id for the record of `host`: letters, digits and hyphens (`*` becomes `wildcard`). */
export function recordId(prefix: string, host: string): string {
  return `${prefix}-${host.toLowerCase().replace(/\*/g, 'wildcard').replace(/[^a-z0-9-]+/g, '-')}`;
}
