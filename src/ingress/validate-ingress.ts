import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { inZone } from './certificates';
import type { IngressKind } from './ingress';
import { requireDnsName } from '../private/aws-values/dns-names';
import { invalidProp, requireIntegerInRange } from '../private/validation';
import { validateLoadBalancerOptions } from '../routing/create-load-balancer';
import { IngressAccess } from '../routing/ingress-access';
import type { LoadBalancerOptions } from '../routing/load-balancer';
import type { RoutingOptions } from '../routing/routing-options';

/** Checks the options of both kinds of load balancer, before any of them exists. */
export function validateIngressOptions(region: string, primaryEnabled: boolean, primaryAccess: IngressAccess,
  primary: LoadBalancerOptions, internal: LoadBalancerOptions | undefined): void {
  if (primaryEnabled) validateKindOptions('loadBalancer', region, primaryAccess, primary);
  if (!internal) return;
  if (primaryAccess === IngressAccess.INTERNAL && primaryEnabled) {
    throw invalidProp('internalLoadBalancer', 'cannot be combined with an internal `loadBalancer` (`loadBalancer.internetFacing` is false)', Object.keys(internal),
      'Give the options of the internal load balancers in `loadBalancer`, or make `loadBalancer` internet-facing.');
  }
  if (internal.internetFacing === true) {
    throw invalidProp('internalLoadBalancer.internetFacing', 'cannot be true: these are the internal load balancers', true,
      'Leave `internetFacing` out here; `loadBalancer` describes the internet-facing ones.');
  }
  if (internal.enabled === false) {
    const conflicting = Object.entries(internal).filter(([k, v]) => k !== 'enabled' && v !== undefined).map(([k]) => k);
    if (conflicting.length > 0) {
      throw invalidProp('internalLoadBalancer', 'has options while `internalLoadBalancer.enabled` is false', conflicting,
        'Remove the options, or enable the internal load balancer.');
    }
    return;
  }
  validateKindOptions('internalLoadBalancer', region, IngressAccess.INTERNAL, internal);
  if (primaryEnabled && internal.webAclArn !== undefined && internal.webAclArn === primary.webAclArn && !Token.isUnresolved(internal.webAclArn)) {
    throw invalidProp('internalLoadBalancer.webAclArn', 'is the web ACL of the internet-facing load balancer: its rules are written for internet ' +
      'clients (rate limits and reputation lists by public source address), and callers inside the VPC all arrive from private addresses',
    internal.webAclArn, 'Give the internal load balancers a web ACL of their own, or none.');
  }
}

function validateKindOptions(prop: string, region: string, access: IngressAccess, options: LoadBalancerOptions): void {
  validateLoadBalancerOptions(prop, region, options);
  requireIntegerInRange(`${prop}.maxLoadBalancers`, options.maxLoadBalancers, 1, 1000,
    'Each load balancer holds 100 routes; give the most you accept to pay for.');
  if (options.additionalCertificates?.length && !options.certificate) {
    throw invalidProp(`${prop}.additionalCertificates`, 'needs `certificate`: the HTTPS listener takes its default certificate from it', options.additionalCertificates.length,
      'Give `certificate` too (the additional certificates are chosen by SNI), or list the certificate first.');
  }
  const zone = options.hostedZone;
  if (!zone) return;
  zoneNameOf(`${prop}.hostedZone`, zone);
  const error = zoneKindError(prop, access, zone);
  if (error) throw error;
}

/**
 * The error when a hosted zone is of the wrong kind for its load balancers: a private zone for
 * internet-facing ones, a public zone for internal ones. A plain `HostedZone` is private once a VPC is
 * associated (`addVpc()`, possibly after the network exists), so check it again at synthesis.
 */
export function zoneKindError(prop: string, access: IngressAccess, zone: route53.IHostedZone, atSynthesis = false): Error | undefined {
  const seen = zoneVisibility(zone);
  const visibility = seen === 'pending' && atSynthesis ? 'public' : seen;
  if (access === IngressAccess.PUBLIC && visibility === 'private') {
    return invalidProp(`${prop}.hostedZone`, 'is a private hosted zone, but the load balancer faces the internet: its records would resolve only inside the associated VPCs',
      zone.zoneName, 'Give the public hosted zone of the domain; a private zone goes to the internal load balancers.');
  }
  if (access === IngressAccess.INTERNAL && visibility === 'public') {
    return invalidProp(`${prop}.hostedZone`, 'is a public hosted zone: its records would publish the private addresses of the internal load balancer to the internet',
      zone.zoneName, 'Give a private hosted zone associated with the VPC: `new route53.HostedZone(this, \'Zone\', { zoneName })` and `zone.addVpc(network.vpc)`, ' +
      'or a `PrivateHostedZone`.');
  }
  return undefined;
}

/** The name of a hosted zone, which the host checks need at synth time. */
export function zoneNameOf(prop: string, zone: route53.IHostedZone): string {
  let name: string;
  try {
    name = zone.zoneName;
  } catch {
    // `HostedZone.fromHostedZoneId()` throws when asked for its name
    name = '(unknown: imported by id)';
  }
  if (Token.isUnresolved(name) || name.startsWith('(unknown')) {
    throw invalidProp(prop, 'must have a zone name known at synth time: the network checks every routed host against it', name,
      'Import the zone with `HostedZone.fromHostedZoneAttributes()` (giving `zoneName`) or `fromLookup()`.');
  }
  requireDnsName(prop, name, 'Give a hosted zone whose name Route 53 can hold.');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Whether a hosted zone is public, private, or cannot be told yet: imported by id, or a plain
 * `HostedZone` without a VPC so far (`pending`: it is private once `addVpc()` is called).
 */
function zoneVisibility(zone: route53.IHostedZone): 'public' | 'private' | 'pending' | 'unknown' {
  if (zone instanceof route53.PrivateHostedZone) return 'private';
  if (zone instanceof route53.PublicHostedZone) return 'public';
  // `vpcs` is protected, hence the cast
  if (zone instanceof route53.HostedZone) return ((zone as unknown as { vpcs?: unknown[] }).vpcs ?? []).length > 0 ? 'private' : 'pending';
  return 'unknown';
}

/** Whether a zone's kind can only be told at synthesis (a plain `HostedZone`, which may get a VPC later). */
export function zoneKindPending(zone: route53.IHostedZone): boolean {
  return zoneVisibility(zone) === 'pending';
}

/**
 * Checks the hosts of a route against the zone and the requested certificates of a kind: each must
 * lie in them and be a name a record can carry (`*` only as the whole first label, no `?`).
 */
export function validateRouteHosts(prop: string, routing: RoutingOptions, kind: IngressKind): void {
  const zone = kind.options.hostedZone;
  const certificates = kind.certificates;
  if (!zone && !certificates) return;
  for (const host of routing.hostHeaders ?? []) {
    requireDnsName(`${prop}.hostHeaders`, host, 'Shorten the host: it becomes a DNS record and a name on a certificate.');
    if (host.includes('?') || (host.includes('*') && !/^\*\.[^*]+$/.test(host))) {
      throw invalidProp(`${prop}.hostHeaders`, `is a pattern that no DNS record or certificate can carry (on the ${kindLabel(kind)} load balancers, which have a hosted zone)`, host,
        'Use host names, or `*.` as the whole first label (`*.example.com`).');
    }
    if (zone) {
      const zoneName = zoneNameOf(`${kind.prop}.hostedZone`, zone);
      if (!inZone(host, zoneName)) {
        throw invalidProp(`${prop}.hostHeaders`, `must lie in the hosted zone \`${zoneName}\` of \`${kind.prop}.hostedZone\`, where its record goes`, host,
          `Use a host under ${zoneName}, or give \`${kind.prop}.hostedZone\` the zone of this host.`);
      }
    }
    if (certificates && !certificates.covers(host)) {
      throw invalidProp(`${prop}.hostHeaders`, `needs a certificate, which the network requests through the public zone \`${certificates.zoneName}\` ` +
        '(ACM validates names in public DNS), but lies outside it', host,
      `Use a host under ${certificates.zoneName}, or give \`${kind.prop}.certificate\`.`);
    }
  }
}

function kindLabel(kind: IngressKind): string {
  return kind.access === IngressAccess.PUBLIC ? 'internet-facing' : 'internal';
}
